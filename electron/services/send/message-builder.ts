// Builds the exact bytes of an outgoing message with nodemailer's MailComposer: multipart/
// alternative with a faithful text/plain part, UTF-8, RFC 2047 subjects and RFC 2231 file names
// (MailComposer's own encoders), our own Message-ID and Date (from the clock), threading headers.
// File and URL access are disabled: every attachment arrives here as bytes.
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Address } from '../../../shared/mail.ts';

export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  /** message/rfc822 parts are attached inline-able, as mail clients expect for a forwarded message. */
  disposition?: 'attachment' | 'inline';
}

export interface OutgoingMessage {
  from: Address;
  /** On behalf: the delegate who really sends it (RFC 5322 §3.6.2). */
  sender?: Address;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  text: string;
  html?: string;
  attachments: OutgoingAttachment[];
  messageId: string;
  date: Date;
  inReplyTo?: string;
  references?: string[];
  /** Disposition-Notification-To (a read receipt is asked of the recipients). */
  receiptTo?: string;
  /** X-Mailer-like product token. */
  userAgent: string;
  /** More header fields (ASCII values), e.g. a draft's state. */
  extraHeaders?: Record<string, string>;
}

export interface BuiltMessage {
  /** What goes over SMTP: no Bcc header. */
  raw: Buffer;
  /** What goes to Sent: the same message with its Bcc header, so the sender sees whom it went to. */
  copyRaw: Buffer;
}

const nfc = (s: string): string => s.normalize('NFC');
const addr = (a: Address) => ({ name: nfc(a.name), address: a.address });

export async function buildMessage(m: OutgoingMessage): Promise<BuiltMessage> {
  const headers: Record<string, string> = { ...m.extraHeaders, 'User-Agent': m.userAgent };
  if (m.receiptTo) headers['Disposition-Notification-To'] = m.receiptTo;
  const composer = new MailComposer({
    from: addr(m.from),
    ...(m.sender ? { sender: addr(m.sender) } : {}),
    to: m.to.map(addr),
    cc: m.cc.map(addr),
    bcc: m.bcc.map(addr),
    subject: nfc(m.subject),
    text: nfc(m.text),
    ...(m.html !== undefined ? { html: nfc(m.html) } : {}),
    attachments: m.attachments.map((a) => ({
      filename: nfc(a.filename),
      contentType: a.contentType,
      content: a.content,
      contentDisposition: a.disposition ?? 'attachment',
    })),
    messageId: m.messageId,
    date: m.date,
    ...(m.inReplyTo ? { inReplyTo: m.inReplyTo } : {}),
    ...(m.references && m.references.length > 0 ? { references: m.references.join(' ') } : {}),
    headers,
    // Quoted-printable keeps Vietnamese text readable in the source and 7-bit safe in transit.
    textEncoding: 'quoted-printable',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const node = composer.compile();
  node.keepBcc = true;
  const copyRaw = canonical(await node.build());
  // The SMTP copy is the same bytes without the Bcc field (built once: the body is most of the work).
  return { raw: m.bcc.length > 0 ? withoutBcc(copyRaw) : copyRaw, copyRaw };
}

/**
 * Every line end as CRLF. MailComposer keeps a bare LF at the end of quoted-printable text, which
 * SMTP turns into CRLF on the way: the bytes kept (and signed) must be the bytes delivered.
 */
function canonical(raw: Buffer): Buffer {
  for (let i = raw.indexOf(0x0a); i !== -1; i = raw.indexOf(0x0a, i + 1)) {
    if (i === 0 || raw[i - 1] !== 0x0d) return Buffer.from(raw.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
  }
  return raw;
}

/** The message without its Bcc header field (and the field's folded lines). */
function withoutBcc(raw: Buffer): Buffer {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end).toString('latin1');
  const kept = head.replace(/^Bcc:.*(?:\r\n[ \t].*)*(?:\r\n|$)/im, '').replace(/\r\n$/, '');
  return Buffer.concat([Buffer.from(kept, 'latin1'), raw.subarray(end)]);
}

/** `<random@domain>`: fixed when the message enters the outbox, so every retry carries it. */
export function newMessageId(domain: string, random: () => string): string {
  return `<${random()}@${domain.toLowerCase()}>`;
}
