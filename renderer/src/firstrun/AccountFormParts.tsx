// The lower parts of the account form: consent to an unencrypted connection,
// the private CA, the outcome of a step (typed error or test answer) and the
// buttons.
import type { Ref } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Icon } from '../components/Icon.tsx';
import { FieldError } from '../forms/FieldError.tsx';
import { useT } from '../i18n/useT.ts';
import { isInsecure, type AccountFormValues } from './draft.ts';
import type { Busy, useAccountForm } from './useAccountForm.ts';

export function InsecureConsent({ disabled }: { disabled: boolean }) {
  const { t } = useT('app');
  const { register, control, formState } = useFormContext<AccountFormValues>();
  const [imap, smtp] = useWatch({ control, name: ['imap', 'smtp'] });
  if (!isInsecure({ imap, smtp })) return null;
  return (
    <div className="notice notice-warning" data-testid="insecure-consent-box">
      <label className="checkbox">
        <input type="checkbox" data-testid="insecure-consent" disabled={disabled} {...register('allowInsecure')} />
        <span>
          <Icon name="warning" /> {t('form.insecureConsent')}
        </span>
      </label>
      <FieldError error={formState.errors.allowInsecure} testId="field-error" alert />
    </div>
  );
}

interface CaRowProps {
  editing: boolean;
  disabled: boolean;
  onPick(): void;
  /** A change made here, outside the inputs. */
  onChange(): void;
}

export function CaRow({ editing, disabled, onPick, onChange }: CaRowProps) {
  const { t } = useT('app');
  const { control, setValue } = useFormContext<AccountFormValues>();
  const [ca, storedCa] = useWatch({ control, name: ['ca', 'storedCa'] });
  const set = (change: () => void) => () => {
    change();
    onChange();
  };
  return (
    <div className="card-section ca-row">
      <div>
        <div className="label">{t('form.ca')}</div>
        <div className="hint">{t('form.caHint')}</div>
      </div>
      <div className="ca-controls">
        <button type="button" className="btn" data-testid="btn-pick-ca" disabled={disabled} onClick={onPick}>
          <Icon name="lock" /> {editing && storedCa === 'keep' ? t('settings.caReplace') : t('form.ca')}
        </button>
        <span className={ca || storedCa === 'keep' ? 'ca-name' : 'muted'} data-testid="ca-file-name">
          {ca
            ? t('form.caChosen', { name: ca.name })
            : storedCa === 'keep'
              ? t('settings.caStored')
              : storedCa === 'remove'
                ? t('settings.caRemoved')
                : t('form.caNone')}
        </span>
        {ca && (
          <button type="button" className="btn btn-link" disabled={disabled} onClick={set(() => setValue('ca', null))}>
            {t('form.caClear')}
          </button>
        )}
        {!ca && storedCa === 'keep' && (
          <button
            type="button"
            className="btn btn-link"
            data-testid="btn-remove-ca"
            disabled={disabled}
            onClick={set(() => setValue('storedCa', 'remove'))}
          >
            {t('settings.caRemove')}
          </button>
        )}
      </div>
    </div>
  );
}

type FormState = ReturnType<typeof useAccountForm>;

export function FormStatus({ ref, state }: { ref: Ref<HTMLDivElement>; state: FormState }) {
  const { t } = useT('app');
  const { error, tested, busy } = state;
  const tlsLabel = (tls: boolean) => (tls ? t('form.encrypted') : t('form.unencrypted'));
  return (
    <div aria-live="polite" ref={ref} className="form-status">
      {error && (
        <ErrorNotice
          error={error}
          testId="form-error"
          actions={
            error.code === 'TLS_UNTRUSTED' ? (
              <button
                type="button"
                className="btn btn-primary"
                data-testid="btn-trust-ca"
                disabled={busy !== null}
                onClick={() => void state.trustCaAndRetry()}
              >
                {t('error.trustCa')}
              </button>
            ) : undefined
          }
        />
      )}
      {tested && (
        <div className="notice notice-ok" role="status" data-testid="test-success">
          {t('form.testOk', { imap: tlsLabel(tested.imap.tls), smtp: tlsLabel(tested.smtp.tls) })}
        </div>
      )}
    </div>
  );
}

interface ActionsProps {
  editing: boolean;
  busy: Busy;
  onTest(): void;
  onCancel?: () => void;
}

export function FormActions({ editing, busy, onTest, onCancel }: ActionsProps) {
  const { t } = useT('app');
  const { control } = useFormContext<AccountFormValues>();
  const password = useWatch({ control, name: 'password' });
  const working = busy !== null;
  const saveLabel = editing ? t('settings.save') : t('form.save');
  const savingLabel = editing ? t('settings.saving') : t('form.saving');
  return (
    <div className="form-actions">
      {onCancel && (
        <button type="button" className="btn btn-link" onClick={onCancel} disabled={working}>
          {t('form.cancel')}
        </button>
      )}
      {(!editing || password) && (
        <button type="button" className="btn" data-testid="btn-test" disabled={working} onClick={onTest}>
          {busy === 'test' ? t('form.testing') : t('form.test')}
        </button>
      )}
      <button type="submit" className="btn btn-primary" data-testid="btn-save" disabled={working}>
        {busy === 'save' ? savingLabel : saveLabel}
      </button>
    </div>
  );
}
