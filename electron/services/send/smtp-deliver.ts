// One delivery attempt over SMTP submission, on nodemailer's SMTPConnection (the layer under its
// transports) so that each stage is visible: the server's SIZE limit from EHLO, each refused
// recipient, and the moment the message bytes start to go out — after which a lost connection
// may have delivered the message ("uncertain"), while before it a retry is always safe.
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { RecipientRefusal } from '../../../shared/compose.ts';
import { AppError } from '../errors/app-error.ts';
import { assertSecurityConsent } from '../imap/imap-connection.ts';
import { classifyConnectionError } from '../net/connection-errors.ts';
import { tlsOptionsFor } from '../net/tls-options.ts';
import type { SmtpCredentials } from '../smtp/smtp-transport.ts';

export type DeliveryOutcome =
  /** The server took it (for `accepted`; `refused` did not get it). */
  | { kind: 'sent'; accepted: string[]; refused: RecipientRefusal[]; response: string; maxSize: number | null }
  /** Not delivered; trying again later may work (4xx, server down, timeout before the data). */
  | { kind: 'temporary'; error: AppError; maxSize: number | null }
  /** Not delivered and trying again will not help without a change (5xx, size, login, TLS). */
  | { kind: 'permanent'; error: AppError; refused: RecipientRefusal[]; maxSize: number | null }
  /** The connection was lost after the message data went out and before the server answered. */
  | { kind: 'uncertain'; error: AppError; maxSize: number | null };

export interface DeliveryRequest {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  /** Called (synchronously) just before the first byte of the message is handed to the server. */
  onData: () => void;
  timeoutMs?: number;
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  rejected?: string[];
  rejectedErrors?: SmtpError[];
  recipient?: string;
}

function connectionFor(creds: SmtpCredentials, timeoutMs: number): SMTPConnection {
  const { host, port, security } = creds.server;
  return new SMTPConnection({
    host,
    port,
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    ignoreTLS: security === 'none',
    tls: tlsOptionsFor(host, creds.caPem),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    // The final reply to the data can take a while on a busy server: wait longer for it.
    socketTimeout: timeoutMs * 4,
    logger: false,
    debug: false,
  });
}

const maxSizeOf = (c: SMTPConnection): number | null =>
  (c as unknown as { _maxAllowedSize?: number })._maxAllowedSize || null;

/**
 * SMTPConnection reports a failed connect, a dropped socket or a timeout as an 'error' (or 'end')
 * event, not through the pending callback: each step races against them.
 */
function failures(conn: SMTPConnection): {
  failed: Promise<never>;
  step: <T>(run: (cb: (err: Error | null | undefined, v?: T) => void) => void) => Promise<T>;
} {
  const failed = new Promise<never>((_, reject) => {
    conn.on('error', reject);
    conn.on('end', () => reject(Object.assign(new Error('connection closed by the server'), { code: 'ECONNECTION' })));
  });
  failed.catch(() => undefined);
  const step = <T>(run: (cb: (err: Error | null | undefined, v?: T) => void) => void): Promise<T> =>
    Promise.race([new Promise<T>((resolve, reject) => run((err, v) => (err ? reject(err) : resolve(v as T)))), failed]);
  return { failed, step };
}

function refusalsOf(e: SmtpError): RecipientRefusal[] {
  const list = e.rejectedErrors ?? [];
  if (list.length > 0)
    return list.map((r) => ({
      address: r.recipient ?? '',
      code: r.responseCode ?? null,
      reason: (r.response ?? r.message).trim(),
    }));
  return (e.rejected ?? []).map((address) => ({
    address,
    code: e.responseCode ?? null,
    reason: (e.response ?? e.message).trim(),
  }));
}

/** A stream of the message that reports when the server starts to take it. */
function messageStream(raw: Buffer, onData: () => void): Readable {
  let started = false;
  return new Readable({
    read() {
      if (!started) {
        started = true;
        onData();
        this.push(raw);
        this.push(null);
      }
    },
  });
}

export async function deliver(creds: SmtpCredentials, req: DeliveryRequest): Promise<DeliveryOutcome> {
  assertSecurityConsent(creds.server, creds.allowInsecure);
  const timeoutMs = req.timeoutMs ?? 20_000;
  const conn = connectionFor(creds, timeoutMs);
  let dataStarted = false;
  const { step } = failures(conn);
  try {
    await step<void>((cb) => conn.connect((err) => cb(err)));
    await step<boolean>((cb) => conn.login({ user: creds.username, pass: creds.password }, cb));
    const stream = messageStream(req.raw, () => {
      dataStarted = true;
      req.onData();
    });
    const info = await step<{ accepted: string[]; rejected: string[]; rejectedErrors?: SmtpError[]; response: string }>(
      (cb) => conn.send({ from: req.envelope.from, to: req.envelope.to, size: req.raw.length }, stream, cb),
    );
    const refused = refusalsOf({ name: '', message: '', rejected: info.rejected, rejectedErrors: info.rejectedErrors });
    return { kind: 'sent', accepted: info.accepted, refused, response: info.response, maxSize: maxSizeOf(conn) };
  } catch (e) {
    return await classifyFailure(e as SmtpError, creds, dataStarted, maxSizeOf(conn));
  } finally {
    conn.quit();
    conn.close();
  }
}

async function classifyFailure(
  e: SmtpError,
  creds: SmtpCredentials,
  dataStarted: boolean,
  maxSize: number | null,
): Promise<DeliveryOutcome> {
  const where = `SMTP ${creds.server.host}:${creds.server.port}`;
  const reply = (e.response ?? '').trim();
  const code = e.responseCode;
  if (e.code === 'EMESSAGE' && code === undefined && /size/i.test(e.message)) {
    const error = new AppError('MESSAGE_TOO_LARGE', `${where}: ${e.message}`, {
      messageVi: `Thư lớn hơn giới hạn ${maxSize ? Math.floor(maxSize / 1_000_000) + ' MB ' : ''}của máy chủ gửi thư. Hãy bớt hoặc nén tệp đính kèm.`,
      data: { maxSize },
    });
    return { kind: 'permanent', error, refused: [], maxSize };
  }
  if (code !== undefined && code >= 400) {
    const permanent = code >= 500;
    const refused = refusalsOf(e);
    const senderRefused = e.command?.startsWith('MAIL') === true;
    const error = senderRefused
      ? new AppError('FORBIDDEN_SENDER', `${where} refused the sender: ${reply}`, {
          messageVi:
            'Máy chủ gửi thư không cho tài khoản của bạn gửi với địa chỉ người gửi này. Trung tâm CNTT cần cho phép tài khoản của bạn dùng địa chỉ của đơn vị (Postfix: smtpd_sender_login_maps).',
          data: { reply },
        })
      : refused.length > 0
        ? new AppError('RECIPIENT_REFUSED', `${where} refused ${refused.map((r) => r.address).join(', ')}: ${reply}`, {
            messageVi: `Máy chủ từ chối người nhận ${refused.map((r) => r.address).join(', ')}: ${refused[0]?.reason ?? reply}`,
            data: { addresses: refused.map((r) => r.address).join(', '), reply },
          })
        : new AppError('SMTP_FAILED', `${where} answered ${code}: ${reply}`, {
            messageVi: `Máy chủ gửi thư trả lời ${code}${permanent ? ' (từ chối)' : ' (tạm thời)'}: ${reply}`,
            data: { reply, code },
          });
    return permanent ? { kind: 'permanent', error, refused, maxSize } : { kind: 'temporary', error, maxSize };
  }
  const error = await classifyConnectionError(e, creds.server, 'smtp');
  if (dataStarted)
    return {
      kind: 'uncertain',
      error: new AppError('SMTP_FAILED', `${where}: connection lost after the message data was sent (${e.message})`, {
        messageVi:
          'Mất kết nối sau khi đã chuyển nội dung thư và trước khi máy chủ xác nhận: thư có thể đã được gửi. Hãy kiểm tra với người nhận trước khi gửi lại.',
      }),
      maxSize,
    };
  const retryable = error.code === 'HOST_UNREACHABLE' || error.code === 'TIMEOUT' || error.code === 'SMTP_FAILED';
  return retryable ? { kind: 'temporary', error, maxSize } : { kind: 'permanent', error, refused: [], maxSize };
}

/** Connects, reads the SIZE limit from EHLO, logs in and quits (used before queueing a large message). */
export async function smtpMaxSize(creds: SmtpCredentials, timeoutMs = 10_000): Promise<number | null> {
  assertSecurityConsent(creds.server, creds.allowInsecure);
  const conn = connectionFor(creds, timeoutMs);
  const { step } = failures(conn);
  try {
    await step<void>((cb) => conn.connect((err) => cb(err)));
    return maxSizeOf(conn);
  } finally {
    conn.quit();
    conn.close();
  }
}
