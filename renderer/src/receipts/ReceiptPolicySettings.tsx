// "Xác nhận đã đọc" in the settings: the receiptPolicy preference (ask / always / never) with
// what each does, saved as soon as it is chosen. RFC 8098: a receipt only with consent.
import { useEffect, useId, useState } from 'react';
import { RECEIPT_POLICIES, type ReceiptPolicy } from '../../../shared/settings.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/useT.ts';
import './receipts.css';

export function ReceiptPolicySettings() {
  const { t } = useT('receipts');
  const id = useId();
  const [policy, setPolicy] = useState<ReceiptPolicy | null>(null);
  const [status, setStatus] = useState<'idle' | 'saved' | UiError>('idle');
  useEffect(() => {
    invoke('preferences.get', {})
      .then((p) => setPolicy(p.receiptPolicy))
      .catch((e: unknown) => setStatus(toUiError(e)));
  }, []);
  const choose = async (next: ReceiptPolicy) => {
    const before = policy;
    setPolicy(next);
    try {
      const saved = await invoke('preferences.update', { receiptPolicy: next });
      setPolicy(saved.receiptPolicy);
      setStatus('saved');
    } catch (e) {
      setPolicy(before);
      setStatus(toUiError(e));
    }
  };
  return (
    <section className="card-section" aria-labelledby={`${id}-title`} data-testid="receipt-policy">
      <h2 id={`${id}-title`}>{t('policy.title')}</h2>
      <p className="hint">{t('policy.intro')}</p>
      <fieldset disabled={policy === null}>
        <legend>{t('policy.legend')}</legend>
        {RECEIPT_POLICIES.map((p) => (
          <div key={p} className="receipt-policy-option">
            <input
              type="radio"
              id={`${id}-${p}`}
              name={`${id}-policy`}
              value={p}
              checked={policy === p}
              aria-describedby={`${id}-${p}-hint`}
              data-testid={`receipt-policy-${p}`}
              onChange={() => void choose(p)}
            />
            <label htmlFor={`${id}-${p}`}>{t(`policy.${p}`)}</label>
            <p id={`${id}-${p}-hint`} className="hint">
              {t(`policy.${p}Hint`)}
            </p>
          </div>
        ))}
      </fieldset>
      <p role="status" className="muted" data-testid="receipt-policy-status">
        {status === 'saved' ? t('policy.saved') : ''}
      </p>
      {typeof status === 'object' && <ErrorNotice error={status} testId="receipt-policy-error" />}
    </section>
  );
}
