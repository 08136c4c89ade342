// After acceptance: done, what to do now (password reset, delegations), the
// live mailbox compared with the package with "Khôi phục thư thiếu", and the
// countersigned receipt (in the package's seal/ and in the mailbox).
import type { HandoverProgressEvent } from '../../../shared/contract-handover.ts';
import type { AcceptResult, PackageDiff } from '../../../shared/handover-accept.ts';
import type { UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { ComparisonTable } from './ComparisonTable.tsx';
import { useHandoverT } from './i18n.ts';
import { JobProgress } from './JobProgress.tsx';
import { OpenItemsPanel } from './OpenItemsPanel.tsx';
import { useRevealOnMount } from './useRevealOnMount.ts';

export type Restore =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; restored: number }
  | { status: 'failed'; error: UiError };

interface Props {
  result: AcceptResult;
  /** The latest comparison (after a restore, the fresh one). */
  diff: PackageDiff;
  /** The package accepted: the comparison's lists of messages are read from it. */
  bagPath: string;
  restore: Restore;
  restoreProgress: HandoverProgressEvent | null;
  onRestore(): void;
}

export function AcceptedView({ result, diff, bagPath, restore, restoreProgress, onRestore }: Props) {
  const { t } = useHandoverT();
  const ref = useRevealOnMount<HTMLDivElement>('start');
  // The UI's own wording (main's `reminders` are Vietnamese only, and go stale after a restore).
  const reminders = [
    t('accept.reminderPassword'),
    result.activeDelegates.length > 0
      ? t('accept.reminderNamedDelegations', {
          count: result.activeDelegates.length,
          names: result.activeDelegates.join(', '),
        })
      : t('accept.reminderDelegations'),
  ];
  return (
    <>
      {/* What the incoming head must take over comes first: the open items of the ledger. */}
      {result.ledger && (result.ledger.entries > 0 || result.ledger.chains.audit.records > 0) && (
        <OpenItemsPanel ledger={result.ledger} />
      )}
      <div ref={ref} className="verdict verdict-ok" role="status" data-testid="accept-done">
        <h3>{t('accept.done', { email: result.email })}</h3>
        <p>{result.replacedExisting ? t('accept.doneReplaced') : t('accept.doneSub')}</p>
      </div>
      <div className="notice notice-warning" data-testid="accept-reminders">
        <p className="notice-message">{t('accept.remindersTitle')}</p>
        <ol>
          {reminders.map((text) => (
            <li key={text} data-testid="accept-reminder">
              {text}
            </li>
          ))}
        </ol>
      </div>

      <section className="report-section" aria-labelledby="accept-comparison-heading">
        <h4 id="accept-comparison-heading">{t('compare.heading')}</h4>
        {restore.status === 'running' && (
          <JobProgress progress={restoreProgress} testId="restore-progress" startingLabel={t('compare.restoring')} />
        )}
        {restore.status === 'done' && <Restored count={restore.restored} />}
        {restore.status === 'failed' && <ErrorNotice error={restore.error} testId="restore-error" />}
        <ComparisonTable diff={diff} bagPath={bagPath} />
        {diff.totals.missing > 0 && restore.status !== 'running' && (
          <div className="form-actions">
            <button type="button" className="btn btn-primary" data-testid="accept-restore" onClick={onRestore}>
              {t('compare.restore', { count: diff.totals.missing })}
            </button>
          </div>
        )}
      </section>

      <section className="report-section" aria-labelledby="accept-receipt-heading" data-testid="accept-receipt">
        <h4 id="accept-receipt-heading">{t('accept.receipt')}</h4>
        <ul className="plain-list">
          {result.receipt.files.map((file) => (
            <li key={file}>
              <code className="path" data-testid="accept-receipt-file">
                {file}
              </code>
            </li>
          ))}
        </ul>
        {result.receipt.mailboxFolder ? (
          <p data-testid="accept-receipt-mailbox">
            {t('accept.receiptInMailbox', { folder: result.receipt.mailboxFolder })}
          </p>
        ) : (
          <p className="text-warning" data-testid="accept-receipt-mailbox-error">
            {t('accept.receiptNotInMailbox', { reason: result.receipt.mailboxError ?? '—' })}
          </p>
        )}
        <p className="muted small">
          {t('accept.statementHash')} <code className="hash">{result.receipt.statementSha256}</code>
        </p>
      </section>
    </>
  );
}

function Restored({ count }: { count: number }) {
  const { t } = useHandoverT();
  const ref = useRevealOnMount<HTMLDivElement>();
  return (
    <div ref={ref} className="notice notice-ok" role="status" data-testid="accept-restored">
      <p className="notice-message">{t('compare.restored', { count })}</p>
    </div>
  );
}
