// The compose and outbox part of the IPC contract (spread into shared/contract.ts): writing,
// sending through the durable outbox, attachments picked in main's dialog, address suggestions
// and the Article 11 sending policy; the recipient sources behind suggestions: the contacts list
// (imported from vCard/CSV) and the province directory (LDAP, configured by the IT Centre).
import { z } from 'zod';
import type { Call } from './contract-call.ts';
import { mailSignatureSchema, type MailSignature } from './mail-signature.ts';
import { accountRef, call, folderRef } from './contract-call.ts';
import type { PendingReceipt, ReceiptAnswer, SentReceipts } from './receipts.ts';
import {
  composeInputSchema,
  type AddressSuggestion,
  type DraftSaved,
  type DraftSummary,
  type OutboxEntry,
  type OutboxFlushResult,
  type PickedAttachment,
  type SendPolicyView,
} from './compose.ts';
import type {
  Contact,
  ContactsImportReport,
  DirectorySearchResult,
  DirectoryStatus,
  GroupExpansion,
} from './directory.ts';

const entryRef = accountRef.extend({ id: z.string().min(1).max(200) });

export const composeContract = {
  /**
   * Checks the message (recipients, Art. 11 policy, size, on-behalf right), commits it to the
   * outbox with its final Message-ID and returns the entry; delivery follows after the undo delay.
   * Refusals throw a typed error and queue nothing.
   */
  'compose.send': call<OutboxEntry>()(composeInputSchema),
  /** Main's open dialog for attachments; the renderer gets tokens, never paths. */
  'compose.pickAttachments': call<PickedAttachment[]>()(z.object({})),
  /**
   * Addresses for autocomplete, each once: the local cache, the contacts list and the province
   * directory when configured (`detail` = title · unit). A failing directory leaves it out.
   */
  'compose.suggest': call<AddressSuggestion[]>()(
    accountRef.extend({ query: z.string().max(200), limit: z.number().int().min(1).max(50).default(10) }),
  ),
  'compose.policy': call<SendPolicyView>()(z.object({})),
  /** The signature of a sending address (stored, or suggested from the signing identity: `stored` false). */
  'signatures.get': call<{ signature: MailSignature | null; stored: boolean }>()(
    z.object({ address: z.string().trim().toLowerCase().min(3).max(254) }),
  ),
  /** Saves (or, with null, removes) the signature of a sending address. */
  'signatures.set': call<{ saved: true }>()(
    z.object({ address: z.string().trim().toLowerCase().min(3).max(254), signature: mailSignatureSchema.nullable() }),
  ),

  'outbox.list': call<OutboxEntry[]>()(accountRef),
  /** "Hoàn tác": takes a queued message back before it leaves; returns what was sent, to refill the editor. */
  'outbox.undo': call<{ input: z.input<typeof composeInputSchema> }>()(entryRef),
  /** "Gửi lại ngay": a waiting message is tried now. For a "maybe sent" one this is the user's decision to send it again. */
  'outbox.retry': call<OutboxEntry>()(entryRef),
  /** For a "maybe sent" message: the user says it did arrive; it is filed in Sent and leaves the outbox. */
  'outbox.markSent': call<OutboxEntry>()(entryRef),
  'outbox.remove': call<{ removed: true }>()(entryRef),
  'outbox.flush': call<OutboxFlushResult>()(accountRef),

  /**
   * Saves a draft: committed locally first (survives a crash), then to the server's Drafts folder
   * (replacing the previous version), so it can be reopened on another PC. `draftId` continues one.
   */
  'drafts.save': call<DraftSaved>()(
    z.object({ draftId: z.string().min(1).max(200).optional(), input: composeInputSchema }),
  ),
  /** Drafts of the account: saved here, on the server, or both. */
  'drafts.list': call<DraftSummary[]>()(accountRef),
  /** The composer's content of a draft (from here, or from the server's copy). */
  'drafts.open': call<{ id: string; input: z.input<typeof composeInputSchema> }>()(
    accountRef.extend({ draftId: z.string().min(1).max(200) }),
  ),
  'drafts.remove': call<{ removed: true }>()(accountRef.extend({ draftId: z.string().min(1).max(200) })),

  /** Main's open dialog for a .vcf or .csv file, then the import; null when the dialog was cancelled. */
  'contacts.import': call<ContactsImportReport | null>()(z.object({})),
  'contacts.list': call<Contact[]>()(
    z.object({ query: z.string().max(200).default(''), limit: z.number().int().min(1).max(5000).default(500) }),
  ),
  /** The directory settings (read-only), and with `check` whether it answers (bind 'user' needs the account). */
  'directory.status': call<DirectoryStatus>()(
    z.object({ accountId: z.string().min(1).max(200).optional(), check: z.boolean().default(false) }),
  ),
  /** People, units and groups of the directory ("nguyen van a" finds "Nguyễn Văn An"); `truncated`: more exist. */
  'directory.search': call<DirectorySearchResult>()(
    accountRef.extend({ query: z.string().min(1).max(200), limit: z.number().int().min(1).max(200).default(20) }),
  ),
  /** A group ("Các sở, ban, ngành") by DN or by name, expanded to its members' addresses. */
  'directory.expandGroup': call<GroupExpansion>()(
    accountRef
      .extend({ dn: z.string().min(1).max(2000).optional(), name: z.string().min(1).max(300).optional() })
      .refine((g) => (g.dn === undefined) !== (g.name === undefined), 'give either dn or name'),
  ),

  /**
   * Read receipts of messages sent with a receipt request, per recipient (displayed at …, or
   * waiting); new MDNs in INBOX are looked for first, offline those found before are shown.
   */
  'receipts.list': call<SentReceipts[]>()(accountRef),
  /** Messages of a folder asking for a read receipt that was not sent (no $MDNSent keyword). */
  'receipts.pending': call<PendingReceipt[]>()(folderRef),
  /**
   * Sends the receipt a message asks for, through the outbox; call it only with the user's
   * consent (preference receiptPolicy: asked now under "ask"; "never" refuses). Once per message.
   */
  'receipts.answer': call<ReceiptAnswer>()(folderRef.extend({ uid: z.number().int().positive() })),
} as const satisfies Record<string, Call<z.ZodType, unknown>>;

export interface ComposeEvents {
  /** An outbox entry changed state (queued, sending, sent, retry, failed, removed). */
  'outbox.changed': { accountId: string; entries: OutboxEntry[] };
}
export const COMPOSE_EVENTS: (keyof ComposeEvents)[] = ['outbox.changed'];
