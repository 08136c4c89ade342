// Who a certificate names (họ tên, chức vụ, đơn vị, e-mail), who issued it,
// how long it is valid, and its fingerprint for comparison by phone.
import { useState, type ReactNode } from 'react';
import type { CertificateView } from '../../../shared/contract-handover.ts';
import { Fingerprint } from './Fingerprint.tsx';
import { useHandoverT } from './i18n.ts';

interface Props {
  info: CertificateView;
  testId: string;
  fingerprintLabel: string;
  fingerprintHelp?: string;
  /** Extra lines under the facts (e.g. where it came from). */
  children?: ReactNode;
}

export function CertificateCard({ info, testId, fingerprintLabel, fingerprintHelp, children }: Props) {
  const { t, f } = useHandoverT();
  // When the card was first shown: enough for "đã hết hạn", and render stays pure.
  const [shownAt] = useState(() => Date.now());
  const expired = new Date(info.notAfter).getTime() < shownAt;
  return (
    <section className="cert-card" data-testid={testId} aria-label={info.commonName}>
      <div className="cert-facts">
        <div className="cert-name" data-testid={`${testId}-name`}>
          {info.commonName}
        </div>
        <dl className="cert-list">
          {info.title && (
            <>
              <dt>{t('cert.title')}</dt>
              <dd data-testid={`${testId}-title`}>{info.title}</dd>
            </>
          )}
          {info.organization && (
            <>
              <dt>{t('cert.unit')}</dt>
              <dd data-testid={`${testId}-unit`}>{info.organization}</dd>
            </>
          )}
          {info.email && (
            <>
              <dt>{t('cert.email')}</dt>
              <dd data-testid={`${testId}-email`}>{info.email}</dd>
            </>
          )}
          <dt>{t('cert.issuer')}</dt>
          <dd>{info.selfSigned ? t('cert.selfSigned') : info.issuer}</dd>
          <dt>{t('cert.validity')}</dt>
          <dd className={expired ? 'cert-expired' : undefined}>
            {t('cert.validRange', { from: f.date(info.notBefore), until: f.date(info.notAfter) })}
            {expired && ` — ${t('cert.expired')}`}
          </dd>
          <dt>{t('cert.key')}</dt>
          <dd>{info.keyAlgorithm}</dd>
        </dl>
        {children}
      </div>
      <Fingerprint
        value={info.sha256Fingerprint}
        label={fingerprintLabel}
        testId={`${testId}-fingerprint`}
        {...(fingerprintHelp ? { help: fingerprintHelp } : {})}
      />
    </section>
  );
}
