// Incoming messages that ask for a read receipt (Disposition-Notification-To) and have none sent
// yet (no `$MDNSent` keyword, the mark shared with other mail clients of the same mailbox): the
// server's SEARCH answers, so a receipt sent from another PC or client counts too.
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { AddressObject } from 'mailparser';
import addressparser from 'nodemailer/lib/addressparser';
import type { PendingReceipt } from '../../../shared/receipts.ts';
import { simpleParser } from '../mail/lazy-mailparser.ts';
import { openReadOnly } from '../mail/message-list.ts';
import { uidSet } from '../sync/folder-sync.ts';
import { parseMdnFields } from './mdn-parse.ts';

export const MDN_SENT = '$MDNSent';
/** The newest this many requests are listed (a folder may hold years of them). */
const PENDING_LIMIT = 200;

/** The addresses of an address-list field value, lower case. */
export function addressesOf(value: string | undefined): string[] {
  const found = addressparser(value ?? '', { flatten: true }).map((a) => a.address.trim().toLowerCase());
  return [...new Set(found.filter((a) => a.includes('@')))];
}

/** RFC 8098 §2.1: a receipt address other than the envelope sender is to be confirmed by the user. */
export function returnPathMismatch(receiptTo: string[], returnPath: string | undefined): boolean {
  const path = addressesOf(returnPath)[0];
  return path !== undefined && receiptTo.some((a) => a !== path);
}

function pendingOf(folder: string, msg: FetchMessageObject): PendingReceipt | null {
  const fields = parseMdnFields(msg.headers?.toString('utf8') ?? '');
  const receiptTo = addressesOf(fields.get('disposition-notification-to'));
  if (receiptTo.length === 0) return null;
  const env = msg.envelope;
  const date = env?.date ?? msg.internalDate;
  return {
    folder,
    uid: msg.uid,
    messageId: env?.messageId ?? null,
    subject: env?.subject ?? '',
    from: env?.from?.[0]?.address?.toLowerCase() ?? '',
    date: date ? new Date(date).toISOString() : null,
    receiptTo,
    returnPathMismatch: returnPathMismatch(receiptTo, fields.get('return-path')),
  };
}

/** Messages of `folder` asking for a receipt not sent yet, newest first (deleted ones left out). */
export async function pendingRequests(client: ImapFlow, folder: string): Promise<PendingReceipt[]> {
  const lock = await openReadOnly(client, folder);
  try {
    await client.noop();
    const found = await client.search(
      { header: { 'disposition-notification-to': true }, unKeyword: MDN_SENT, deleted: false },
      { uid: true },
    );
    const uids = (Array.isArray(found) ? found : []).sort((a, b) => b - a).slice(0, PENDING_LIMIT);
    if (uids.length === 0) return [];
    const pending: PendingReceipt[] = [];
    const query = {
      uid: true,
      envelope: true,
      internalDate: true,
      headers: ['disposition-notification-to', 'return-path'],
    };
    for await (const msg of client.fetch(uidSet(uids), query, { uid: true })) {
      const p = pendingOf(folder, msg);
      if (p) pending.push(p);
    }
    return pending.sort((a, b) => b.uid - a.uid);
  } finally {
    lock.release();
  }
}

/** What answering a request needs from the original message. */
export interface ReceiptRequest {
  to: string[];
  messageId: string | null;
  subject: string;
  date: Date | null;
  originalRecipient: string | null;
}

/** The request in a message, or null when it asks for no receipt. */
export async function readRequest(source: Buffer): Promise<ReceiptRequest | null> {
  const parsed = await simpleParser(source, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const dnt = parsed.headers.get('disposition-notification-to') as AddressObject | undefined;
  const to = [
    ...new Set((dnt?.value ?? []).map((a) => (a.address ?? '').toLowerCase()).filter((a) => a.includes('@'))),
  ];
  if (to.length === 0) return null;
  const originalRecipient = parsed.headers.get('original-recipient');
  return {
    to,
    messageId: parsed.messageId ?? null,
    subject: parsed.subject ?? '',
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
    // A header value never spans lines here: whatever the sender put, one line goes into the MDN.
    originalRecipient: typeof originalRecipient === 'string' ? originalRecipient.replace(/[\r\n]+/g, ' ').trim() : null,
  };
}
