// The S/MIME signature of the open message, as main checked it: valid ("Đã ký số · signer
// (hợp lệ)"), signed by someone nobody vouches for (with the certificate's fingerprint to compare
// by phone), or invalid (changed after signing) in red. Said in words and with a sign, never by
// colour alone; nothing for an unsigned message.
import type { MessageSignature } from '../../../shared/mail.ts';
import { useT } from '../i18n/useT.ts';
import './signed.css';

const MARK = { valid: '✔', untrusted: '?', invalid: '✖' } as const;

export function SignedBadge({ signature }: { signature: MessageSignature | null | undefined }) {
  const { t } = useT('compose');
  if (!signature) return null;
  const signer = signature.signerName || signature.signerEmail || t('signed.unknownSigner');
  const text =
    signature.state === 'valid'
      ? t('signed.valid', { signer })
      : signature.state === 'untrusted'
        ? t('signed.untrusted', { signer })
        : t('signed.invalid');
  return (
    <div
      className={`signed-badge is-${signature.state}`}
      role={signature.state === 'invalid' ? 'alert' : 'note'}
      aria-label={t('signed.label')}
      data-testid="signed-badge"
      data-state={signature.state}
    >
      <p className="signed-badge-text">
        <span className="signed-badge-mark" aria-hidden="true">
          {MARK[signature.state]}
        </span>{' '}
        <span data-testid="signed-badge-text">{text}</span>
      </p>
      {signature.state !== 'valid' && signature.fingerprint && (
        <details className="signed-badge-details">
          <summary>{t('signed.details')}</summary>
          {signature.signerEmail && <p>{t('signed.email', { email: signature.signerEmail })}</p>}
          <p>
            {t('signed.fingerprint')}{' '}
            <code data-testid="signed-fingerprint" dir="ltr">
              {signature.fingerprint}
            </code>
          </p>
        </details>
      )}
    </div>
  );
}
