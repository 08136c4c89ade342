// "Tiếp nhận" (the incoming head): verify the package first; then accept it:
// main opens the sealed credential with the user's own key, stores the
// account and password in the keychain, compares the live mailbox with the
// package and writes the countersigned receipt. Missing messages can be put
// back. Reminders: the IT Centre resets the password; the previous head's
// delegations are reviewed.
import { useState } from 'react';
import type { AcceptResult, PackageDiff } from '../../../shared/handover-accept.ts';
import type { VerifyReport } from '../../../shared/handover.ts';
import type { IdentitySummaryDto } from '../../../shared/identity.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import type { AsyncState } from '../hooks/useAsync.ts';
import { AcceptedView, type Restore } from './AcceptedView.tsx';
import { BagPicker, type BagChoice } from './BagPicker.tsx';
import { useHandoverT } from './i18n.ts';
import { JobProgress } from './JobProgress.tsx';
import { useJobProgress } from './useJobProgress.ts';
import { VerifyReportView } from './VerifyReportView.tsx';

interface Props {
  identity: AsyncState<IdentitySummaryDto | null>;
  onOpenIdentity(): void;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Step =
  | { status: 'choose' }
  | { status: 'verifying' }
  | { status: 'verified'; report: VerifyReport }
  | { status: 'verify-failed'; error: UiError }
  | { status: 'accepting'; report: VerifyReport }
  | { status: 'accept-failed'; report: VerifyReport; error: UiError }
  | { status: 'accepted'; result: AcceptResult };

export function AcceptScreen({ identity, onOpenIdentity }: Props) {
  const { t } = useHandoverT();
  const [bag, setBag] = useState<BagChoice | null>(null);
  const [step, setStep] = useState<Step>({ status: 'choose' });
  const [email, setEmail] = useState('');
  const [emailTouched, setEmailTouched] = useState(false);
  const [diff, setDiff] = useState<PackageDiff | null>(null);
  const [restore, setRestore] = useState<Restore>({ status: 'idle' });
  const [verifyProgress, resetVerify] = useJobProgress('verify');
  const [acceptProgress, resetAccept] = useJobProgress('accept');
  const [restoreProgress, resetRestore] = useJobProgress('restore');

  const hasIdentity = identity.status === 'ok' && identity.value !== null;
  const emailOk = EMAIL.test(email.trim());
  const busy = step.status === 'verifying' || step.status === 'accepting' || restore.status === 'running';

  async function verify() {
    if (!bag) return;
    resetVerify();
    setStep({ status: 'verifying' });
    try {
      const report = await invoke('handover.verify', { path: bag.path, ...(bag.caPath ? { caPath: bag.caPath } : {}) });
      setStep({ status: 'verified', report });
    } catch (e) {
      setStep({ status: 'verify-failed', error: toUiError(e) });
    }
  }

  async function accept(report: VerifyReport) {
    setEmailTouched(true);
    if (!bag || !emailOk) return;
    resetAccept();
    setStep({ status: 'accepting', report });
    try {
      const result = await invoke('handover.accept', {
        path: bag.path,
        accountEmail: email.trim(),
        ...(bag.caPath ? { caPath: bag.caPath } : {}),
      });
      setDiff(result.diff);
      setStep({ status: 'accepted', result });
    } catch (e) {
      setStep({ status: 'accept-failed', report, error: toUiError(e) });
    }
  }

  async function restoreMissing(accountId: string) {
    if (!bag) return;
    resetRestore();
    setRestore({ status: 'running' });
    try {
      const result = await invoke('handover.restore', { accountId, path: bag.path });
      setDiff(result.diff);
      setRestore({ status: 'done', restored: result.restored });
    } catch (e) {
      setRestore({ status: 'failed', error: toUiError(e) });
    }
  }

  const report =
    step.status === 'verified' || step.status === 'accepting' || step.status === 'accept-failed' ? step.report : null;

  return (
    <section className="handover-screen" aria-labelledby="accept-heading" data-testid="accept-screen">
      <h2 id="accept-heading">{t('accept.heading')}</h2>
      <p className="intro">{t('accept.intro')}</p>

      <fieldset className="handover-step" disabled={busy || step.status === 'accepted'}>
        <legend>{t('accept.step.verify')}</legend>
        <BagPicker
          value={bag}
          testId="accept-bag"
          onChange={(value) => {
            setBag(value);
            setStep({ status: 'choose' });
          }}
        />
        <div className="form-actions">
          <button
            type="button"
            className="btn btn-primary"
            data-testid="accept-verify"
            disabled={!bag}
            onClick={() => void verify()}
          >
            {t('accept.verify')}
          </button>
        </div>
      </fieldset>
      {step.status === 'verifying' && (
        <JobProgress progress={verifyProgress} testId="accept-verify-progress" startingLabel={t('verify.running')} />
      )}
      {step.status === 'verify-failed' && <ErrorNotice error={step.error} testId="accept-verify-error" />}
      {report && <VerifyReportView report={report} testId="accept-report" />}

      {report && !report.valid && (
        <div className="notice notice-error" role="alert" data-testid="accept-refused">
          <p className="notice-message">{t('accept.invalidPackage')}</p>
        </div>
      )}

      {report?.valid && (
        <fieldset className="handover-step" disabled={busy}>
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
              value={email}
              autoComplete="off"
              placeholder={t('accept.emailPlaceholder')}
              aria-invalid={emailTouched && !emailOk ? true : undefined}
              onChange={(e) => setEmail(e.target.value)}
            />
            {emailTouched && !emailOk ? (
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
              onClick={() => void accept(report)}
            >
              {t('accept.submit')}
            </button>
          </div>
        </fieldset>
      )}
      {step.status === 'accepting' && (
        <JobProgress progress={acceptProgress} testId="accept-progress" startingLabel={t('accept.running')} />
      )}
      {step.status === 'accept-failed' && <ErrorNotice error={step.error} testId="accept-error" />}

      {step.status === 'accepted' && (
        <AcceptedView
          result={step.result}
          diff={diff ?? step.result.diff}
          restore={restore}
          restoreProgress={restoreProgress}
          onRestore={() => void restoreMissing(step.result.accountId)}
        />
      )}
    </section>
  );
}
