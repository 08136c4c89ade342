// "Tạo chữ ký số mới": the app makes an RSA-3072 key pair (the private key
// goes only into the OS keychain) and a self-signed certificate naming the
// person, their title, unit and e-mail.
import { useState, type FormEvent } from 'react';
import type { IdentitySummaryDto } from '../../../shared/identity.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { useHandoverT } from '../handover/i18n.ts';
import { IdentityError } from './IdentityError.tsx';

interface Props {
  onCreated(identity: IdentitySummaryDto): void;
  /** Pre-filled e-mail (e.g. the unit mailbox the user works with). */
  email?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
type Field = 'name' | 'title' | 'unit' | 'email';

export function CreateIdentityForm({ onCreated, email = '' }: Props) {
  const { t } = useHandoverT();
  const [form, setForm] = useState<Record<Field, string>>({ name: '', title: '', unit: '', email });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [touched, setTouched] = useState(false);

  const missing = (Object.keys(form) as Field[]).filter((k) => form[k].trim() === '');
  const badEmail = form.email.trim() !== '' && !EMAIL.test(form.email.trim());
  const problemOf = (field: Field): string | null => {
    if (!touched) return null;
    if (missing.includes(field)) return t('identity.create.required');
    if (field === 'email' && badEmail) return t('identity.create.badEmail');
    return null;
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (missing.length > 0 || badEmail) return;
    setBusy(true);
    setError(null);
    try {
      const created = await invoke('identity.create', {
        name: form.name.trim(),
        title: form.title.trim(),
        unit: form.unit.trim(),
        email: form.email.trim(),
      });
      onCreated(created);
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(false);
    }
  }

  const field = (name: Field, type: 'text' | 'email' = 'text', autoComplete = 'off') => {
    const problem = problemOf(name);
    const id = `identity-${name}`;
    return (
      <div className="field">
        <label htmlFor={id}>{t(`identity.create.${name}`)}</label>
        <input
          id={id}
          type={type}
          data-testid={id}
          value={form[name]}
          autoComplete={autoComplete}
          placeholder={t(`identity.create.${name}Placeholder`)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
          onChange={(e) => setForm((f) => ({ ...f, [name]: e.target.value }))}
        />
        {problem && (
          <div className="field-error" id={`${id}-error`}>
            {problem}
          </div>
        )}
      </div>
    );
  };

  return (
    <form className="handover-card" onSubmit={(e) => void submit(e)} noValidate data-testid="identity-create-form">
      <h3>{t('identity.create.heading')}</h3>
      <p className="hint">{t('identity.create.intro')}</p>
      <div className="form-grid">
        {field('name', 'text', 'name')}
        {field('title', 'text', 'organization-title')}
        {field('unit', 'text', 'organization')}
        {field('email', 'email', 'email')}
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
