// The compose and outbox part of the UI test fake (FakeMailbox.compose): an in-memory outbox
// that behaves like the real one as far as the page can tell. "Gửi" checks the recipients and
// the Article 11 policy (free webmail refused with FREEMAIL_FORBIDDEN and nothing queued;
// outside the official domains refused with OUTSIDE_DOMAIN_UNCONFIRMED until confirmed), then
// queues the entry with sendAfter = now + the undo delay; `deliverDue` (the test advancing
// time) sends what is due; "Hoàn tác" gives the input back while the entry is still queued.
// Every change is pushed as outbox.changed. The test can put an entry in any state (`patch`).
// Drafts are kept "here" and, unless `draftServerDown` says the server is away, "on the server"
// (where: 'both'; the reason given back otherwise); a message queued with its draftId removes
// the draft, as the real outbox does. Signatures are kept per address; signing without an
// identity (`hasIdentity` false) is refused with IDENTITY_MISSING, as the real outbox does.
import type { AccountSummary } from '../../shared/account.ts';
import type {
  AddressSuggestion,
  ComposeParsed,
  DraftSummary,
  OutboxEntry,
  PickedAttachment,
} from '../../shared/compose.ts';
import type { MailSignature } from '../../shared/mail-signature.ts';
import type { EventMap } from '../../shared/contract.ts';
import { parseRecipients } from '../../shared/recipients.ts';
import { classifyRecipients, DEFAULT_SEND_POLICY, sendPolicyView } from '../../shared/send-policy.ts';
import type { HandlersFor } from '../../electron/services/api/handler-types.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';

export type ComposeChannel =
  | 'compose.send'
  | 'compose.pickAttachments'
  | 'compose.suggest'
  | 'compose.policy'
  | 'outbox.list'
  | 'outbox.undo'
  | 'outbox.retry'
  | 'outbox.markSent'
  | 'outbox.remove'
  | 'outbox.flush'
  | 'drafts.save'
  | 'drafts.list'
  | 'drafts.open'
  | 'drafts.remove'
  | 'signatures.get'
  | 'signatures.set';

interface FakeDraft {
  input: ComposeParsed;
  updatedAt: string;
  onServer: boolean;
  serverError: string | null;
}

type EmitOutbox = (payload: EventMap['outbox.changed']) => void;

export class FakeCompose {
  entries: OutboxEntry[] = [];
  /** Every input compose.send accepted, in order (as the schema parsed it). */
  readonly accepted: ComposeParsed[] = [];
  /** What compose.pickAttachments answers next. */
  picks: PickedAttachment[] = [];
  /** The address book compose.suggest searches. */
  addressBook: AddressSuggestion[] = [];
  /** Drafts by id, as saved. */
  readonly drafts = new Map<string, FakeDraft>();
  /** Every drafts.save the page made, in order. */
  readonly draftSaves: Array<{ draftId: string | undefined; input: ComposeParsed }> = [];
  /** Set: saves to the server fail with this reason (the local copy is kept). */
  draftServerDown: string | null = null;
  /** Stored signatures by address. */
  readonly signatures = new Map<string, MailSignature>();
  /** Whether the profile has a signing identity (sign: true is refused without one). */
  hasIdentity = false;
  private readonly inputs = new Map<string, ComposeParsed>();
  private next = 1;

  private readonly account: AccountSummary;
  private readonly undoSeconds: () => number;
  private readonly emit: EmitOutbox;

  constructor(account: AccountSummary, undoSeconds: () => number, emit: EmitOutbox) {
    this.account = account;
    this.undoSeconds = undoSeconds;
    this.emit = emit;
  }

  readonly handlers: HandlersFor<ComposeChannel> = {
    'compose.send': async (input) => this.send(input),
    'compose.pickAttachments': async () => this.picks.splice(0),
    'compose.suggest': async ({ query, limit }) => {
      const q = query.toLowerCase();
      return this.addressBook
        .filter((s) => s.address.toLowerCase().includes(q) || s.name.toLowerCase().includes(q))
        .slice(0, limit);
    },
    'compose.policy': async () => sendPolicyView(DEFAULT_SEND_POLICY, null, null, this.undoSeconds()),
    'outbox.list': async () => this.entries,
    'outbox.undo': async ({ id }) => {
      const entry = this.find(id);
      const input = this.inputs.get(id);
      if (entry.status !== 'queued' || !input) throw new AppError('OUTBOX_ENTRY_NOT_FOUND', `${id} already left`);
      this.drop(id);
      return { input };
    },
    'outbox.retry': async ({ id }) =>
      this.patch(id, { status: 'sent', sentAt: new Date().toISOString(), lastError: null }),
    'outbox.markSent': async ({ id }) => this.patch(id, { status: 'sent', sentAt: new Date().toISOString() }),
    'outbox.remove': async ({ id }) => {
      this.find(id);
      this.drop(id);
      return { removed: true };
    },
    'drafts.save': async ({ draftId, input }) => this.saveDraft(draftId, input),
    'drafts.list': async () =>
      [...this.drafts.entries()]
        .map(([id, d]) => this.summary(id, d))
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    'drafts.open': async ({ draftId }) => {
      const d = this.drafts.get(draftId);
      if (!d) throw new AppError('MESSAGE_NOT_FOUND', `no draft ${draftId}`, { messageVi: 'Không tìm thấy thư nháp.' });
      return { id: draftId, input: { ...d.input, draftId } };
    },
    'drafts.remove': async ({ draftId }) => {
      this.drafts.delete(draftId);
      return { removed: true };
    },
    'signatures.get': async ({ address }) => {
      const signature = this.signatures.get(address) ?? null;
      return { signature, stored: signature !== null };
    },
    'signatures.set': async ({ address, signature }) => {
      if (signature) this.signatures.set(address, signature);
      else this.signatures.delete(address);
      return { saved: true };
    },
    'outbox.flush': async () => {
      this.deliverDue(Number.POSITIVE_INFINITY);
      return { sent: this.entries.length, waiting: 0, failed: 0, maybeSent: 0, entries: this.entries };
    },
  };

  /** Sends every queued entry whose undo delay has ended by `now` (the test advancing time). */
  deliverDue(now = Date.now()): void {
    const due = this.entries.filter((e) => e.status === 'queued' && Date.parse(e.sendAfter) <= now);
    for (const e of due) this.patch(e.id, { status: 'sent', sentAt: new Date().toISOString() });
  }

  /** Puts an entry in the state a test needs (retry, failed, maybe-sent…) and tells the page. */
  patch(id: string, change: Partial<OutboxEntry>): OutboxEntry {
    const updated = { ...this.find(id), ...change, attempts: this.find(id).attempts + 1 };
    this.entries = this.entries.map((e) => (e.id === id ? updated : e));
    this.changed();
    return updated;
  }

  private send(input: ComposeParsed): OutboxEntry {
    const all = [...input.to, ...input.cc, ...input.bcc];
    const parsed = parseRecipients(all);
    if (parsed.invalid.length > 0)
      throw new AppError('RECIPIENT_INVALID', 'invalid recipients', { data: { addresses: parsed.invalid.join(', ') } });
    if (parsed.recipients.length === 0) throw new AppError('RECIPIENT_INVALID', 'no recipient');
    const classes = classifyRecipients(
      parsed.recipients.map((r) => r.address),
      DEFAULT_SEND_POLICY,
    );
    if (classes.freemail.length > 0)
      throw new AppError('FREEMAIL_FORBIDDEN', 'free-mail recipients', {
        data: { addresses: classes.freemail.join(', ') },
      });
    if (classes.outside.length > 0 && !input.confirmOutsideDomain)
      throw new AppError('OUTSIDE_DOMAIN_UNCONFIRMED', 'outside recipients', {
        data: { addresses: classes.outside.join(', ') },
      });
    if (input.sign && !this.hasIdentity) throw new AppError('IDENTITY_MISSING', 'no signing identity');
    const id = `out-${this.next++}`;
    const now = Date.now();
    if (input.draftId) this.drafts.delete(input.draftId);
    const entry: OutboxEntry = {
      id,
      accountId: this.account.id,
      messageId: `<${id}@binhphuoc.gov.vn>`,
      from: input.onBehalfOf ?? this.account.email,
      sender: input.onBehalfOf ? this.account.email : null,
      to: input.to,
      cc: input.cc,
      bcc: input.bcc,
      subject: input.subject,
      size: input.text.length + (input.html?.length ?? 0),
      status: 'queued',
      attempts: 0,
      queuedAt: new Date(now).toISOString(),
      sendAfter: new Date(now + (input.undoSeconds ?? this.undoSeconds()) * 1000).toISOString(),
      nextAttemptAt: null,
      lastError: null,
      refused: [],
      sentAt: null,
      sentCopy: 'pending',
    };
    this.accepted.push(input);
    this.inputs.set(id, input);
    this.entries = [...this.entries, entry];
    this.changed();
    return entry;
  }

  private saveDraft(draftId: string | undefined, input: ComposeParsed) {
    this.draftSaves.push({ draftId, input });
    const id = draftId ?? `draft-${this.next++}`;
    const savedAt = new Date().toISOString();
    const onServer = this.draftServerDown === null;
    this.drafts.set(id, {
      input: { ...input, draftId: id },
      updatedAt: savedAt,
      onServer,
      serverError: this.draftServerDown,
    });
    return { id, savedAt, onServer, serverError: this.draftServerDown };
  }

  private summary(id: string, d: FakeDraft): DraftSummary {
    return {
      id,
      accountId: this.account.id,
      subject: d.input.subject,
      to: d.input.to,
      updatedAt: d.updatedAt,
      where: d.onServer ? 'both' : 'local',
      server: d.onServer ? { folder: 'Drafts', uid: 1 } : null,
      serverError: d.serverError,
    };
  }

  private find(id: string): OutboxEntry {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) throw new AppError('OUTBOX_ENTRY_NOT_FOUND', `no outbox entry ${id}`);
    return entry;
  }

  private drop(id: string): void {
    this.entries = this.entries.filter((e) => e.id !== id);
    this.inputs.delete(id);
    this.changed();
  }

  private changed(): void {
    this.emit({ accountId: this.account.id, entries: this.entries });
  }
}
