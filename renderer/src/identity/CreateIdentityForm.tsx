// "Tạo chữ ký số mới": the app makes an RSA-3072 key pair (the private key
// goes only into the OS keychain) and a self-signed certificate naming the
// person, their title, unit and e-mail. The fields are judged by the
// identity.create call's own schema.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { contract } from '../../../shared/contract.ts';
import type { IdentityCreateInput, IdentitySummaryDto } from '../../../shared/identity.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { contractFormSchema, given } from '../forms/contractSchema.ts';
import { FieldError } from '../forms/FieldError.tsx';
import { useHandoverT } from '../handover/i18n.ts';
import { IdentityError } from './IdentityError.tsx';

interface Props {
  onCreated(identity: IdentitySummaryDto): void;
  /** Pre-filled e-mail (e.g. the unit mailbox the user works with). */
  email?: string;
}

type Values = Record<keyof IdentityCreateInput, string>;

const schema = contractFormSchema<Values, IdentityCreateInput>({
  contract: contract['identity.create'].input,
  toInput: (values) => ({
    name: given(values.name),
    title: given(values.title),
    unit: given(values.unit),
    email: given(values.email),
  }),
});

export function CreateIdentityForm({ onCreated, email = '' }: Props) {
  const { t } = useHandoverT();
  const form = useForm<Values, unknown, IdentityCreateInput>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', title: '', unit: '', email },
  });
  const [error, setError] = useState<UiError | null>(null);
  const busy = form.formState.isSubmitting;

  const submit = form.handleSubmit(async (input) => {
    setError(null);
    try {
      onCreated(await invoke('identity.create', input));
    } catch (e) {
      setError(toUiError(e));
    }
  });

  return (
    <form className="handover-card" onSubmit={(e) => void submit(e)} noValidate data-testid="identity-create-form">
      <h3>{t('identity.create.heading')}</h3>
      <p className="hint">{t('identity.create.intro')}</p>
      <div className="form-grid">
        <IdentityField form={form} name="name" autoComplete="name" />
        <IdentityField form={form} name="title" autoComplete="organization-title" />
        <IdentityField form={form} name="unit" autoComplete="organization" />
        <IdentityField form={form} name="email" type="email" autoComplete="email" />
      </div>
      {error && <IdentityError error={error} testId="identity-create-error" />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" data-testid="identity-create-submit" disabled={busy}>
          {busy ? t('identity.create.busy') : t('identity.create.submit')}
        </button>
      </div>
    </form>
  );
}

interface FieldProps {
  form: UseFormReturn<Values, unknown, IdentityCreateInput>;
  name: keyof Values;
  type?: 'text' | 'email';
  autoComplete: string;
}

function IdentityField({ form, name, type = 'text', autoComplete }: FieldProps) {
  const { t } = useHandoverT();
  const problem = form.formState.errors[name];
  const id = `identity-${name}`;
  const label = t(`identity.create.${name}`);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        data-testid={id}
        autoComplete={autoComplete}
        placeholder={t(`identity.create.${name}Placeholder`)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
        {...form.register(name)}
      />
      <FieldError error={problem} label={label} id={`${id}-error`} />
    </div>
  );
}
