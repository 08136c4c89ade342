// The verdict on a package, big and plain (hợp lệ / không hợp lệ), who signed
// it and how far that can be trusted, and every problem naming its file,
// grouped by what is wrong.
import type { VerifyReport } from '../../../shared/handover.ts';
import { Fingerprint } from './Fingerprint.tsx';
import { useHandoverT, type HandoverKey } from './i18n.ts';
import { useRevealOnMount } from './useRevealOnMount.ts';

/** Per group; thousands of rows (a deleted folder) would drown the page. */
const SHOWN_PER_GROUP = 200;

type Problem = VerifyReport['problems'][number];

export function VerifyReportView({ report, testId = 'verify-report' }: { report: VerifyReport; testId?: string }) {
  const { t } = useHandoverT();
  const ref = useRevealOnMount<HTMLDivElement>();
  // Valid but nothing vouches for the signer (no CA, no expected fingerprint): not green.
  const verdict = !report.valid ? 'bad' : report.authenticatedBy ? 'ok' : 'warn';
  const title = { ok: t('verify.valid'), warn: t('verify.unauthenticated'), bad: t('verify.invalid') }[verdict];
  const sub = {
    ok: t('verify.validSub'),
    warn: t('verify.unauthenticatedSub'),
    bad: t('verify.invalidSub', { count: report.problems.length }),
  }[verdict];

  return (
    <div ref={ref} className="verify-report" data-testid={testId} data-valid={report.valid}>
      <div
        className={`verdict verdict-${verdict}`}
        role="status"
        data-testid="verify-verdict"
        data-valid={report.valid}
        data-verdict={verdict}
        data-authenticated-by={report.authenticatedBy ?? 'none'}
      >
        <h3>{title}</h3>
        <p>{sub}</p>
      </div>

      {report.problems.length > 0 && <ProblemsSection report={report} testId={testId} />}
      <SignatureSection signature={report.signature} pinned={report.authenticatedBy === 'pinned'} testId={testId} />
      <FactsSection report={report} testId={testId} />
    </div>
  );
}

type Section = { testId: string };

/** Every problem, grouped by what is wrong, naming its file. */
function ProblemsSection({ report, testId }: Section & { report: VerifyReport }) {
  const { t, f } = useHandoverT();
  const groups = new Map<string, Problem[]>();
  for (const p of report.problems) {
    const list = groups.get(p.kind) ?? [];
    list.push(p);
    groups.set(p.kind, list);
  }
  const kindLabel = (kind: string) => t(`verify.kind.${kind}` as HandoverKey, { defaultValue: kind });
  return (
    <section className="report-section" aria-labelledby={`${testId}-problems`} data-testid="verify-problems">
      <h4 id={`${testId}-problems`}>{t('verify.problems', { count: f.count(report.problems.length) })}</h4>
      {[...groups.entries()].map(([kind, list]) => (
        <div key={kind} className="problem-group" data-testid="verify-problem-group" data-kind={kind}>
          <h5>
            {kindLabel(kind)} ({f.count(list.length)})
          </h5>
          <ul>
            {list.slice(0, SHOWN_PER_GROUP).map((p, i) => (
              <li key={`${p.file}|${i}`} data-testid="verify-problem" data-kind={p.kind} data-file={p.file}>
                <code className="problem-file">{p.file}</code>
                <span className="problem-detail">{p.detail}</span>
              </li>
            ))}
          </ul>
          {list.length > SHOWN_PER_GROUP && (
            <p className="muted small">{t('verify.more', { count: list.length - SHOWN_PER_GROUP })}</p>
          )}
        </div>
      ))}
    </section>
  );
}

/** Who signed the package and how far that can be trusted. */
function SignatureSection({
  signature: sig,
  pinned,
  testId,
}: Section & { signature: VerifyReport['signature']; pinned: boolean }) {
  const { t, f } = useHandoverT();
  return (
    <section className="report-section" aria-labelledby={`${testId}-signature`}>
      <h4 id={`${testId}-signature`}>{t('verify.signature')}</h4>
      {sig === null ? (
        <p data-testid="verify-signature" data-chain="none">
          {t('verify.noSignature')}
        </p>
      ) : (
        <div data-testid="verify-signature" data-chain={sig.chain}>
          <p className={sig.chain === 'untrusted' ? 'text-danger' : undefined}>
            {pinned ? t('verify.pinned') : t(`verify.chain.${sig.chain}`)}
          </p>
          <dl className="summary-list">
            {sig.signerSubject && (
              <>
                <dt>{t('verify.signer')}</dt>
                <dd data-testid="verify-signer">{sig.signerSubject}</dd>
              </>
            )}
            {sig.signingTime && (
              <>
                <dt>{t('verify.signingTime')}</dt>
                <dd>{f.dateTime(sig.signingTime)}</dd>
              </>
            )}
          </dl>
          {sig.signerFingerprint && (
            <Fingerprint
              value={sig.signerFingerprint}
              size="medium"
              label={t('verify.signerFingerprint')}
              testId="verify-signer-fingerprint"
              {...(sig.chain === 'self-signed' ? { help: t('verify.compareSelfSigned') } : {})}
            />
          )}
        </div>
      )}
    </section>
  );
}

/** The package's counts, checksum and how long the check took. */
function FactsSection({ report, testId }: Section & { report: VerifyReport }) {
  const { t, f } = useHandoverT();
  return (
    <section className="report-section" aria-labelledby={`${testId}-facts`}>
      <h4 id={`${testId}-facts`}>{t('verify.facts')}</h4>
      <dl className="summary-list">
        <dt>{t('verify.bag')}</dt>
        <dd>
          <code className="path">{report.bag}</code>
        </dd>
        <dt>{t('verify.messages')}</dt>
        <dd data-testid="verify-messages">{f.count(report.counts.messages)}</dd>
        <dt>{t('verify.folders')}</dt>
        <dd>{f.count(report.counts.folders)}</dd>
        <dt>{t('verify.files')}</dt>
        <dd>{f.count(report.counts.files)}</dd>
        <dt>Payload-Oxum</dt>
        <dd>
          <code>{report.payloadOxum.actual}</code>
          {report.payloadOxum.declared !== report.payloadOxum.actual && (
            <span className="text-danger">
              {' '}
              {t('verify.oxumDeclared', { declared: report.payloadOxum.declared ?? '—' })}
            </span>
          )}
        </dd>
        <dt>{t('verify.duration')}</dt>
        <dd>{f.duration(report.durationMs)}</dd>
      </dl>
    </section>
  );
}
