// `unit-mailbox receipts --account E`: per message sent with a receipt request, where each
// recipient stands ("đã đọc lúc …", "chưa có xác nhận"). New receipts in INBOX are looked for
// first; offline, those found before are shown.
import type { RecipientReceipt, SentReceipts } from '../../../shared/receipts.ts';
import { UsageError } from '../usage.ts';
import { requireAccount, type CommandGroup } from '../args.ts';
import { localTime } from './outbox.ts';

export const receiptsCommand: CommandGroup = async (_sub, args, v, s) => {
  if (args.length) throw new UsageError(`unexpected argument: ${args[0]}`);
  const list = await s.receipts.receipts(requireAccount(v, s));
  return { data: list, text: formatReceipts(list) };
};

/** One recipient's state in Vietnamese (RFC 8098: "displayed" is shown on screen, not proof of reading). */
export function receiptWords(r: RecipientReceipt): string {
  const at = r.at ? localTime(r.at) : '';
  switch (r.state) {
    case 'displayed':
      return `đã đọc lúc ${at}`;
    case 'deleted':
      return `đã xóa lúc ${at} (có thể chưa đọc)`;
    case 'dispatched':
      return `đã được chuyển đi hoặc in lúc ${at} (chưa chắc đã đọc)`;
    case 'processed':
      return `đã được xử lý tự động lúc ${at} (chưa chắc đã đọc)`;
    case 'waiting':
      return 'chưa có xác nhận';
  }
}

export function formatReceipts(list: SentReceipts[]): string {
  if (list.length === 0)
    return 'Chưa có thư nào được gửi kèm yêu cầu xác nhận đã đọc / no message was sent with a receipt request.';
  const blocks = list.map((m) => {
    const read = m.recipients.filter((r) => r.state === 'displayed').length;
    const head = `${m.subject || '(không có tiêu đề)'} — gửi lúc ${localTime(m.sentAt)}, ${read}/${m.recipients.length} đã đọc`;
    const width = Math.max(...m.recipients.map((r) => r.recipient.length));
    return [
      head,
      `  ${m.messageId}`,
      ...m.recipients.map((r) => `  ${r.recipient.padEnd(width)}  ${receiptWords(r)}`),
    ].join('\n');
  });
  return blocks.join('\n\n');
}
