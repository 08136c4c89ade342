// `unit-mailbox outbox …`: what waits in the durable outbox (shared with the app), sending it now,
// removing an entry. Also the words and exit codes `send` reports an outbox entry with.
import type { OutboxEntry, OutboxFlushResult } from '../../../shared/compose.ts';
import type { AppErrorPayload } from '../../../shared/errors.ts';
import { table } from '../format.ts';
import { UsageError } from '../usage.ts';
import { requireAccount, type CommandGroup } from '../args.ts';

/** sendmail's EX_TEMPFAIL: the message is kept in the outbox for a later try (or for the user's decision). */
export const EXIT_TEMPFAIL = 75;
/** Refused or failed: nothing was sent (policy, permanent server refusal, missing right). */
export const EXIT_FAILED = 1;

const SUBCOMMANDS = ['list', 'flush', 'remove'] as const;

export const outboxCommands: CommandGroup = async (sub, args, v, s) => {
  if (!(SUBCOMMANDS as readonly string[]).includes(sub ?? ''))
    throw new UsageError(`unknown outbox command: ${sub ?? '(none)'} (list, flush or remove ID)`);
  const maxArgs = sub === 'remove' ? 1 : 0;
  if (args.length > maxArgs) throw new UsageError(`unexpected argument: ${args[maxArgs]}`);
  const id = args[0];
  if (sub === 'remove' && !id) throw new UsageError('outbox remove needs the ID of the entry (see outbox list)');
  const accountId = requireAccount(v, s);
  switch (sub) {
    case 'list': {
      // A delivery that a killed process left half-done shows as what it now is (to retry, or maybe sent).
      s.outbox.recover();
      const entries = s.outbox.list(accountId);
      return { data: entries, text: formatOutbox(entries) };
    }
    case 'flush': {
      const result = await s.outbox.flush(accountId);
      return { data: result, text: formatFlush(result), exitCode: flushExitCode(result) };
    }
    default: {
      s.outbox.remove(accountId, id as string);
      return { data: { removed: id }, text: `Đã xóa khỏi hộp thư đi / removed from the outbox: ${id}` };
    }
  }
};

/** 1 when something failed for good, 75 when something still waits (or waits for the user), else 0. */
export function flushExitCode(r: OutboxFlushResult): number {
  if (r.failed > 0 || r.entries.some((e) => e.status === 'sent' && e.refused.length > 0)) return EXIT_FAILED;
  return r.waiting > 0 || r.maybeSent > 0 ? EXIT_TEMPFAIL : 0;
}

/** The exit code of `send` for the entry as it stands after the attempt. */
export function sendExitCode(e: Pick<OutboxEntry, 'status' | 'refused'>): number {
  switch (e.status) {
    case 'sent':
      return e.refused.length > 0 ? EXIT_FAILED : 0;
    case 'failed':
      return EXIT_FAILED;
    default:
      // queued, retry, sending (another process has it), maybe-sent: it is in the outbox, not lost.
      return EXIT_TEMPFAIL;
  }
}

/** The first sentence of the Vietnamese reason, short enough for a table cell. */
export function reasonText(error: AppErrorPayload | null): string {
  if (!error) return 'không rõ lý do';
  const first = (error.messageVi.split(/(?<=[.!?])\s/)[0] ?? error.messageVi).replace(/[.\s]+$/, '');
  return first.length > 90 ? `${first.slice(0, 89)}…` : first;
}

/** Local date and time to the second, Vietnamese order: 14:05:30 03/12/2026. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** The status as the app shows it: Chờ gửi, Đang gửi, Chờ gửi lại (…), Không gửi được (…), Có thể đã gửi, Đã gửi. */
export function statusWords(e: OutboxEntry): string {
  switch (e.status) {
    case 'queued':
      return 'Chờ gửi';
    case 'sending':
      return 'Đang gửi';
    case 'retry':
      return `Chờ gửi lại (${reasonText(e.lastError)}${e.nextAttemptAt ? `; lần thử tới ${localTime(e.nextAttemptAt)}` : ''})`;
    case 'failed':
      return `Không gửi được (${reasonText(e.lastError)})`;
    case 'maybe-sent':
      return 'Có thể đã gửi (chờ bạn quyết định)';
    case 'sent':
      if (e.refused.length > 0) return `Đã gửi, trừ ${e.refused.map((r) => r.address).join(', ')} (bị từ chối)`;
      return e.sentCopy === 'done' ? 'Đã gửi' : 'Đã gửi (chưa lưu bản vào thư mục Đã gửi)';
  }
}

export function sizeText(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function recipientsCell(e: OutboxEntry): string {
  const more = e.cc.length + e.bcc.length;
  return e.to.join(', ') + (more > 0 ? ` (+${more} cc/bcc)` : '');
}

export function formatOutbox(entries: OutboxEntry[]): string {
  if (entries.length === 0) return '(hộp thư đi trống / the outbox is empty)';
  return table([
    ['ID', 'TRẠNG THÁI / STATUS', 'NGƯỜI NHẬN / TO', 'CỠ / SIZE', 'TIÊU ĐỀ / SUBJECT'],
    ...entries.map((e) => [e.id, statusWords(e), recipientsCell(e), sizeText(e.size), e.subject]),
  ]);
}

export function formatFlush(r: OutboxFlushResult): string {
  const lines = [
    `Đã gửi / sent: ${r.sent} · chờ gửi lại / waiting: ${r.waiting} · không gửi được / failed: ${r.failed} · ` +
      `có thể đã gửi / maybe sent: ${r.maybeSent}`,
  ];
  if (r.entries.length > 0) lines.push(formatOutbox(r.entries));
  const partial = r.entries.filter((e) => e.status === 'sent' && e.refused.length > 0).length;
  if (partial > 0)
    lines.push(
      `${partial} thư đã gửi nhưng máy chủ từ chối một số người nhận (xem bảng); xóa bằng "outbox remove ID" khi đã xử lý.`,
    );
  if (r.maybeSent > 0)
    lines.push(
      'Thư "có thể đã gửi" được giữ lại để bạn quyết định, không tự gửi lại: hỏi người nhận, rồi chọn Gửi lại ' +
        'hoặc Đã gửi trong ứng dụng, hoặc xóa bằng "outbox remove ID".',
    );
  return lines.join('\n');
}
