// "Nhập tệp .p12/.pfx": a certificate and key issued by a CA, with its chain.
// The password is in the input (and the form's store, never React state)
// only until the call returns; then both are emptied. The fields are judged
// by the identity.importP12 call's own schema.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { contract } from '../../../shared/contract.ts';
import type { IdentitySummaryDto } from '../../../shared/identity.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { baseName } from '../format/filename.ts';
import { contractFormSchema, given } from '../forms/contractSchema.ts';
import { FieldError } from '../forms/FieldError.tsx';
import { useHandoverT } from '../handover/i18n.ts';
import { IdentityError } from './IdentityError.tsx';

interface Values {
  /** Chosen with main's file dialog (handover.pickFile), the only kind of path main accepts. */
  path: string;
  password: string;
}
type ImportInput = { path: string; password: string };

const schema = contractFormSchema<Values, ImportInput>({
  contract: contract['identity.importP12'].input,
  toInput: (values) => ({ path: given(values.path), password: values.password || undefined }),
});

export function ImportP12Form({ onImported }: { onImported(identity: IdentitySummaryDto): void }) {
  const { t } = useHandoverT();
  const form = useForm<Values, unknown, ImportInput>({
    resolver: zodResolver(schema),
    defaultValues: { path: '', password: '' },
  });
  const path = useWatch({ control: form.control, name: 'path' });
  const busy = form.formState.isSubmitting;
  const [error, setError] = useState<UiError | null>(null);

  async function pick() {
    setError(null);
    try {
      const picked = await invoke('handover.pickFile', { purpose: 'p12' });
      if (picked) form.setValue('path', picked.path);
    } catch (e) {
      setError(toUiError(e));
    }
  }

  const submit = form.handleSubmit(async (input) => {
    setError(null);
    try {
      onImported(await invoke('identity.importP12', input));
    } catch (e) {
      setError(toUiError(e));
    } finally {
      form.resetField('password');
    }
  });

  const passwordLabel = t('identity.import.password');
  return (
    <form className="handover-card" onSubmit={(e) => void submit(e)} noValidate data-testid="identity-import-form">
      <h3>{t('identity.import.heading')}</h3>
      <p className="hint">{t('identity.import.intro')}</p>
      <div className="field">
        <span className="label">{t('identity.import.file')}</span>
        <div className="inline-row">
          <button type="button" className="btn" data-testid="identity-import-pick" onClick={() => void pick()}>
            {t('identity.import.pick')}
          </button>
          <span className="file-name" data-testid="identity-import-file">
            {path ? baseName(path) : t('identity.import.noFile')}
          </span>
        </div>
      </div>
      <div className="field">
        <label htmlFor="identity-p12-password">{passwordLabel}</label>
        <input
          id="identity-p12-password"
          type="password"
          autoComplete="off"
          data-testid="identity-import-password"
          disabled={!path || busy}
          aria-invalid={form.formState.errors.password ? true : undefined}
          {...form.register('password')}
        />
        <FieldError error={form.formState.errors.password} label={passwordLabel} />
        <div className="hint">{t('identity.import.passwordHint')}</div>
      </div>
      {error && <IdentityError error={error} testId="identity-import-error" />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" data-testid="identity-import-submit" disabled={!path || busy}>
          {busy ? t('identity.import.busy') : t('identity.import.submit')}
        </button>
      </div>
    </form>
  );
}
