// One message in the outbox: subject, recipients, its state in words ("Đang gửi", "Đã gửi",
// "Chờ gửi lại" with the reason and the next try, "Không gửi được" with who refused and why,
// "Có thể đã gửi" with the user's two choices, "Chờ gửi" with "Hoàn tác"), and its actions.
import type { OutboxEntry } from '../../../shared/compose.ts';
import { formatTime } from '../format/date.ts';
import { useT } from '../i18n/useT.ts';

export interface OutboxActions {
  undo(entry: OutboxEntry): void;
  retry(entry: OutboxEntry): void;
  markSent(entry: OutboxEntry): void;
  remove(entry: OutboxEntry): void;
}

function Details({ entry }: { entry: OutboxEntry }) {
  const { t, locale } = useT('compose');
  const time = (iso: string | null) => (iso ? formatTime(Date.parse(iso), locale) : '—');
  const reason = entry.lastError ? t('outbox.reason', { reason: entry.lastError.messageVi }) : null;
  const lines: string[] = [];
  if (entry.status === 'queued') lines.push(t('outbox.queuedUntil', { time: time(entry.sendAfter) }));
  if (entry.status === 'retry')
    lines.push(...(reason ? [reason] : []), t('outbox.nextTry', { time: time(entry.nextAttemptAt) }));
  if (entry.status === 'failed' && reason) lines.push(reason);
  if (entry.status === 'maybe-sent') lines.push(t('outbox.maybeSent'));
  if (entry.status === 'sent') {
    lines.push(t('outbox.sentAt', { time: time(entry.sentAt) }));
    if (entry.sentCopy === 'pending') lines.push(t('outbox.sentCopyPending'));
    if (entry.sentCopy === 'failed') lines.push(t('outbox.sentCopyFailed'));
  }
  for (const r of entry.refused)
    lines.push(t('outbox.refused', { address: r.address, reason: r.code ? `${r.code} ${r.reason}` : r.reason }));
  return (
    <>
      {lines.map((line) => (
        <p key={line} className="outbox-detail" data-testid="outbox-detail">
          {line}
        </p>
      ))}
    </>
  );
}

function Buttons({ entry, actions }: { entry: OutboxEntry; actions: OutboxActions }) {
  const { t } = useT('compose');
  const button = (label: string, run: () => void, testId: string, primary = false) => (
    <button
      type="button"
      className={`btn btn-small${primary ? ' btn-primary' : ''}`}
      data-testid={testId}
      onClick={run}
    >
      {label}
    </button>
  );
  const s = entry.status;
  return (
    <div className="outbox-actions">
      {s === 'queued' && button(t('outbox.undo'), () => actions.undo(entry), 'outbox-undo', true)}
      {s === 'maybe-sent' && button(t('outbox.retry'), () => actions.retry(entry), 'outbox-retry')}
      {s === 'maybe-sent' && button(t('outbox.markSent'), () => actions.markSent(entry), 'outbox-mark-sent')}
      {(s === 'queued' || s === 'retry' || s === 'failed') &&
        button(t('outbox.retryNow'), () => actions.retry(entry), 'outbox-retry-now')}
      {s !== 'sending' && s !== 'sent' && button(t('outbox.remove'), () => actions.remove(entry), 'outbox-remove')}
    </div>
  );
}

export function OutboxRow({ entry, actions }: { entry: OutboxEntry; actions: OutboxActions }) {
  const { t } = useT('compose');
  const titleId = `outbox-${entry.id}`;
  return (
    <li
      className={`outbox-row is-${entry.status}`}
      data-testid="outbox-row"
      data-status={entry.status}
      aria-labelledby={titleId}
    >
      <div className="outbox-head">
        <span className={`outbox-status status-${entry.status}`} data-testid="outbox-status">
          {t(`outbox.status.${entry.status}`)}
        </span>
        <strong id={titleId} className="outbox-subject">
          {entry.subject || t('outbox.noSubject')}
        </strong>
      </div>
      <p className="outbox-to muted">{t('outbox.to', { list: [...entry.to, ...entry.cc, ...entry.bcc].join(', ') })}</p>
      <Details entry={entry} />
      <Buttons entry={entry} actions={actions} />
    </li>
  );
}
