// Progress of a long handover job: what it is doing, a bar, messages x/y,
// bytes, the time left, and Hủy when the job can be cancelled.
import type { HandoverProgressEvent } from '../../../shared/contract-handover.ts';
import { useHandoverT, type HandoverKey } from './i18n.ts';
import { useRevealOnMount } from './useRevealOnMount.ts';

const PHASES = ['snapshot', 'messages', 'indexes', 'seal', 'tar', 'done'] as const;

interface Props {
  progress: HandoverProgressEvent | null;
  testId: string;
  /** Shown before the first event arrives. */
  startingLabel: string;
  onCancel?: () => void;
  cancelling?: boolean;
}

export function JobProgress({ progress: p, testId, startingLabel, onCancel, cancelling }: Props) {
  const { t, f } = useHandoverT();
  // Centred: the panel grows (figures, Hủy) after the first event arrives.
  const ref = useRevealOnMount<HTMLDivElement>('center');
  const phase =
    p && (PHASES as readonly string[]).includes(p.phase) ? t(`progress.phase.${p.phase}` as HandoverKey) : null;
  const byMessages = p !== null && p.messagesTotal > 0;
  const max = p ? (byMessages ? p.messagesTotal : Math.max(1, p.bytesTotal)) : 1;
  const value = p ? (byMessages ? p.messagesDone : p.bytesDone) : 0;
  const percent = Math.min(100, Math.round((value / Math.max(1, max)) * 100));

  return (
    <div
      ref={ref}
      className="job-progress"
      role="status"
      aria-live="polite"
      data-testid={testId}
      data-phase={p?.phase ?? 'starting'}
      data-done={p?.messagesDone ?? 0}
      data-total={p?.messagesTotal ?? 0}
    >
      <div className="job-phase">
        <span className="spinner" aria-hidden="true" />
        <span>{p ? (phase ?? p.phase) : startingLabel}</span>
        {p?.folder && <span className="muted"> · {p.folder}</span>}
      </div>
      <progress
        className="job-bar"
        max={100}
        value={percent}
        aria-label={t('progress.barLabel', { percent })}
        data-testid={`${testId}-bar`}
      />
      {p && (
        <div className="job-figures">
          {p.messagesTotal > 0 && (
            <span data-testid={`${testId}-messages`}>
              {t('progress.messages', { done: f.count(p.messagesDone), total: f.count(p.messagesTotal) })}
            </span>
          )}
          {p.bytesTotal > 0 && (
            <span data-testid={`${testId}-bytes`}>
              {t('progress.bytes', { done: f.size(p.bytesDone), total: f.size(p.bytesTotal) })}
            </span>
          )}
          <span data-testid={`${testId}-eta`}>
            {p.etaSeconds !== null && p.etaSeconds > 0
              ? t('progress.eta', { time: f.eta(p.etaSeconds) })
              : t('progress.etaUnknown')}
          </span>
          <span className="muted">{percent}%</span>
        </div>
      )}
      {onCancel && (
        <div className="job-actions">
          <button
            type="button"
            className="btn btn-danger"
            data-testid={`${testId}-cancel`}
            disabled={cancelling}
            onClick={onCancel}
          >
            {cancelling ? t('progress.cancelling') : t('progress.cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
