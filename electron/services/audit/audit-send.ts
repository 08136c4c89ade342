// A message the server took, as an audit record: sent as the unit (its own account), for it (a
// delegate, with Sender), or a reply or forward of one of its messages (the original named,
// relative to the unit mailbox).
import type { AuditAction } from '../../../shared/audit.ts';
import type { StoredOutboxEntry } from '../send/outbox-store.ts';
import type { AuditSink } from './audit-sink.ts';

export function sentAuditAction(
  entry: StoredOutboxEntry,
  opts: { confirmed?: boolean } = {},
): { mailbox: string | null; action: AuditAction } {
  const onBehalf = entry.sender !== null && entry.sender.toLowerCase() !== entry.from.toLowerCase();
  const unit = entry.from.toLowerCase();
  const o = entry.original;
  const kind = o ? (o.flag === '$Forwarded' ? 'forward' : 'reply') : onBehalf ? 'send-on-behalf' : 'send-as-unit';
  // A delegate names the unit's folders under the shared namespace (shared/<unit>/INBOX).
  const at = o ? o.folder.toLowerCase().indexOf(`${unit}`) : -1;
  const folder = o && onBehalf && at >= 0 ? o.folder.slice(at + unit.length + 1) : (o?.folder ?? '');
  return {
    mailbox: onBehalf ? unit : null,
    action: {
      kind,
      message: o ? { folder, uid: o.uid, uidValidity: null, messageId: null } : null,
      details: {
        messageId: entry.messageId,
        subject: entry.subject,
        from: entry.from,
        sender: entry.sender,
        to: entry.to.join(', '),
        cc: entry.cc.join(', '),
        bcc: entry.bcc.length,
        onBehalf,
        ...(opts.confirmed ? { confirmedByUser: true } : {}),
      },
    },
  };
}

/** Records the sent entry through `sink` (none: nothing recorded); never rejects. */
export async function recordSent(
  sink: AuditSink | undefined,
  entry: StoredOutboxEntry,
  opts: { confirmed?: boolean } = {},
): Promise<void> {
  if (!sink) return;
  const { mailbox, action } = sentAuditAction(entry, opts);
  await sink.record(entry.accountId, mailbox, [action]);
}
