// "Xác nhận đã đọc": the messages sent with a read-receipt request (receipts.list, which looks
// for new MDNs first) and, per recipient, "đã đọc lúc 14:05 03/12/2026" or "chưa có xác nhận".
import { useEffect, useId, useRef, useState } from 'react';
import type { SentReceipts } from '../../../shared/receipts.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Icon } from '../components/Icon.tsx';
import { useModalFocus } from '../components/useModalFocus.ts';
import { useStable } from '../hooks/useStable.ts';
import { useT } from '../i18n/useT.ts';
import { formatStamp } from './stamp.ts';
import './receipts.css';

function useReceipts(accountId: string) {
  const [list, setList] = useState<SentReceipts[] | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [loading, setLoading] = useState(true);
  const load = useStable(async () => {
    setLoading(true);
    setError(null);
    try {
      setList(await invoke('receipts.list', { accountId }));
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setLoading(false);
    }
  });
  useEffect(() => {
    void load();
  }, [accountId, load]);
  return { list, error, loading, load };
}

function SentRow({ sent }: { sent: SentReceipts }) {
  const { t } = useT('receipts');
  const titleId = useId();
  const subject = sent.subject || t('view.noSubject');
  const done = sent.recipients.filter((r) => r.state !== 'waiting').length;
  return (
    <li className="outbox-row" data-testid="receipt-message" aria-labelledby={titleId}>
      <div className="outbox-head">
        <strong id={titleId}>{subject}</strong>
      </div>
      <p className="muted receipt-meta">
        {t('view.sentAt', { time: formatStamp(sent.sentAt) })} ·{' '}
        <span data-testid="receipt-progress">{t('view.progress', { done, total: sent.recipients.length })}</span>
      </p>
      <ul className="receipt-recipients" aria-label={t('view.recipients', { subject })}>
        {sent.recipients.map((r) => (
          <li key={r.recipient} className="receipt-recipient" data-testid="receipt-recipient" data-state={r.state}>
            <span dir="ltr">{r.recipient}</span>
            <span className={`receipt-state is-${r.state}`} data-testid="receipt-state">
              {t(`view.state.${r.state}`, { time: formatStamp(r.at) })}
            </span>
          </li>
        ))}
      </ul>
    </li>
  );
}

export function ReceiptsPanel({ accountId, onClose }: { accountId: string; onClose(): void }) {
  const { t } = useT('receipts');
  const card = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const { list, error, loading, load } = useReceipts(accountId);
  useModalFocus(card, onClose);
  return (
    <div className="overlay" data-testid="receipts-overlay">
      <div
        ref={card}
        className="overlay-card outbox-card"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="receipts"
      >
        <header className="first-run-header">
          <h1 id={titleId}>{t('view.title')}</h1>
          <button type="button" className="btn btn-ghost" data-testid="receipts-close" onClick={onClose}>
            <Icon name="close" /> {t('view.close')}
          </button>
        </header>
        <p className="hint">{t('view.intro')}</p>
        <p role="status" className="muted" data-testid="receipts-status">
          {loading ? t('view.loading') : ''}
        </p>
        {error && <ErrorNotice error={error} testId="receipts-error" />}
        {list !== null && list.length === 0 && (
          <p className="muted" data-testid="receipts-empty">
            {t('view.empty')}
          </p>
        )}
        {list !== null && list.length > 0 && (
          <ul className="outbox-list" aria-label={t('view.list')}>
            {list.map((s) => (
              <SentRow key={s.messageId} sent={s} />
            ))}
          </ul>
        )}
        <button
          type="button"
          className="btn btn-small"
          data-testid="receipts-refresh"
          disabled={loading}
          onClick={() => void load()}
        >
          <Icon name="refresh" /> {t('view.refresh')}
        </button>
      </div>
    </div>
  );
}
