// Below the export wizard's steps: the progress while it runs, what happened
// when it was cancelled or failed (both resume from where it stopped), and
// the start button.
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useHandoverT } from './i18n.ts';
import { JobProgress } from './JobProgress.tsx';
import type { useExportRun } from './useExportWizard.ts';

interface Props {
  job: ReturnType<typeof useExportRun>;
  /** Every step filled in, and a signing identity to sign with. */
  ready: boolean;
  /** An interrupted export is where this one would go: starting resumes it. */
  pending: boolean;
}

export function ExportOutcome({ job, ready, pending }: Props) {
  const { t, f } = useHandoverT();
  const { run, progress, start } = job;
  return (
    <>
      {run.status === 'running' && (
        <JobProgress
          progress={progress}
          testId="export-progress"
          startingLabel={t('export.starting')}
          onCancel={job.cancel}
          cancelling={run.cancelling}
        />
      )}
      {run.status === 'cancelled' && (
        <div className="notice notice-warning" role="status" data-testid="export-cancelled">
          <p className="notice-message">{t('export.cancelled')}</p>
          {progress && (
            <p className="notice-text">
              {t('export.cancelledAt', {
                done: f.count(progress.messagesDone),
                total: f.count(progress.messagesTotal),
              })}
            </p>
          )}
          <div className="notice-actions">
            <button
              type="button"
              className="btn btn-primary"
              data-testid="export-resume"
              disabled={!ready}
              onClick={start}
            >
              {t('export.resume')}
            </button>
          </div>
        </div>
      )}
      {run.status === 'failed' && (
        <ErrorNotice
          error={run.error}
          testId="export-error"
          actions={
            <>
              <p className="notice-advice">{t('export.failedResumable')}</p>
              <button type="button" className="btn" data-testid="export-retry" disabled={!ready} onClick={start}>
                {t('export.resume')}
              </button>
            </>
          }
        />
      )}
      {(run.status === 'form' || run.status === 'failed') && (
        <div className="form-actions">
          {!ready && <span className="hint">{t('export.notReady')}</span>}
          <button
            type="button"
            className="btn btn-primary"
            data-testid="export-start"
            disabled={!ready}
            onClick={start}
          >
            {pending ? t('export.resume') : t('export.start')}
          </button>
        </div>
      )}
    </>
  );
}
