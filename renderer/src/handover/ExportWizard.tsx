// "Bàn giao" (the outgoing head): the unit mailbox, the incoming head's
// certificate (its fingerprint compared by phone, confirmed by a required
// checkbox), witness, place, where to write the bag; then a progress bar with
// Hủy. A cancelled or interrupted export resumes from where it stopped.
import { FormProvider } from 'react-hook-form';
import type { AccountSummary } from '../../../shared/account.ts';
import type { IdentitySummaryDto } from '../../../shared/identity.ts';
import type { AsyncState } from '../hooks/useAsync.ts';
import { ExportDone } from './ExportDone.tsx';
import { ExportOutcome } from './ExportOutcome.tsx';
import { AccountStep, OutputStep, RecipientStep, RecordStep } from './ExportSteps.tsx';
import { unitsFirst } from './exportSchema.ts';
import { useHandoverT } from './i18n.ts';
import { useExportForm, useExportRun, usePendingExport } from './useExportWizard.ts';

interface Props {
  accounts: AccountSummary[];
  currentAccountId: string | null;
  identity: AsyncState<IdentitySummaryDto | null>;
  onOpenIdentity(): void;
}

export function ExportWizard({ accounts, currentAccountId, identity, onOpenIdentity }: Props) {
  const { t } = useHandoverT();
  const wizard = useExportForm(accounts, currentAccountId);
  const job = useExportRun(wizard.form);
  const pending = usePendingExport(wizard.values.outDir, wizard.bagNameProblem ? null : wizard.bagName, job.run.status);
  const hasIdentity = identity.status === 'ok' && identity.value !== null;
  const ready = hasIdentity && wizard.valid;
  const locked = job.run.status === 'running';

  if (accounts.length === 0) {
    return (
      <section className="handover-screen" aria-labelledby="export-heading" data-testid="export-screen">
        <h2 id="export-heading">{t('export.heading')}</h2>
        <div className="notice notice-info" data-testid="export-no-account">
          <p className="notice-message">{t('export.noAccount')}</p>
        </div>
      </section>
    );
  }

  if (job.run.status === 'done') return <ExportDone result={job.run.result} onAgain={job.again} />;

  return (
    <FormProvider {...wizard.form}>
      <section className="handover-screen" aria-labelledby="export-heading" data-testid="export-screen">
        <h2 id="export-heading">{t('export.heading')}</h2>
        <p className="intro">{t('export.intro')}</p>
        {identity.status === 'ok' && identity.value === null && (
          <div className="notice notice-warning" data-testid="export-no-identity">
            <p className="notice-message">{t('export.noIdentity')}</p>
            <div className="notice-actions">
              <button type="button" className="btn" onClick={onOpenIdentity}>
                {t('export.openIdentity')}
              </button>
            </div>
          </div>
        )}
        <AccountStep units={unitsFirst(accounts)} account={wizard.account} locked={locked} />
        <RecipientStep recipient={wizard.values.recipient} locked={locked} />
        <RecordStep locked={locked} />
        <OutputStep
          locked={locked}
          outDir={wizard.values.outDir}
          bagName={wizard.bagName}
          bagNameProblem={wizard.bagNameProblem}
          pending={job.run.status === 'form' ? pending : null}
        />
        <ExportOutcome job={job} ready={ready} pending={pending !== null} />
      </section>
    </FormProvider>
  );
}
