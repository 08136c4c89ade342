// The mailbox part of the account form: address (with autoconfig), display
// name, kind, password and login name.
import { useFormContext, useWatch } from 'react-hook-form';
import { FieldError } from '../forms/FieldError.tsx';
import { useT } from '../i18n/useT.ts';
import type { AccountFormValues } from './draft.ts';

interface Props {
  domain: string;
  editing: boolean;
  disabled: boolean;
  autoconfig: { running: boolean; source: string | null; start(): void };
  onEmailBlur(): void;
}

export function AccountFields({ domain, editing, disabled, autoconfig, onEmailBlur }: Props) {
  const { t } = useT('app');
  const { register, control, formState } = useFormContext<AccountFormValues>();
  const { errors } = formState;
  const email = useWatch({ control, name: 'email' });
  return (
    <fieldset className="identity" disabled={disabled}>
      <legend>{t('form.identity')}</legend>
      <div className="form-grid">
        <div className="field span-2">
          <label htmlFor="acc-email">{t('form.email')}</label>
          <div className="inline-row">
            <input
              id="acc-email"
              data-testid="field-email"
              type="email"
              readOnly={editing}
              autoComplete="username"
              spellCheck={false}
              placeholder={t('form.emailPlaceholder', { domain })}
              aria-invalid={errors.email ? true : undefined}
              aria-describedby="acc-email-hint"
              {...register('email', { onBlur: onEmailBlur })}
            />
            {!editing && (
              <button type="button" className="btn" data-testid="btn-autoconfig" onClick={autoconfig.start}>
                {autoconfig.running ? t('form.autoconfigRunning') : t('form.autoconfig')}
              </button>
            )}
          </div>
          <div id="acc-email-hint" className="hint">
            {editing ? t('settings.emailFixed') : t('form.emailHint', { domain })}
          </div>
          <FieldError error={errors.email} label={t('form.email')} testId="field-error" alert />
          {autoconfig.source && (
            <div className="hint hint-ok" data-testid="autoconfig-status">
              {t('form.autoconfigFound', { source: autoconfig.source })}
            </div>
          )}
        </div>
        <div className="field">
          <label htmlFor="acc-name">{t('form.displayName')}</label>
          <input
            id="acc-name"
            data-testid="field-display-name"
            placeholder={t('form.displayNamePlaceholder')}
            {...register('displayName')}
          />
        </div>
        <KindField />
        <PasswordField editing={editing} />
        <div className="field">
          <label htmlFor="acc-username">{t('form.username')}</label>
          <input
            id="acc-username"
            data-testid="field-username"
            autoComplete="off"
            spellCheck={false}
            placeholder={email || undefined}
            {...register('username')}
          />
          <div className="hint">{t('form.usernameHint')}</div>
        </div>
      </div>
    </fieldset>
  );
}

function KindField() {
  const { t } = useT('app');
  const { register } = useFormContext<AccountFormValues>();
  return (
    <div className="field">
      <span className="label" id="acc-kind-label">
        {t('form.kind')}
      </span>
      <div className="radio-row" role="radiogroup" aria-labelledby="acc-kind-label">
        {(['unit', 'personal'] as const).map((kind) => (
          <label key={kind} className="radio">
            <input type="radio" value={kind} data-testid={`kind-${kind}`} {...register('kind')} />
            {kind === 'unit' ? t('form.kindUnit') : t('form.kindPersonal')}
          </label>
        ))}
      </div>
    </div>
  );
}

function PasswordField({ editing }: { editing: boolean }) {
  const { t } = useT('app');
  const { register, formState } = useFormContext<AccountFormValues>();
  return (
    <div className="field">
      <label htmlFor="acc-password">{editing ? t('settings.newPassword') : t('form.password')}</label>
      <input
        id="acc-password"
        data-testid="field-password"
        type="password"
        autoComplete={editing ? 'new-password' : 'current-password'}
        aria-invalid={formState.errors.password ? true : undefined}
        aria-describedby={editing ? 'acc-password-hint' : undefined}
        {...register('password')}
      />
      {editing && (
        <div id="acc-password-hint" className="hint">
          {t('settings.newPasswordHint')}
        </div>
      )}
      <FieldError error={formState.errors.password} label={t('form.password')} testId="field-error" alert />
    </div>
  );
}
