// Host / port / security for one server (IMAP or SMTP).
import { useTranslation } from 'react-i18next';
import type { SecurityMode } from '../../../shared/account.ts';
import { withSecurity, type FieldErrors, type ServerForm, type ServerRole } from './draft.ts';
import { FieldError } from './FieldError.tsx';

interface Props {
  role: ServerRole;
  value: ServerForm;
  errors: FieldErrors;
  disabled: boolean;
  onChange(next: ServerForm): void;
}

const MODES: SecurityMode[] = ['tls', 'starttls', 'none'];

export function ServerFields({ role, value, errors, disabled, onChange }: Props) {
  const { t } = useTranslation();
  const label = { tls: t('form.secTls'), starttls: t('form.secStarttls'), none: t('form.secNone') };
  const id = (field: string) => `${role}-${field}`;
  const title = role === 'imap' ? t('form.incoming') : t('form.outgoing');
  return (
    <fieldset className="server-fields" data-testid={`${role}-fields`} disabled={disabled}>
      {/* The legend names the group for screen readers; the visible copy sits in the grid row. */}
      <legend className="visually-hidden">{title}</legend>
      <div className="server-grid">
        <div className="server-role" aria-hidden="true">
          {title}
        </div>
        <div className="field field-host">
          <label htmlFor={id('host')}>{t('form.host')}</label>
          <input
            id={id('host')}
            data-testid={id('host')}
            value={value.host}
            autoComplete="off"
            spellCheck={false}
            placeholder={role === 'imap' ? 'mail.binhphuoc.gov.vn' : 'smtp.binhphuoc.gov.vn'}
            aria-invalid={errors[`${role}.host`] ? true : undefined}
            onChange={(e) => onChange({ ...value, host: e.target.value })}
          />
          <FieldError problem={errors[`${role}.host`]} field={t('form.host')} />
        </div>
        <div className="field field-port">
          <label htmlFor={id('port')}>{t('form.port')}</label>
          <input
            id={id('port')}
            data-testid={id('port')}
            value={value.port}
            inputMode="numeric"
            aria-invalid={errors[`${role}.port`] ? true : undefined}
            onChange={(e) => onChange({ ...value, port: e.target.value.replace(/\D/g, '').slice(0, 5) })}
          />
          <FieldError problem={errors[`${role}.port`]} field={t('form.port')} />
        </div>
        <div className="field field-security">
          <label htmlFor={id('security')}>{t('form.security')}</label>
          <select
            id={id('security')}
            data-testid={id('security')}
            value={value.security}
            onChange={(e) => onChange(withSecurity(role, value, e.target.value as SecurityMode))}
          >
            {MODES.map((mode) => (
              <option key={mode} value={mode}>
                {label[mode]}
              </option>
            ))}
          </select>
        </div>
      </div>
    </fieldset>
  );
}
