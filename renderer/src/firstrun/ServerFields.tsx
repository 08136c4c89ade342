// Host / port / security for one server (IMAP or SMTP).
import { useFormContext } from 'react-hook-form';
import type { SecurityMode } from '../../../shared/account.ts';
import { FieldError } from '../forms/FieldError.tsx';
import { useT } from '../i18n/useT.ts';
import { withSecurity, type AccountFormValues, type ServerRole } from './draft.ts';

interface Props {
  role: ServerRole;
  disabled: boolean;
}

const MODES: SecurityMode[] = ['tls', 'starttls', 'none'];

export function ServerFields({ role, disabled }: Props) {
  const { t } = useT('app');
  const { register, getValues, setValue, formState } = useFormContext<AccountFormValues>();
  const errors = formState.errors[role];
  const port = register(`${role}.port`);
  const security = register(`${role}.security`);
  const label = { tls: t('form.secTls'), starttls: t('form.secStarttls'), none: t('form.secNone') };
  const id = (field: string) => `${role}-${field}`;
  const title = role === 'imap' ? t('form.incoming') : t('form.outgoing');
  // The port keeps digits only (cleaned before the form reads it).
  const changePort: typeof port.onChange = (event) => {
    event.target.value = event.target.value.replace(/\D/g, '').slice(0, 5);
    return port.onChange(event);
  };
  // A new security mode moves a default port along (judged by the mode before the change).
  const changeSecurity: typeof security.onChange = (event) => {
    setValue(`${role}.port`, withSecurity(role, getValues(role), event.target.value as SecurityMode).port);
    return security.onChange(event);
  };
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
            autoComplete="off"
            spellCheck={false}
            placeholder={role === 'imap' ? 'mail.binhphuoc.gov.vn' : 'smtp.binhphuoc.gov.vn'}
            aria-invalid={errors?.host ? true : undefined}
            {...register(`${role}.host`)}
          />
          <FieldError error={errors?.host} label={t('form.host')} testId="field-error" alert />
        </div>
        <div className="field field-port">
          <label htmlFor={id('port')}>{t('form.port')}</label>
          <input
            id={id('port')}
            data-testid={id('port')}
            inputMode="numeric"
            aria-invalid={errors?.port ? true : undefined}
            {...port}
            onChange={changePort}
          />
          <FieldError error={errors?.port} label={t('form.port')} testId="field-error" alert />
        </div>
        <div className="field field-security">
          <label htmlFor={id('security')}>{t('form.security')}</label>
          <select id={id('security')} data-testid={id('security')} {...security} onChange={changeSecurity}>
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
