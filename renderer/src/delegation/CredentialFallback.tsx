// Servers without IMAP ACL: say so plainly, then the one fallback the
// Regulation allows for a unit mailbox. The head picks the delegate's
// certificate, compares its fingerprint with them, and the unit password is
// sealed to it (CMS EnvelopedData) and saved as a .p7m; revoking it is a
// password reset, walked through step by step and recorded.
import { useId, useState, type FormEvent } from 'react';
import type { CertificateInput, SealedCredentialResult } from '../../../shared/contract-delegation.ts';
import type { AclSupport } from '../../../shared/delegation.ts';
import type { CertificateInfoDto } from '../../../shared/identity.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { Icon } from '../components/Icon.tsx';
import { readCertificateFile } from './format.ts';
import { IdentityErrorNotice } from './IdentityErrorNotice.tsx';
import { useDelegationT } from './i18n.ts';

interface Props {
  accountId: string;
  mailbox: string;
  support: AclSupport | null;
  onChanged(): void;
  onOpenIdentity?: () => void;
}

export function CredentialFallback({ accountId, mailbox, support, onChanged, onOpenIdentity }: Props) {
  const { t, lang } = useDelegationT();
  const ids = useId();
  const [certificate, setCertificate] = useState<CertificateInput | null>(null);
  const [info, setInfo] = useState<CertificateInfoDto | null>(null);
  const [compared, setCompared] = useState(false);
  const [busy, setBusy] = useState<'read' | 'seal' | 'reset' | null>(null);
  const [sealed, setSealed] = useState<SealedCredentialResult | null>(null);
  const [password, setPassword] = useState('');
  const [resetCount, setResetCount] = useState<number | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  async function pick(file: File | undefined) {
    setInfo(null);
    setCertificate(null);
    setCompared(false);
    setSealed(null);
    setError(null);
    if (!file) return;
    setBusy('read');
    try {
      const input = await readCertificateFile(file);
      setInfo(await invoke('delegation.certificate', { certificate: input }));
      setCertificate(input);
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(null);
    }
  }

  async function seal() {
    if (!certificate || !info) return;
    setBusy('seal');
    setError(null);
    try {
      const result = await invoke('delegation.sealCredential', {
        accountId,
        certificate,
        fingerprint: info.sha256Fingerprint,
      });
      setSealed(result);
      // One envelope per comparison: sealing again needs a fresh confirmation.
      if (result.saved) {
        setCompared(false);
        onChanged();
      }
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(null);
    }
  }

  async function reset(event: FormEvent) {
    event.preventDefault();
    if (!password) return;
    setBusy('reset');
    setError(null);
    try {
      const { records } = await invoke('delegation.passwordReset', { accountId, newPassword: password });
      setResetCount(records.length);
      setPassword('');
      onChanged();
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="credential-fallback" data-testid="credential-fallback">
      <div className="notice notice-warning" role="status" data-testid="acl-unsupported">
        <p className="notice-message">
          <Icon name="warning" /> {lang === 'vi' && support ? support.messageVi : t('section.fallback')}
        </p>
        <p>{t('fallback.explain')}</p>
      </div>

      <div className="field">
        <label htmlFor={`${ids}-cert`}>{t('fallback.pickCertificate')}</label>
        <input
          id={`${ids}-cert`}
          type="file"
          accept=".pem,.crt,.cer,.der"
          data-testid="fallback-certificate"
          disabled={busy !== null}
          onChange={(e) => void pick(e.target.files?.[0])}
        />
      </div>
      {info && (
        <div className="card-section" data-testid="fallback-recipient">
          <div className="label">
            {t('fallback.certificateOf', { name: info.commonName, email: info.email ?? '—' })}
          </div>
          <div className="small muted">{t('fallback.fingerprint')}</div>
          <code className="fingerprint-inline" data-testid="fallback-fingerprint">
            {info.sha256Fingerprint}
          </code>
          <p className="hint">{t('fallback.compare')}</p>
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="fallback-compared"
              checked={compared}
              onChange={(e) => setCompared(e.target.checked)}
            />
            <span>{t('fallback.compared')}</span>
          </label>
          <div className="form-actions">
            <button
              type="button"
              className="btn btn-primary"
              data-testid="fallback-seal"
              disabled={!compared || busy !== null}
              onClick={() => void seal()}
            >
              {busy === 'seal' ? t('fallback.sealing') : t('fallback.seal')}
            </button>
          </div>
        </div>
      )}
      {sealed && (
        <p
          className={`notice ${sealed.saved ? 'notice-ok' : 'notice-info'}`}
          role="status"
          data-testid="fallback-sealed"
          data-saved={sealed.saved}
        >
          {sealed.saved
            ? t('fallback.sealed', { path: sealed.path ?? '', name: sealed.recipient.commonName })
            : t('fallback.cancelled')}
        </p>
      )}

      <form className="card-section" data-testid="password-reset" onSubmit={(e) => void reset(e)}>
        <h3>{t('fallback.resetTitle')}</h3>
        <ol className="reset-steps">
          <li>{t('fallback.resetStep1', { mailbox })}</li>
          <li>{t('fallback.resetStep2')}</li>
          <li>{t('fallback.resetStep3')}</li>
        </ol>
        <div className="field">
          <label htmlFor={`${ids}-password`}>{t('fallback.newPassword')}</label>
          <input
            id={`${ids}-password`}
            type="password"
            autoComplete="new-password"
            data-testid="reset-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="btn" data-testid="reset-submit" disabled={!password || busy !== null}>
            {busy === 'reset' ? t('fallback.resetting') : t('fallback.resetSubmit')}
          </button>
        </div>
        {resetCount !== null && (
          <p className="notice notice-ok" role="status" data-testid="reset-done">
            {t('fallback.resetDone', { count: resetCount })}
          </p>
        )}
      </form>
      {error && <IdentityErrorNotice error={error} testId="fallback-error" onOpenIdentity={onOpenIdentity} />}
    </div>
  );
}
