// "Tiếp nhận" (the incoming head): verify the package first; then accept it:
// main opens the sealed credential with the user's own key, stores the
// account and password in the keychain, compares the live mailbox with the
// package and writes the countersigned receipt. Missing messages can be put
// back. Reminders: the IT Centre resets the password; the previous head's
// delegations are reviewed.
import type { IdentitySummaryDto } from '../../../shared/identity.ts';
import type { VerifyReport } from '../../../shared/handover.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import type { AsyncState } from '../hooks/useAsync.ts';
import { AcceptedView } from './AcceptedView.tsx';
import { BagPicker } from './BagPicker.tsx';
import { ExpectedSignerField } from './ExpectedSignerField.tsx';
import { useHandoverT } from './i18n.ts';
import { JobProgress } from './JobProgress.tsx';
import { useAcceptFlow, type AcceptFlow } from './useAcceptFlow.ts';
import { VerifyReportView } from './VerifyReportView.tsx';

interface Props {
  identity: AsyncState<IdentitySummaryDto | null>;
  onOpenIdentity(): void;
}

export function AcceptScreen({ identity, onOpenIdentity }: Props) {
  const { t } = useHandoverT();
  const flow = useAcceptFlow();
  const { step, report, busy } = flow;

  return (
    <section className="handover-screen" aria-labelledby="accept-heading" data-testid="accept-screen">
      <h2 id="accept-heading">{t('accept.heading')}</h2>
      <p className="intro">{t('accept.intro')}</p>

      <fieldset className="handover-step" disabled={busy || step.status === 'accepted'}>
        <legend>{t('accept.step.verify')}</legend>
        <BagPicker value={flow.bag} testId="accept-bag" onChange={flow.choose} />
        <ExpectedSignerField
          testId="accept-expect-signer"
          signer={flow.expected}
          onChange={() => flow.choose(flow.bag)}
        />
        <div className="form-actions">
          <button
            type="button"
            className="btn btn-primary"
            data-testid="accept-verify"
            disabled={!flow.bag || flow.expected.invalid}
            onClick={() => void flow.verify()}
          >
            {t('accept.verify')}
          </button>
        </div>
      </fieldset>
      {step.status === 'verifying' && (
        <JobProgress
          progress={flow.progress.verify}
          testId="accept-verify-progress"
          startingLabel={t('verify.running')}
        />
      )}
      {step.status === 'verify-failed' && <ErrorNotice error={step.error} testId="accept-verify-error" />}
      {report && <VerifyReportView report={report} testId="accept-report" />}

      {report && !report.valid && (
        <div className="notice notice-error" role="alert" data-testid="accept-refused">
          <p className="notice-message">{t('accept.invalidPackage')}</p>
        </div>
      )}

      {report?.valid && <AcceptStep flow={flow} report={report} identity={identity} onOpenIdentity={onOpenIdentity} />}
      {step.status === 'accepting' && (
        <JobProgress progress={flow.progress.accept} testId="accept-progress" startingLabel={t('accept.running')} />
      )}
      {step.status === 'accept-failed' && <ErrorNotice error={step.error} testId="accept-error" />}

      {step.status === 'accepted' && (
        <AcceptedView
          result={step.result}
          diff={flow.diff ?? step.result.diff}
          bagPath={flow.bag?.path ?? ''}
          restore={flow.restore}
          restoreProgress={flow.progress.restore}
          onRestore={() => void flow.restoreMissing(step.result.accountId)}
        />
      )}
    </section>
  );
}

interface StepProps {
  flow: AcceptFlow;
  report: VerifyReport;
  identity: AsyncState<IdentitySummaryDto | null>;
  onOpenIdentity(): void;
}

/** The package is valid: whose account it becomes, with the user's signing identity. */
function AcceptStep({ flow, report, identity, onOpenIdentity }: StepProps) {
  const { t } = useHandoverT();
  const hasIdentity = identity.status === 'ok' && identity.value !== null;
  return (
    <fieldset className="handover-step" disabled={flow.busy}>
      <legend>{t('accept.step.accept')}</legend>
      {identity.status === 'ok' && identity.value === null && (
        <div className="notice notice-warning" data-testid="accept-no-identity">
          <p className="notice-message">{t('accept.noIdentity')}</p>
          <div className="notice-actions">
            <button type="button" className="btn" onClick={onOpenIdentity}>
              {t('export.openIdentity')}
            </button>
          </div>
        </div>
      )}
      <div className="field">
        <label htmlFor="accept-email">{t('accept.email')}</label>
        <input
          id="accept-email"
          type="email"
          data-testid="accept-email"
          value={flow.email}
          autoComplete="off"
          placeholder={t('accept.emailPlaceholder')}
          aria-invalid={flow.emailTouched && !flow.emailOk ? true : undefined}
          onChange={(e) => flow.setEmail(e.target.value)}
        />
        {flow.emailTouched && !flow.emailOk ? (
          <div className="field-error">{t('accept.emailInvalid')}</div>
        ) : (
          <div className="hint">{t('accept.emailHint')}</div>
        )}
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="accept-submit"
          disabled={!hasIdentity}
          onClick={() => void flow.accept(report)}
        >
          {t('accept.submit')}
        </button>
      </div>
    </fieldset>
  );
}
