// Writing and sending for the unit (issue 14): what the composer hands to main, and what the
// outbox reports back. Pure: imported by main, the renderer and the CLI alike.
import { z } from 'zod';
import type { AppErrorPayload } from './errors.ts';

const folder = z.string().min(1).max(1000);
const uid = z.number().int().positive();

/** One recipient as typed or picked: "Name <addr>" or a bare address; parsed and checked by main. */
export const recipientListSchema = z.array(z.string().trim().min(1).max(400)).max(500).default([]);

/**
 * An attachment of an outgoing message.
 * - `picked`: a file the user chose in main's own open dialog ('compose.pickAttachments'); the
 *   renderer holds only the token, never a path, so it cannot make main read an arbitrary file.
 * - `data`: bytes the renderer has (drag and drop, paste), base64.
 * - `part`: an attachment of a message in the mailbox (forwarding keeps the original's files).
 * - `message`: a whole message from the mailbox, attached as message/rfc822 (forward as attachment).
 */
export const composeAttachmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('picked'), token: z.string().min(1).max(200) }),
  z.object({
    kind: z.literal('data'),
    name: z.string().trim().min(1).max(255),
    contentType: z.string().max(200).default('application/octet-stream'),
    base64: z.string().max(80_000_000),
  }),
  z.object({ kind: z.literal('part'), folder, uid, index: z.number().int().min(0) }),
  z.object({ kind: z.literal('message'), folder, uid }),
]);
export type ComposeAttachment = z.infer<typeof composeAttachmentSchema>;

export const COMPOSE_MODES = ['new', 'reply', 'reply-all', 'forward', 'forward-attachment'] as const;
export type ComposeMode = (typeof COMPOSE_MODES)[number];

/** What "Gửi" sends to main. */
export const composeInputSchema = z.object({
  accountId: z.string().min(1).max(200),
  /**
   * Send on behalf of a unit mailbox shared with this (personal) account: From is the unit's
   * address, Sender this account's; the copy goes to the unit's Sent folder. Needs "Soạn gửi thay".
   */
  onBehalfOf: z.string().trim().toLowerCase().max(254).optional(),
  to: recipientListSchema,
  cc: recipientListSchema,
  bcc: recipientListSchema,
  subject: z.string().max(2000).default(''),
  /** The faithful text/plain part (always sent). */
  text: z.string().max(20_000_000).default(''),
  /** The text/html part; absent in plain-text mode. */
  html: z.string().max(40_000_000).optional(),
  attachments: z.array(composeAttachmentSchema).max(200).default([]),
  /** The message answered or forwarded: threading headers come from it, and its flag is set after the send. */
  original: z.object({ folder, uid, mode: z.enum(['reply', 'forward']) }).optional(),
  /** Sign with the sender's own identity (S/MIME, multipart/signed, SHA-256). */
  sign: z.boolean().default(false),
  /** Ask for a read receipt (Disposition-Notification-To). */
  requestReceipt: z.boolean().default(false),
  /** The user confirmed recipients outside the official domains (Art. 11 policy). */
  confirmOutsideDomain: z.boolean().default(false),
  /** The draft this message was written in: removed (here and on the server) once it is queued. */
  draftId: z.string().min(1).max(200).optional(),
  /** Seconds during which "Hoàn tác" can take the message back; default from preferences. */
  undoSeconds: z.number().int().min(0).max(120).optional(),
});
export type ComposeInput = z.input<typeof composeInputSchema>;
export type ComposeParsed = z.infer<typeof composeInputSchema>;

export const OUTBOX_STATUSES = ['queued', 'sending', 'retry', 'failed', 'maybe-sent', 'sent'] as const;
/**
 * - queued: committed, waiting for the undo delay to end;
 * - sending: being delivered now;
 * - retry: a temporary failure (server down, 4xx); tried again at `nextAttemptAt`;
 * - failed: refused for good (5xx, every recipient refused); `lastError` says which and why;
 * - maybe-sent: the connection was lost after the message data went out and before the server
 *   answered: it may have been delivered. Never resent without the user's decision;
 * - sent: the server accepted it; the copy to Sent (and the original's flag) may still be pending.
 */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface RecipientRefusal {
  address: string;
  /** SMTP reply code, e.g. 550; null when refused before SMTP (policy). */
  code: number | null;
  /** The server's reply or the policy's reason, English. */
  reason: string;
}

export interface OutboxEntry {
  id: string;
  accountId: string;
  /** The final Message-ID, with angle brackets, fixed when the message entered the outbox. */
  messageId: string;
  from: string;
  /** Set when sent on behalf (the delegate's own address). */
  sender: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  /** Size of the message as it goes over SMTP, in bytes. */
  size: number;
  status: OutboxStatus;
  attempts: number;
  queuedAt: string;
  /** When the undo delay ends (the message goes no earlier). */
  sendAfter: string;
  nextAttemptAt: string | null;
  lastError: AppErrorPayload | null;
  /** Recipients the server refused (the others received it). */
  refused: RecipientRefusal[];
  sentAt: string | null;
  /** The copy in the Sent folder: done, still to do, or not possible (with the reason in lastError). */
  sentCopy: 'pending' | 'done' | 'failed';
}

/** What the outbox tells after a flush: how many went, how many wait, how many failed. */
export interface OutboxFlushResult {
  sent: number;
  waiting: number;
  failed: number;
  maybeSent: number;
  entries: OutboxEntry[];
}

/** An attachment the user picked in main's dialog, by token. */
export interface PickedAttachment {
  token: string;
  name: string;
  size: number;
  contentType: string;
  /** The reading side's risk level for this name (see shared/attachment-risk.ts). */
  risky: boolean;
}

/** An address for recipient autocomplete. */
export interface AddressSuggestion {
  name: string;
  address: string;
  /** Where it came from: the local cache of messages, the contacts list, the province directory. */
  source: 'cache' | 'contacts' | 'directory';
  /** Unit or title from the directory, when known. */
  detail?: string;
}

/** The Article 11 sending policy, as the settings screen shows it (read-only). */
export interface SendPolicyView {
  /** Where it was read from, or null for the built-in defaults. */
  source: string | null;
  /** Set when the deployed file was invalid (the defaults are then in force). */
  error: string | null;
  freemailDomains: string[];
  officialDomains: string[];
  /** Bytes; a larger message is refused before it is queued. Null: the server's SIZE only. */
  maxMessageBytes: number | null;
  undoSeconds: number;
}

/** A draft as the drafts list shows it. */
export interface DraftSummary {
  /** The draft's own id (kept across versions, on the server in X-Unit-Mailbox-Draft). */
  id: string;
  accountId: string;
  subject: string;
  to: string[];
  updatedAt: string;
  /** Where it is: on this PC only, on the server too, or only on the server (saved from another PC). */
  where: 'local' | 'both' | 'server';
  /** The server copy's folder and UID, when there is one. */
  server: { folder: string; uid: number } | null;
  /** Why the last save to the server failed (it stays saved here and is tried again). */
  serverError: string | null;
}

/** What "save draft" answers. */
export interface DraftSaved {
  id: string;
  savedAt: string;
  /** Saved on the server as well (false: offline or refused; the local copy is safe). */
  onServer: boolean;
  serverError: string | null;
}
