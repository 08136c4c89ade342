// Building the read receipt we send (MDN, RFC 8098 §3): multipart/report;
// report-type=disposition-notification with a human part (Vietnamese, then English) and the
// machine part message/disposition-notification. Built by hand: nodemailer's composer has no
// multipart/report, and the few fields must be exactly as the RFC spells them.
import { encodeWords, foldLines } from 'nodemailer/lib/mime-funcs';

export interface MdnInput {
  /** Our address: From, and Final-Recipient. */
  from: { name: string; address: string };
  /** Where the receipt goes (the original's Disposition-Notification-To). */
  to: string[];
  original: {
    messageId: string | null;
    subject: string;
    /** When the original was sent (its Date), if known. */
    date: Date | null;
    /** The original's Original-Recipient field (added by the MTA), passed on as is. */
    originalRecipient: string | null;
  };
  /** The user agent, e.g. `unit-mailbox/0.1.0`. */
  userAgent: string;
  /** Sent after the user was asked (manual), or under the standing "always" consent (automatic). */
  sendingMode: 'manual' | 'automatic';
  messageId: string;
  now: Date;
  boundary: string;
}

const CRLF = '\r\n';
const VN_TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour12: false,
});
const EN_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  dateStyle: 'medium',
  timeStyle: 'short',
  hour12: false,
});

/** RFC 5322 date-time in Vietnam time (+0700), so the recipient reads the reporter's clock. */
export function rfc5322Date(d: Date): string {
  const local = new Date(d.getTime() + 7 * 3600_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${days[local.getUTCDay()]}, ${p(local.getUTCDate())} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ` +
    `${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())} +0700`
  );
}

/** The human part: what happened, and what it does not prove (RFC 8098 §1.2: displayed ≠ read). */
export function humanText(m: MdnInput): string {
  const subject = m.original.subject || '(không có tiêu đề)';
  const sentVi = m.original.date ? ` gửi lúc ${VN_TIME.format(m.original.date)}` : '';
  const sentEn = m.original.date ? ` sent on ${EN_TIME.format(m.original.date)}` : '';
  return [
    `Thư "${subject}"${sentVi} tới ${m.from.address} đã được hiển thị trên máy người nhận lúc ${VN_TIME.format(m.now)} (giờ Việt Nam).`,
    'Xác nhận này chỉ cho biết thư đã được mở, không bảo đảm người nhận đã đọc hoặc đồng ý với nội dung.',
    '',
    `The message "${subject}"${sentEn} to ${m.from.address} was displayed on the recipient's computer on ${EN_TIME.format(m.now)} (Vietnam time).`,
    'This is no guarantee that the message has been read or understood.',
    '',
  ].join(CRLF);
}

/** The message/disposition-notification fields (RFC 8098 §3.1), ASCII (addresses are). */
export function mdnFields(m: MdnInput): string {
  const domain = m.from.address.slice(m.from.address.lastIndexOf('@') + 1);
  const mode = m.sendingMode === 'manual' ? 'MDN-sent-manually' : 'MDN-sent-automatically';
  return [
    `Reporting-UA: ${domain}; ${m.userAgent}`,
    ...(m.original.originalRecipient ? [`Original-Recipient: ${m.original.originalRecipient}`] : []),
    `Final-Recipient: rfc822;${m.from.address}`,
    ...(m.original.messageId ? [`Original-Message-ID: ${m.original.messageId}`] : []),
    // The display was the user's (manual-action); sending the MDN was asked each time or not.
    `Disposition: manual-action/${mode}; displayed`,
    '',
  ].join(CRLF);
}

function base64Lines(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64').replace(/.{76}/g, `$&${CRLF}`);
}

const header = (name: string, value: string) => foldLines(`${name}: ${value}`, 76);
const mailbox = (a: { name: string; address: string }) =>
  a.name ? `${encodeWords(a.name.normalize('NFC'), 'B', 52)} <${a.address}>` : `<${a.address}>`;

/** The whole MDN, CRLF line ends, 7-bit. */
export function buildMdn(m: MdnInput): Buffer {
  const subject = `Đã đọc / Read: ${m.original.subject}`.normalize('NFC');
  const b = m.boundary;
  const head = [
    header('From', mailbox(m.from)),
    header('To', m.to.map((a) => `<${a}>`).join(', ')),
    header('Subject', encodeWords(subject, 'B', 52)),
    `Date: ${rfc5322Date(m.now)}`,
    `Message-ID: ${m.messageId}`,
    ...(m.original.messageId ? [`In-Reply-To: ${m.original.messageId}`, `References: ${m.original.messageId}`] : []),
    `User-Agent: ${m.userAgent}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=disposition-notification;${CRLF} boundary="${b}"`,
  ];
  const body = [
    'This is a read receipt (MDN, RFC 8098).',
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(humanText(m)),
    `--${b}`,
    'Content-Type: message/disposition-notification',
    'Content-Transfer-Encoding: 7bit',
    '',
    mdnFields(m),
    `--${b}--`,
    '',
  ];
  return Buffer.from([...head, '', ...body].join(CRLF), 'utf8');
}
