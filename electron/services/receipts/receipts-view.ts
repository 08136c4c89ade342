// Where each recipient of a message sent with a receipt request stands: the sent log (which
// messages asked, to whom) joined with the receipts found. A receipt from an address the message
// was not sent to (a forward, an alias that answered with its final address) is shown as well.
import type { RecipientReceipt, SentReceipts } from '../../../shared/receipts.ts';
import type { SentRecord } from '../send/outbox-store.ts';
import type { StoredReceipt } from './receipt-store.ts';

export function receiptsView(records: SentRecord[], stored: StoredReceipt[]): SentReceipts[] {
  const byMessage = new Map<string, StoredReceipt[]>();
  for (const r of stored) byMessage.set(r.messageId, [...(byMessage.get(r.messageId) ?? []), r]);
  return records
    .filter((r) => r.receiptRequested)
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt))
    .map((record) => {
      const found = new Map((byMessage.get(record.messageId) ?? []).map((r) => [r.recipient, r]));
      const rows: RecipientReceipt[] = [];
      for (const address of new Set(record.recipients.map((a) => a.toLowerCase()))) {
        const r = found.get(address);
        found.delete(address);
        rows.push(
          r ? { recipient: address, state: r.state, at: r.at } : { recipient: address, state: 'waiting', at: null },
        );
      }
      for (const r of found.values()) rows.push({ recipient: r.recipient, state: r.state, at: r.at });
      return {
        messageId: record.messageId,
        subject: record.subject,
        sentAt: record.sentAt,
        from: record.from,
        recipients: rows,
      };
    });
}
