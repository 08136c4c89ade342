// The reader's quiet bar for a message that asks for a read receipt (useReceiptRequest):
// "Người gửi yêu cầu xác nhận đã đọc thư này. Gửi xác nhận? [Gửi xác nhận] [Không]", with a
// warning when the receipt would go elsewhere than the sender; then what was done.
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/useT.ts';
import { useReceiptRequest, type OpenedRef } from './useReceiptRequest.ts';
import './receipts.css';

export function ReceiptBar({ accountId, opened }: { accountId: string; opened: OpenedRef | null }) {
  const { t } = useT('receipts');
  const { state, send, decline } = useReceiptRequest(accountId, opened);
  if (state.kind === 'none') return null;
  if (state.kind === 'sent') {
    const to = state.to.join(', ');
    const text = state.already ? t('bar.already') : state.auto ? t('bar.auto', { to }) : t('bar.sent', { to });
    return (
      <p className="receipt-bar is-done" role="status" data-testid="receipt-bar-done">
        {text}
      </p>
    );
  }
  const { request } = state;
  return (
    <div className="receipt-bar" role="group" aria-label={t('bar.label')} data-testid="receipt-bar">
      <p className="receipt-bar-text" data-testid="receipt-bar-text">
        {t('bar.ask')}
      </p>
      {request.returnPathMismatch && (
        <p className="receipt-bar-warning" data-testid="receipt-bar-mismatch">
          {t('bar.mismatch', { to: request.receiptTo.join(', ') })}
        </p>
      )}
      <div className="receipt-bar-actions">
        <button
          type="button"
          className="btn btn-small btn-primary"
          data-testid="receipt-send"
          disabled={state.kind === 'sending'}
          onClick={() => send(request)}
        >
          {state.kind === 'sending' ? t('bar.sending') : t('bar.send')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          data-testid="receipt-decline"
          disabled={state.kind === 'sending'}
          onClick={decline}
        >
          {t('bar.decline')}
        </button>
      </div>
      {state.kind === 'error' && <ErrorNotice error={state.error} testId="receipt-error" />}
    </div>
  );
}
