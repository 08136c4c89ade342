// Read receipts (MDN, RFC 8098), issue 14: what the app shows for messages sent with a receipt
// request, and for incoming messages that ask for one. Pure types, shared by main, the renderer
// and the CLI.
import type { OutboxEntry } from './compose.ts';

/**
 * What a returned MDN says happened to the message at the recipient (RFC 8098 §3.2.6.2):
 * - displayed: shown to the recipient (no proof it was read or understood);
 * - deleted: deleted, seen or not;
 * - dispatched: printed, faxed, forwarded…, without necessarily being shown;
 * - processed: handled some other way (e.g. by a program), without being shown.
 */
export const RECEIPT_DISPOSITIONS = ['displayed', 'deleted', 'dispatched', 'processed'] as const;
export type ReceiptDisposition = (typeof RECEIPT_DISPOSITIONS)[number];
/** `waiting`: the message asked for a receipt and none has come back from this recipient yet. */
export type ReceiptState = ReceiptDisposition | 'waiting';

export interface RecipientReceipt {
  /** The recipient's address, lower case (as it was sent to, else as the MDN names it). */
  recipient: string;
  state: ReceiptState;
  /** When the MDN says it happened (its Date), ISO 8601; null while waiting. */
  at: string | null;
}

/** One message sent with a receipt request, and where each recipient stands. */
export interface SentReceipts {
  messageId: string;
  subject: string;
  sentAt: string;
  from: string;
  recipients: RecipientReceipt[];
}

/** An incoming message that asks for a receipt that was not sent (no `$MDNSent` keyword). */
export interface PendingReceipt {
  folder: string;
  uid: number;
  messageId: string | null;
  subject: string;
  from: string;
  date: string | null;
  /** Where the receipt would go (Disposition-Notification-To). */
  receiptTo: string[];
  /**
   * The receipt address differs from the envelope sender (Return-Path): RFC 8098 §2.1 says the
   * user must be asked even under the "always" policy.
   */
  returnPathMismatch: boolean;
}

/** What answering a request did: the MDN is in the outbox, or one had been sent before. */
export interface ReceiptAnswer {
  status: 'queued' | 'already-sent';
  /** The receipt's recipients (Disposition-Notification-To). */
  to: string[];
  /** The MDN's own Message-ID; null when nothing was queued now. */
  mdnMessageId: string | null;
  entry: OutboxEntry | null;
}
