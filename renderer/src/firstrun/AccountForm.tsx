// "Thêm hộp thư đơn vị": identity, server settings, optional private CA,
// connection test and save. Every network step happens in main; this form
// only collects input and shows main's typed answers. With `account` it is
// the settings form of an existing mailbox: same fields and errors, the
// address fixed, the password optional (empty keeps the stored one), and
// saving goes to accounts.update, which re-tests the connection.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary, ConnectionTestResult } from '../../../shared/account.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Icon } from '../components/Icon.tsx';
import { baseName } from '../format/filename.ts';
import {
  applyAutoconfig,
  completeEmail,
  formStateFromAccount,
  initialFormState,
  isInsecure,
  toDraft,
  validate,
  type AccountFormState,
  type ChosenCa,
  type FieldErrors,
} from './draft.ts';
import { FieldError } from './FieldError.tsx';
import { ServerFields } from './ServerFields.tsx';

type Busy = 'autoconfig' | 'test' | 'save' | 'pick-ca' | null;
type Action = 'test' | 'save';

interface Props {
  domain: string;
  onSaved(account: AccountSummary): void;
  onCancel?: () => void;
  /** Edit this account instead of adding one. */
  account?: AccountSummary;
}

export function AccountForm({ domain, onSaved, onCancel, account }: Props) {
  const { t } = useTranslation();
  const editing = account !== undefined;
  const [form, setForm] = useState<AccountFormState>(() =>
    account ? formStateFromAccount(account) : initialFormState(),
  );
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [lastAction, setLastAction] = useState<Action>('test');
  const [tested, setTested] = useState<ConnectionTestResult | null>(null);
  const [autoconfigSource, setAutoconfigSource] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  // The outcome appears at the bottom of a long form: bring it into view.
  useEffect(() => {
    if (error || tested) statusRef.current?.scrollIntoView({ block: 'nearest' });
  }, [error, tested]);

  const patch = (change: Partial<AccountFormState>) => {
    setForm((f) => ({ ...f, ...change }));
    setTested(null);
  };

  async function autoconfig() {
    const email = completeEmail(form.email, domain);
    const problems = validate({ ...form, email }, false);
    if (problems.email) {
      setFieldErrors({ email: problems.email });
      return;
    }
    setBusy('autoconfig');
    setError(null);
    setAutoconfigSource(null);
    try {
      const result = await invoke('accounts.autoconfig', { email });
      setForm((f) => applyAutoconfig({ ...f, email }, result));
      setAutoconfigSource(result.url ?? result.source);
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(null);
    }
  }

  async function pickCa(): Promise<ChosenCa | null> {
    setBusy('pick-ca');
    try {
      const picked = await invoke('dialogs.pickCaFile', {});
      if (!picked) return null;
      const ca = { name: baseName(picked.path), pem: picked.pem };
      patch({ ca });
      return ca;
    } catch (e) {
      setError(toUiError(e));
      return null;
    } finally {
      setBusy(null);
    }
  }

  /** Runs "test" or "save"; `override` lets the trust-CA flow retry with the new CA at once. */
  async function run(action: Action, override?: Partial<AccountFormState>) {
    const state = { ...form, ...override, email: completeEmail(form.email, domain) };
    // Editing: an empty password keeps the stored one, so it is only needed to test alone.
    const problems = validate(state, !editing || action === 'test');
    setFieldErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setForm(state);
    setLastAction(action);
    setBusy(action);
    setError(null);
    setTested(null);
    const input = { draft: toDraft(state), password: state.password };
    try {
      if (action === 'test') setTested(await invoke('accounts.test', input));
      else if (account) {
        const password = state.password ? { password: state.password } : {};
        onSaved(await invoke('accounts.update', { accountId: account.id, draft: input.draft, ...password }));
      } else onSaved(await invoke('accounts.add', input));
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(null);
    }
  }

  async function trustCaAndRetry() {
    const ca = await pickCa();
    if (ca) await run(lastAction, { ca });
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('save');
  };

  const tlsLabel = (tls: boolean) => (tls ? t('form.encrypted') : t('form.unencrypted'));
  const working = busy !== null;

  return (
    <form className="account-form" data-testid="account-form" onSubmit={submit} noValidate>
      <fieldset className="identity" disabled={working}>
        <legend>{t('form.identity')}</legend>
        <div className="form-grid">
          <div className="field span-2">
            <label htmlFor="acc-email">{t('form.email')}</label>
            <div className="inline-row">
              <input
                id="acc-email"
                data-testid="field-email"
                type="email"
                value={form.email}
                readOnly={editing}
                autoComplete="username"
                spellCheck={false}
                placeholder={t('form.emailPlaceholder', { domain })}
                aria-invalid={fieldErrors.email ? true : undefined}
                aria-describedby="acc-email-hint"
                onChange={(e) => patch({ email: e.target.value })}
                onBlur={() => !editing && patch({ email: completeEmail(form.email, domain) })}
              />
              {!editing && (
                <button type="button" className="btn" data-testid="btn-autoconfig" onClick={() => void autoconfig()}>
                  {busy === 'autoconfig' ? t('form.autoconfigRunning') : t('form.autoconfig')}
                </button>
              )}
            </div>
            <div id="acc-email-hint" className="hint">
              {editing ? t('settings.emailFixed') : t('form.emailHint', { domain })}
            </div>
            <FieldError problem={fieldErrors.email} field={t('form.email')} />
            {autoconfigSource && (
              <div className="hint hint-ok" data-testid="autoconfig-status">
                {t('form.autoconfigFound', { source: autoconfigSource })}
              </div>
            )}
          </div>
          <div className="field">
            <label htmlFor="acc-name">{t('form.displayName')}</label>
            <input
              id="acc-name"
              data-testid="field-display-name"
              value={form.displayName}
              placeholder={t('form.displayNamePlaceholder')}
              onChange={(e) => patch({ displayName: e.target.value })}
            />
          </div>
          <div className="field">
            <span className="label" id="acc-kind-label">
              {t('form.kind')}
            </span>
            <div className="radio-row" role="radiogroup" aria-labelledby="acc-kind-label">
              {(['unit', 'personal'] as const).map((kind) => (
                <label key={kind} className="radio">
                  <input
                    type="radio"
                    name="kind"
                    value={kind}
                    data-testid={`kind-${kind}`}
                    checked={form.kind === kind}
                    onChange={() => patch({ kind })}
                  />
                  {kind === 'unit' ? t('form.kindUnit') : t('form.kindPersonal')}
                </label>
              ))}
            </div>
          </div>
          <div className="field">
            <label htmlFor="acc-password">{editing ? t('settings.newPassword') : t('form.password')}</label>
            <input
              id="acc-password"
              data-testid="field-password"
              type="password"
              value={form.password}
              autoComplete={editing ? 'new-password' : 'current-password'}
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={editing ? 'acc-password-hint' : undefined}
              onChange={(e) => patch({ password: e.target.value })}
            />
            {editing && (
              <div id="acc-password-hint" className="hint">
                {t('settings.newPasswordHint')}
              </div>
            )}
            <FieldError problem={fieldErrors.password} field={t('form.password')} />
          </div>
          <div className="field">
            <label htmlFor="acc-username">{t('form.username')}</label>
            <input
              id="acc-username"
              data-testid="field-username"
              value={form.username}
              autoComplete="off"
              spellCheck={false}
              placeholder={form.email || undefined}
              onChange={(e) => patch({ username: e.target.value })}
            />
            <div className="hint">{t('form.usernameHint')}</div>
          </div>
        </div>
      </fieldset>

      <div className="card-section servers">
        <ServerFields
          role="imap"
          value={form.imap}
          errors={fieldErrors}
          disabled={working}
          onChange={(imap) => patch({ imap })}
        />
        <ServerFields
          role="smtp"
          value={form.smtp}
          errors={fieldErrors}
          disabled={working}
          onChange={(smtp) => patch({ smtp })}
        />
      </div>

      {isInsecure(form) && (
        <div className="notice notice-warning" data-testid="insecure-consent-box">
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="insecure-consent"
              checked={form.allowInsecure}
              disabled={working}
              onChange={(e) => patch({ allowInsecure: e.target.checked })}
            />
            <span>
              <Icon name="warning" /> {t('form.insecureConsent')}
            </span>
          </label>
          <FieldError problem={fieldErrors.allowInsecure} field="" />
        </div>
      )}

      <div className="card-section ca-row">
        <div>
          <div className="label">{t('form.ca')}</div>
          <div className="hint">{t('form.caHint')}</div>
        </div>
        <div className="ca-controls">
          <button
            type="button"
            className="btn"
            data-testid="btn-pick-ca"
            disabled={working}
            onClick={() => void pickCa()}
          >
            <Icon name="lock" /> {editing && form.storedCa === 'keep' ? t('settings.caReplace') : t('form.ca')}
          </button>
          <span className={form.ca || form.storedCa === 'keep' ? 'ca-name' : 'muted'} data-testid="ca-file-name">
            {form.ca
              ? t('form.caChosen', { name: form.ca.name })
              : form.storedCa === 'keep'
                ? t('settings.caStored')
                : form.storedCa === 'remove'
                  ? t('settings.caRemoved')
                  : t('form.caNone')}
          </span>
          {form.ca && (
            <button type="button" className="btn btn-link" disabled={working} onClick={() => patch({ ca: null })}>
              {t('form.caClear')}
            </button>
          )}
          {!form.ca && form.storedCa === 'keep' && (
            <button
              type="button"
              className="btn btn-link"
              data-testid="btn-remove-ca"
              disabled={working}
              onClick={() => patch({ storedCa: 'remove' })}
            >
              {t('settings.caRemove')}
            </button>
          )}
        </div>
      </div>

      <div aria-live="polite" ref={statusRef} className="form-status">
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
                  disabled={working}
                  onClick={() => void trustCaAndRetry()}
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

      <div className="form-actions">
        {onCancel && (
          <button type="button" className="btn btn-link" onClick={onCancel} disabled={working}>
            {t('form.cancel')}
          </button>
        )}
        {(!editing || form.password) && (
          <button
            type="button"
            className="btn"
            data-testid="btn-test"
            disabled={working}
            onClick={() => void run('test')}
          >
            {busy === 'test' ? t('form.testing') : t('form.test')}
          </button>
        )}
        <button type="submit" className="btn btn-primary" data-testid="btn-save" disabled={working}>
          {busy === 'save'
            ? editing
              ? t('settings.saving')
              : t('form.saving')
            : editing
              ? t('settings.save')
              : t('form.save')}
        </button>
      </div>
    </form>
  );
}
