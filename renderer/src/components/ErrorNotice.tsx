// An error as the user should see it: the Vietnamese message from main (or
// the English translation of its code), the technical detail folded under
// "Chi tiết", and for an untrusted certificate its fingerprint and a way to
// trust the unit's CA.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiError } from '../api.ts';

interface Props {
  error: UiError;
  /** Extra actions shown under the message (e.g. "Chọn tệp CA để tin cậy"). */
  actions?: ReactNode;
  testId?: string;
}

/**
 * "AB:CD:…" in lines of 8 bytes so the 95-character fingerprint wraps
 * readably; each line but the last keeps its trailing ":" so the copied text
 * is still the exact fingerprint.
 */
function groupFingerprint(fp: string): string[] {
  const bytes = fp.toUpperCase().split(':');
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 8) {
    lines.push(bytes.slice(i, i + 8).join(':') + (i + 8 < bytes.length ? ':' : ''));
  }
  return lines;
}

export function ErrorNotice({ error, actions, testId = 'error' }: Props) {
  const { t, i18n } = useTranslation();
  const { code, messageVi, detail, data } = error.payload;
  const message = i18n.language === 'vi' ? messageVi : t(`errors.${code}`, { defaultValue: detail });
  const fingerprint = typeof data?.fingerprint256 === 'string' ? data.fingerprint256 : null;

  return (
    <div className="notice notice-error" role="alert" data-testid={testId} data-error-code={code}>
      <p className="notice-message" data-testid={`${testId}-message`}>
        {message}
      </p>
      {fingerprint && (
        <div className="fingerprint">
          <div className="fingerprint-label">{t('error.fingerprint')}</div>
          <code className="fingerprint-value" data-testid="error-fingerprint" data-fingerprint={fingerprint}>
            {groupFingerprint(fingerprint).map((line) => (
              <span key={line}>{line}</span>
            ))}
          </code>
          <div className="muted small">{t('error.fingerprintHelp')}</div>
        </div>
      )}
      {actions && <div className="notice-actions">{actions}</div>}
      <details className="notice-details">
        <summary>{t('error.details')}</summary>
        <dl>
          <dt>{t('error.code')}</dt>
          <dd>
            <code>{code}</code>
          </dd>
          <dd className="detail-text">{detail}</dd>
        </dl>
      </details>
    </div>
  );
}
