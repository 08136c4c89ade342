// Reading a returned read receipt (MDN, RFC 8098): a multipart/report with
// report-type=disposition-notification whose machine-readable part, message/disposition-notification
// (message/global-disposition-notification with internationalized addresses, RFC 6533), names the
// original message and what happened to it. Real MDNs vary: Outlook/Exchange put the human part
// in multipart/alternative, Thunderbird adds the original's headers as text/rfc822-headers, some
// omit Original-Message-ID (then In-Reply-To/References of the MDN itself name the original).
import type { ReceiptDisposition } from '../../../shared/receipts.ts';
import { RECEIPT_DISPOSITIONS } from '../../../shared/receipts.ts';
import { simpleParser } from '../mail/lazy-mailparser.ts';

/** The fields of a message/disposition-notification body, names lower case, values unfolded. */
export function parseMdnFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let last: string | null = null;
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (/^[ \t]/.test(line) && last !== null) {
      fields.set(last, `${fields.get(last) ?? ''} ${line.trim()}`.trim());
      continue;
    }
    const m = /^([!-9;-~]+)[ \t]*:(.*)$/.exec(line);
    if (!m) {
      last = null;
      continue;
    }
    last = (m[1] as string).toLowerCase();
    // The first occurrence counts (a field repeated by a broken gateway does not override it).
    if (!fields.has(last)) fields.set(last, (m[2] as string).trim());
    else last = null;
  }
  return fields;
}

export interface Disposition {
  /** manual-action | automatic-action */
  actionMode: string;
  /** MDN-sent-manually | MDN-sent-automatically */
  sendingMode: string;
  /** displayed, deleted, dispatched, processed — or an obsolete/unknown type (denied, failed…). */
  type: string;
  modifiers: string[];
}

/** `action-mode/sending-mode; type[/modifier,…]` (RFC 8098 §3.2.6, with RFC 2298's old modifiers). */
export function parseDisposition(value: string): Disposition | null {
  const clean = value.replace(/\([^)]*\)/g, ' ').trim();
  const m = /^([^/;\s]+)\s*\/\s*([^;\s]+)\s*;\s*([A-Za-z-]+)\s*(?:\/\s*(.*))?$/.exec(clean);
  if (!m) return null;
  return {
    actionMode: (m[1] as string).toLowerCase(),
    sendingMode: (m[2] as string).toLowerCase(),
    type: (m[3] as string).toLowerCase(),
    modifiers: (m[4] ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  };
}

/** `rfc822; user@host` → `user@host` (lower case); other address types are kept as they are. */
export function recipientOf(value: string | undefined): string | null {
  if (!value) return null;
  const semi = value.indexOf(';');
  const address = (semi >= 0 ? value.slice(semi + 1) : value).trim().replace(/^<(.*)>$/, '$1');
  return address ? address.toLowerCase() : null;
}

/** A Message-ID as `<…>`, or null. */
export function messageIdOf(value: string | undefined | null): string | null {
  const m = /<[^<>\s]+>/.exec(value ?? '');
  if (m) return m[0];
  const bare = (value ?? '').trim();
  return bare && !/\s/.test(bare) ? `<${bare}>` : null;
}

export interface ParsedMdn {
  /** The message the receipt is about. */
  originalMessageId: string;
  /** Who the receipt is from: Original-Recipient when given (the address as sent), else Final-Recipient. */
  recipient: string;
  finalRecipient: string | null;
  originalRecipient: string | null;
  disposition: Disposition;
  /** One of the four RFC 8098 types; null for an obsolete or unknown one (denied, failed…). */
  state: ReceiptDisposition | null;
  reportingUa: string | null;
  /** The MDN's own Date, ISO 8601; null when missing or unreadable. */
  date: string | null;
  /** The MDN's own Message-ID. */
  messageId: string | null;
}

const MDN_TYPES = ['message/disposition-notification', 'message/global-disposition-notification'];

/** The receipt in a message, or null when it is not an MDN (a bounce, an ordinary message). */
export async function parseMdn(source: Buffer): Promise<ParsedMdn | null> {
  const parsed = await simpleParser(source, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const part = parsed.attachments.find((a) => MDN_TYPES.includes(a.contentType.toLowerCase()));
  if (!part) return null;
  const fields = parseMdnFields(part.content.toString('utf8'));
  const disposition = parseDisposition(fields.get('disposition') ?? '');
  const finalRecipient = recipientOf(fields.get('final-recipient'));
  const originalRecipient = recipientOf(fields.get('original-recipient'));
  const refs = parsed.references;
  const originalMessageId =
    messageIdOf(fields.get('original-message-id')) ??
    messageIdOf(parsed.inReplyTo) ??
    messageIdOf(Array.isArray(refs) ? refs[refs.length - 1] : refs);
  const recipient = originalRecipient ?? finalRecipient;
  if (!disposition || !originalMessageId || !recipient) return null;
  const known = (RECEIPT_DISPOSITIONS as readonly string[]).includes(disposition.type);
  const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null;
  return {
    originalMessageId,
    recipient,
    finalRecipient,
    originalRecipient,
    disposition,
    state: known ? (disposition.type as ReceiptDisposition) : null,
    reportingUa: fields.get('reporting-ua') ?? null,
    date,
    messageId: messageIdOf(parsed.messageId),
  };
}
