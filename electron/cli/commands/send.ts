// `unit-mailbox send`: the message is checked and committed to the durable outbox (the same one
// the app uses), then delivered at once (no undo delay on the command line). What could not go
// yet stays in the outbox, and the exit code says so (75, as sendmail's EX_TEMPFAIL).
import { readFile } from 'node:fs/promises';
import { composeInputSchema, type ComposeParsed, type OutboxEntry } from '../../../shared/compose.ts';
import type { AppErrorPayload } from '../../../shared/errors.ts';
import { formatRecipient, normalizeAddress, parseRecipients } from '../../../shared/recipients.ts';
import type { AppServices } from '../../services/app-services.ts';
import { AppError, toAppError } from '../../services/errors/app-error.ts';
import { publicEntry } from '../../services/send/outbox-store.ts';
import { UsageError } from '../usage.ts';
import {
  intOption,
  required,
  requireAccount,
  type CliIo,
  type CommandGroup,
  type Output,
  type Values,
} from '../args.ts';
import { EXIT_FAILED, localTime, reasonText, sendExitCode } from './outbox.ts';

/** What the command line asked for, before any file or the account is touched. */
export interface SendRequest {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: { file: string } | { stdin: true };
  htmlFile: string | null;
  attach: string[];
  original: { folder: string; uid: number; mode: 'reply' } | null;
  onBehalfOf: string | null;
  /** S/MIME with the profile's signing identity; without one the message is refused (exit 1). */
  sign: boolean;
  requestReceipt: boolean;
  confirmOutsideDomain: boolean;
}

/** What `--json` prints: the outcome, and what the outbox holds (id null when nothing was queued). */
export interface SendReport {
  status: OutboxEntry['status'] | 'refused';
  messageId: string | null;
  id: string | null;
  recipients: string[];
  refused: Array<{ address: string; code: number | null; reason: string }>;
  error?: AppErrorPayload;
}

/** Each value may hold a list ("a, b; c"); names with commas stay whole (see shared/recipients.ts). */
function recipientList(values: string[] | undefined): string[] {
  const { recipients, invalid } = parseRecipients(values ?? []);
  // Invalid pieces go on: the service refuses them by name (RECIPIENT_INVALID), before anything is queued.
  return [...recipients.map((r) => formatRecipient(r)), ...invalid];
}

/** `FOLDER:UID`, the folder may itself hold a colon: the UID is after the last one. */
export function parseReplyTo(value: string): { folder: string; uid: number; mode: 'reply' } {
  const m = /^(.+):([^:]+)$/.exec(value);
  if (!m) throw new UsageError('--reply-to-uid must be FOLDER:UID, e.g. INBOX:42');
  return {
    folder: m[1] as string,
    uid: intOption('--reply-to-uid UID', m[2] as string, 1, 2 ** 32 - 1),
    mode: 'reply',
  };
}

/** Checks the options (usage errors, exit 2); reads nothing. */
export function sendRequest(v: Values): SendRequest {
  required(v.account, '--account');
  const to = recipientList(v.to);
  if (to.length === 0) throw new UsageError('--to is required (one or more addresses, separated by commas)');
  const subject = required(v.subject, '--subject');
  const bodyFile = v['body-file'];
  if (bodyFile !== undefined && v['body-stdin']) throw new UsageError('give --body-file F or --body-stdin, not both');
  if (bodyFile === undefined && !v['body-stdin'])
    throw new UsageError('the body is required: --body-file F or --body-stdin');
  if (bodyFile === '') throw new UsageError('--body-file needs a file name');
  const as = v.as?.trim();
  if (as !== undefined && !normalizeAddress(as)) throw new UsageError(`--as must be the unit's address, not "${v.as}"`);
  return {
    to,
    cc: recipientList(v.cc),
    bcc: recipientList(v.bcc),
    subject: subject.normalize('NFC'),
    body: bodyFile !== undefined ? { file: bodyFile } : { stdin: true },
    htmlFile: v['html-file'] ?? null,
    attach: v.attach ?? [],
    original: v['reply-to-uid'] !== undefined ? parseReplyTo(v['reply-to-uid']) : null,
    onBehalfOf: as ?? null,
    sign: v.sign === true,
    requestReceipt: v['request-receipt'] === true,
    confirmOutsideDomain: v['confirm-outside-domain'] === true,
  };
}

/** UTF-8 text (a byte-order mark dropped), NFC: what was typed in any editor reaches the recipient the same. */
export function decodeText(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).normalize('NFC');
  } catch {
    throw new UsageError(`${what} is not UTF-8 text`);
  }
}

async function readText(file: string, what: string): Promise<string> {
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${what} ${file} (${e.code ?? e.message})`);
  });
  return decodeText(bytes, `${what} ${file}`);
}

async function readStdin(io: CliIo): Promise<string> {
  if (io.stdin.isTTY) io.stderr.write('Nhập nội dung thư, kết thúc bằng Ctrl-D / type the body, end with Ctrl-D\n');
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return decodeText(Buffer.concat(chunks), 'standard input');
}

/** The files and the body read, the attachments registered: the composer's input, undo delay 0. */
async function composeInput(r: SendRequest, accountId: string, s: AppServices, io: CliIo): Promise<ComposeParsed> {
  const text = 'file' in r.body ? await readText(r.body.file, '--body-file') : await readStdin(io);
  const html = r.htmlFile === null ? undefined : await readText(r.htmlFile, '--html-file');
  const attachments = [];
  for (const path of r.attach) {
    const picked = await s.attachmentTokens.add(path).catch((e: unknown) => {
      throw new UsageError(`cannot attach ${path}: ${toAppError(e).detail}`);
    });
    if (picked.risky)
      io.stderr.write(`Lưu ý: tệp đính kèm ${picked.name} thuộc loại có thể chứa mã độc / note: risky file type\n`);
    attachments.push({ kind: 'picked' as const, token: picked.token });
  }
  const parsed = composeInputSchema.safeParse({
    accountId,
    ...(r.onBehalfOf ? { onBehalfOf: r.onBehalfOf } : {}),
    to: r.to,
    cc: r.cc,
    bcc: r.bcc,
    subject: r.subject,
    text,
    ...(html !== undefined ? { html } : {}),
    attachments,
    ...(r.original ? { original: r.original } : {}),
    sign: r.sign,
    requestReceipt: r.requestReceipt,
    confirmOutsideDomain: r.confirmOutsideDomain,
    undoSeconds: 0,
  });
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

export const sendCommand: CommandGroup = async (_sub, args, v, s, io) => {
  if (args.length) throw new UsageError(`unexpected argument: ${args[0]}`);
  const request = sendRequest(v);
  const accountId = requireAccount(v, s);
  const input = await composeInput(request, accountId, s, io);
  let queued: OutboxEntry;
  try {
    queued = await s.outbox.queue(input);
  } catch (e) {
    return refusedOutput(toAppError(e), input, v.json === true);
  }
  const entry = await deliverNow(s, queued);
  return {
    data: report(entry),
    text: outcomeText(entry, v.account as string),
    exitCode: sendExitCode(entry),
  };
};

/** What the user can do about a refusal, on the command line. */
const REFUSAL_HINTS: Partial<Record<AppError['code'], string>> = {
  OUTSIDE_DOMAIN_UNCONFIRMED: ' Nếu đúng là cần gửi, thêm --confirm-outside-domain.',
  IDENTITY_MISSING:
    ' Để ký số (--sign), hãy tạo danh tính bằng "unit-mailbox identity create --name … --title … --unit … --email …"' +
    ' hoặc nhập chứng thư số bằng "unit-mailbox identity import-p12 TỆP --password-stdin".',
};

/** A refusal before queueing: nothing is in the outbox. Plain output: one line on stderr, as any failure. */
function refusedOutput(error: AppError, input: ComposeParsed, json: boolean): Output {
  if (!json) {
    const hint = REFUSAL_HINTS[error.code] ?? '';
    const nothing = error.messageVi.includes('hộp thư đi') ? '' : ' Thư chưa được đưa vào hộp thư đi.';
    throw new AppError(error.code, error.detail, {
      messageVi: `${error.messageVi}${hint}${nothing}`,
      ...(error.data ? { data: error.data } : {}),
    });
  }
  const named = typeof error.data?.addresses === 'string' ? error.data.addresses.split(', ').filter(Boolean) : [];
  const data: SendReport = {
    status: 'refused',
    messageId: null,
    id: null,
    recipients: parseRecipients([...input.to, ...input.cc, ...input.bcc]).recipients.map((r) => r.address),
    refused: named.map((address) => ({ address, code: null, reason: error.detail })),
    error: error.toPayload(),
  };
  return { data, text: '', exitCode: EXIT_FAILED };
}

const WAIT_POLLS = 600;
const WAIT_MS = 250;

/**
 * Delivers this entry only (not the rest of the outbox: the app may hold others in their undo
 * delay). `retry` claims it and sends it now; if the app claimed it first, its outcome is awaited.
 */
async function deliverNow(s: AppServices, queued: OutboxEntry): Promise<OutboxEntry> {
  const { store } = s.outbox;
  const current = (): OutboxEntry | null => {
    const e = store.get(queued.id);
    if (e) return publicEntry(e);
    // Gone: sent and filed (recorded in the sent log), or removed meanwhile (from the app).
    const sent = store.sentLog(queued.accountId).some((r) => r.messageId === queued.messageId);
    return sent ? { ...queued, status: 'sent', sentCopy: 'done' } : null;
  };
  let entry = await s.outbox.retry(queued.accountId, queued.id).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'OUTBOX_ENTRY_NOT_FOUND') return current();
    throw e;
  });
  for (let i = 0; entry?.status === 'sending' && i < WAIT_POLLS; i++) {
    await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    entry = current();
  }
  if (!entry)
    throw new AppError('OUTBOX_ENTRY_NOT_FOUND', `entry ${queued.id} was removed before it was sent`, {
      messageVi: 'Thư đã bị xóa khỏi hộp thư đi trước khi được gửi.',
    });
  return entry;
}

export function report(e: OutboxEntry): SendReport {
  return {
    status: e.status,
    messageId: e.messageId,
    id: e.id,
    recipients: [...e.to, ...e.cc, ...e.bcc],
    refused: e.refused,
    ...(e.lastError && e.status !== 'sent' ? { error: e.lastError } : {}),
  };
}

/** One or two lines, Vietnamese first, saying what happened and what the user can do. */
export function outcomeText(e: OutboxEntry, account: string): string {
  const flush = `unit-mailbox outbox flush --account ${account}`;
  switch (e.status) {
    case 'sent': {
      const refused = e.refused.map((r) => r.address);
      const got = [...e.to, ...e.cc, ...e.bcc].filter((a) => !refused.includes(a));
      const lines = [`Đã gửi / sent: ${e.messageId} → ${got.join(', ')}`];
      if (refused.length > 0)
        lines.push(
          `Máy chủ từ chối / refused: ${e.refused.map((r) => `${r.address} (${r.reason})`).join('; ')}. ` +
            `Thư vẫn ở hộp thư đi (ID ${e.id}) để xem lại.`,
        );
      else if (e.sentCopy !== 'done')
        lines.push(`Chưa lưu được bản vào thư mục Đã gửi; sẽ làm tiếp khi chạy "${flush}" hoặc khi mở ứng dụng.`);
      return lines.join('\n');
    }
    case 'failed':
      return [
        `Không gửi được / failed: ${e.lastError?.messageVi ?? 'không rõ lý do'}`,
        `Thư vẫn ở hộp thư đi với trạng thái "Không gửi được" (ID ${e.id}); xóa bằng "unit-mailbox outbox remove ${e.id} --account ${account}".`,
      ].join('\n');
    case 'maybe-sent':
      return [
        `Có thể đã gửi / maybe sent: ${e.lastError?.messageVi ?? ''}`.trim(),
        `Thư được giữ trong hộp thư đi để bạn quyết định, không tự gửi lại (ID ${e.id}); hỏi người nhận trước khi gửi lại.`,
      ].join('\n');
    case 'sending':
      return `Ứng dụng đang gửi thư này / the app is sending it (ID ${e.id}); xem kết quả bằng "unit-mailbox outbox list --account ${account}".`;
    default: {
      const next = e.nextAttemptAt ? `, lần thử tới ${localTime(e.nextAttemptAt)}` : '';
      return [
        `Chưa gửi được, thư được giữ trong hộp thư đi / kept in the outbox: ${reasonText(e.lastError)}${next}.`,
        `Gửi lại bằng "${flush}" (ID ${e.id}); ứng dụng, nếu đang mở, cũng tự gửi lại.`,
      ].join('\n');
    }
  }
}
