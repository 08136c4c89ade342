// "Kiểm tra gói" (incoming head, auditor, IT Centre): pick a bag folder or
// .tar and optionally a CA or the outgoing head's fingerprint; main checks
// every hash, the manifests, the index and the signature; the verdict and every
// problem are shown.
import { useState } from 'react';
import type { VerifyReport } from '../../../shared/handover.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { BagPicker, type BagChoice } from './BagPicker.tsx';
import { ExpectedSignerField, useExpectedSigner } from './ExpectedSignerField.tsx';
import { useHandoverT } from './i18n.ts';
import { JobProgress } from './JobProgress.tsx';
import { useJobProgress } from './useJobProgress.ts';
import { VerifyReportView } from './VerifyReportView.tsx';

type Run =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; report: VerifyReport }
  | { status: 'failed'; error: UiError };

export function VerifyScreen() {
  const { t } = useHandoverT();
  const [bag, setBag] = useState<BagChoice | null>(null);
  const [run, setRun] = useState<Run>({ status: 'idle' });
  const expected = useExpectedSigner();
  const [progress, resetProgress] = useJobProgress('verify');

  async function verify() {
    if (!bag || expected.invalid) return;
    resetProgress();
    setRun({ status: 'running' });
    try {
      const report = await invoke('handover.verify', {
        path: bag.path,
        ...(bag.caPath ? { caPath: bag.caPath } : {}),
        ...expected.input,
      });
      setRun({ status: 'done', report });
    } catch (e) {
      setRun({ status: 'failed', error: toUiError(e) });
    }
  }

  return (
    <section className="handover-screen" aria-labelledby="verify-heading" data-testid="verify-screen">
      <h2 id="verify-heading">{t('verify.heading')}</h2>
      <p className="intro">{t('verify.intro')}</p>
      <BagPicker
        value={bag}
        testId="verify-bag"
        disabled={run.status === 'running'}
        onChange={(value) => {
          setBag(value);
          setRun({ status: 'idle' });
        }}
      />
      <ExpectedSignerField
        testId="verify-expect-signer"
        signer={expected}
        disabled={run.status === 'running'}
        onChange={() => setRun({ status: 'idle' })}
      />
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="verify-start"
          disabled={!bag || expected.invalid || run.status === 'running'}
          onClick={() => void verify()}
        >
          {run.status === 'done' ? t('verify.again') : t('verify.start')}
        </button>
      </div>
      {run.status === 'running' && (
        <JobProgress progress={progress} testId="verify-progress" startingLabel={t('verify.running')} />
      )}
      {run.status === 'failed' && <ErrorNotice error={run.error} testId="verify-error" />}
      {run.status === 'done' && <VerifyReportView report={run.report} />}
      <p className="hint">{t('verify.stockTools')}</p>
    </section>
  );
}
