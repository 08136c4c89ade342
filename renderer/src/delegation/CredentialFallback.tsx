// Servers without IMAP ACL: say so plainly, then the one fallback the
// Regulation allows for a unit mailbox. The head picks the delegate's
// certificate, compares its fingerprint with them, and the unit password is
// sealed to it (CMS EnvelopedData) and saved as a .p7m; revoking it is a
// password reset, walked through step by step and recorded.
import { useId, useState } from 'react';
import type { AclSupport } from '../../../shared/delegation.ts';
import { toUiError, type UiError } from '../api.ts';
import { Icon } from '../components/Icon.tsx';
import { IdentityErrorNotice } from './IdentityErrorNotice.tsx';
import { useDelegationT } from './i18n.ts';
import { PasswordResetSection } from './PasswordResetSection.tsx';
import { useCredentialSeal, type CredentialSeal, type FallbackBusy, type FallbackStep } from './useCredentialSeal.ts';

interface Props {
  accountId: string;
  mailbox: string;
  support: AclSupport | null;
  onChanged(): void;
  onOpenIdentity?: () => void;
}

export function CredentialFallback({ accountId, mailbox, support, onChanged, onOpenIdentity }: Props) {
  const { t, lang } = useDelegationT();
  const [busy, setBusy] = useState<FallbackBusy>(null);
  const [error, setError] = useState<UiError | null>(null);
  const run: FallbackStep = async (kind, work) => {
    setBusy(kind);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(null);
    }
  };
  const sealing = useCredentialSeal({ accountId, run, clearError: () => setError(null), onChanged });

  return (
    <div className="credential-fallback" data-testid="credential-fallback">
      <div className="notice notice-warning" role="status" data-testid="acl-unsupported">
        <p className="notice-message">
          <Icon name="warning" /> {lang === 'vi' && support ? support.messageVi : t('section.fallback')}
        </p>
        <p>{t('fallback.explain')}</p>
      </div>
      <SealSection sealing={sealing} busy={busy} />
      <PasswordResetSection accountId={accountId} mailbox={mailbox} busy={busy} run={run} onChanged={onChanged} />
      {error && <IdentityErrorNotice error={error} testId="fallback-error" onOpenIdentity={onOpenIdentity} />}
    </div>
  );
}

/** Picking the delegate's certificate, comparing its fingerprint, sealing. */
function SealSection({ sealing, busy }: { sealing: CredentialSeal; busy: FallbackBusy }) {
  const { t } = useDelegationT();
  const ids = useId();
  const { info, sealed } = sealing;
  return (
    <>
      <div className="field">
        <label htmlFor={`${ids}-cert`}>{t('fallback.pickCertificate')}</label>
        <input
          id={`${ids}-cert`}
          type="file"
          accept=".pem,.crt,.cer,.der"
          data-testid="fallback-certificate"
          disabled={busy !== null}
          onChange={(e) => void sealing.pick(e.target.files?.[0])}
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
              checked={sealing.compared}
              onChange={(e) => sealing.setCompared(e.target.checked)}
            />
            <span>{t('fallback.compared')}</span>
          </label>
          <div className="form-actions">
            <button
              type="button"
              className="btn btn-primary"
              data-testid="fallback-seal"
              disabled={!sealing.compared || busy !== null}
              onClick={() => void sealing.seal()}
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
    </>
  );
}
