// The audit log (nhật ký) of a unit mailbox: every action taken through the
// app becomes a record signed by the person who acted and hash-chained to the
// others, appended to `UnitMailbox/Audit` (a delegate reaches the unit's folder
// through the shared namespace). An action is written to the local queue first
// and acknowledged only then; the queue is emptied onto the server in order,
// now or when the server is back. Reading verifies the whole chain.
import { randomUUID } from 'node:crypto';
import type {
  AuditAction,
  AuditEntry,
  AuditFilter,
  AuditRecordResult,
  AuditVerification,
  OutsideChange,
} from '../../../shared/audit.ts';
import type { AccountService } from '../accounts/account-service.ts';
import type { Clock } from '../clock/clock.ts';
import type { MailboxSession, SessionRunner } from '../delegation/mailbox-session.ts';
import { AppError, toAppError } from '../errors/app-error.ts';
import type { Signer } from '../identity/signer.ts';
import { setAcl } from '../imap/imap-acl.ts';
import { sha256Hex } from '../ledger/ledger-read.ts';
import { sessionPath } from '../ledger/ledger-place.ts';
import { appendRecord } from '../records/record-folder.ts';
import type { SettingsRepository } from '../settings/settings-repository.ts';
import { isUnreachable, Lanes } from './audit-lanes.ts';
import { noteActed, observeFolder, outsideChangesIn, type SeenScope } from './audit-outside.ts';
import { auditPlaceFor, ensureAuditFolder, loadAuditHead, saveAuditHead, type AuditPlace } from './audit-place.ts';
import { AuditReader, auditPosition, type AuditRead } from './audit-read.ts';
import { auditActionSchema, signAuditRecord, type AuditDraft } from './audit-record.ts';
import type { AuditStore } from './audit-store.ts';

/** Rights of a delegate on the audit folder: look up, read, insert; never t/e/x (RFC 4314). */
export const AUDIT_DELEGATE_RIGHTS = 'lri';

/** An account acting on its own mailbox, or (a delegate) on the unit mailbox `mailbox`. */
export type AuditTarget = string | { accountId: string; mailbox?: string };

export interface AuditDeps {
  sessions: SessionRunner;
  accounts: Pick<AccountService, 'get'>;
  /** The acting person's own signing identity. */
  identity: { signer(): Promise<Signer> };
  clock: Clock;
  settings: SettingsRepository;
  store: AuditStore;
  newId?: () => string;
}

/** A record on the server: which action, its UID and seq. */
export interface Written {
  id: string;
  uid: number;
  seq: number;
}

interface Ctx {
  s: MailboxSession;
  place: AuditPlace;
}

export class AuditLog {
  private readonly deps: AuditDeps;
  private readonly reader = new AuditReader();
  /** One flush at a time per account and mailbox, so this computer never appends a queued record twice. */
  private readonly lanes = new Lanes();
  /** Records whose record() call waits: a flush another call started tells it UID and seq here. */
  private readonly awaited = new Map<string, Written | null>();
  /** Appends going on behind callers that did not wait. */
  private readonly behind = new Set<Promise<void>>();

  constructor(deps: AuditDeps) {
    this.deps = deps;
  }

  /** Records an action: durable in the local queue before this resolves, on the server when reachable. */
  async record(target: AuditTarget, action: AuditAction): Promise<AuditRecordResult> {
    return (await this.recordAll(target, [action]))[0] as AuditRecordResult;
  }

  /** Records several actions (e.g. one per message moved) in order, with one flush for all. */
  async recordAll(
    target: AuditTarget,
    actions: readonly AuditAction[],
    opts: { wait?: boolean } = {},
  ): Promise<AuditRecordResult[]> {
    const { accountId, actor, mailbox } = this.who(target);
    const drafts: AuditDraft[] = actions.map((action) => {
      const parsed = auditActionSchema.safeParse(action);
      if (!parsed.success) throw new AppError('VALIDATION', `invalid audit action: ${parsed.error.message}`);
      const at = this.deps.clock.now().toISOString();
      return { id: (this.deps.newId ?? randomUUID)(), at, actor, mailbox, action: parsed.data as AuditAction };
    });
    for (const draft of drafts) {
      try {
        this.deps.store.enqueue(accountId, draft);
      } catch (e) {
        throw new AppError('AUDIT_QUEUE_FAILED', `cannot queue audit record: ${(e as Error).message}`, { cause: e });
      }
      this.awaited.set(draft.id, null);
    }
    if (opts.wait === false) return this.inBackground(target, drafts);
    try {
      if (drafts.length > 0) await this.flush(target);
    } catch (e) {
      for (const d of drafts) this.deps.store.failed(d.id, (e as Error).message);
      // Unreachable: the records wait in the queue. A refusal before any was written is the caller's to see.
      if (!drafts.some((d) => this.awaited.get(d.id)) && !isUnreachable(e)) {
        drafts.forEach((d) => this.awaited.delete(d.id));
        throw toAppError(e);
      }
    }
    const pending = this.pendingCount(target);
    return drafts.map((draft) => {
      const mine = this.awaited.get(draft.id) ?? null;
      this.awaited.delete(draft.id);
      const state = mine ? ('appended' as const) : ('queued' as const);
      return { id: draft.id, state, uid: mine?.uid ?? null, seq: mine?.seq ?? null, pending };
    });
  }

  /**
   * Durable in the queue already: the server append goes on behind the caller (an action that
   * must answer quickly, e.g. a ledger action whose own record is on the server). settle() waits.
   */
  private inBackground(target: AuditTarget, drafts: readonly AuditDraft[]): AuditRecordResult[] {
    drafts.forEach((d) => this.awaited.delete(d.id));
    if (drafts.length > 0) {
      const flushing: Promise<void> = this.flush(target).then(
        () => undefined,
        (e: unknown) => drafts.forEach((d) => this.deps.store.failed(d.id, (e as Error).message)),
      );
      this.behind.add(flushing);
      void flushing.finally(() => this.behind.delete(flushing));
    }
    const pending = this.pendingCount(target);
    return drafts.map((d) => ({ id: d.id, state: 'queued', uid: null, seq: null, pending }));
  }

  /** Waits for the appends started behind callers (recordAll with wait: false). */
  async settle(): Promise<void> {
    while (this.behind.size > 0) await Promise.allSettled([...this.behind]);
  }

  /** Appends what waits in the queue, oldest first; returns what was written. */
  async flush(target: AuditTarget): Promise<Written[]> {
    const { accountId, mailbox } = this.who(target);
    if (this.deps.store.pending(accountId, mailbox).length === 0) return [];
    return this.lanes.run(`${accountId} ${mailbox}`, () => this.session(target, (c) => this.flushIn(c)));
  }

  /** Records still waiting on this computer for the mailbox. */
  pendingCount(target: AuditTarget): number {
    const { accountId, mailbox } = this.who(target);
    return this.deps.store.pending(accountId, mailbox).length;
  }

  /** The records, oldest first, filtered; each says whether it verified on its own. */
  async list(target: AuditTarget, filter: AuditFilter = {}): Promise<AuditEntry[]> {
    return this.session(target, async (c) => entriesOf(await this.read(c), filter));
  }

  /** Every problem of the log, the first (lowest seq, then UID) named. */
  async verify(target: AuditTarget): Promise<AuditVerification> {
    return this.session(target, async (c) => verificationOf(await this.read(c)));
  }

  /** list() and verify() from one reading of the folder (a page of the log with its state). */
  async overview(
    target: AuditTarget,
    filter: AuditFilter = {},
  ): Promise<{ entries: AuditEntry[]; verification: AuditVerification }> {
    return this.session(target, async (c) => {
      const read = await this.read(c);
      return { entries: entriesOf(read, filter), verification: verificationOf(read) };
    });
  }

  /** verify(), as a typed error (AUDIT_TAMPERED, naming the first problem) when the log is not intact. */
  async assertIntact(target: AuditTarget): Promise<AuditVerification> {
    const v = await this.verify(target);
    if (v.first) {
      const { kind, seq, uid, detail, messageVi } = v.first;
      throw new AppError('AUDIT_TAMPERED', `${v.folder}: ${detail}`, {
        messageVi: `Nhật ký thao tác đã bị can thiệp. ${messageVi}`,
        data: { kind, seq, uid, problems: v.problems.length },
      });
    }
    return v;
  }

  /** The owner lets a delegate add audit records and never remove them: 'lri' on the audit folder. */
  async shareAppendOnly(accountId: string, delegate: string): Promise<string> {
    return this.deps.sessions(accountId, async (s) => {
      const place = auditPlaceFor(s.client, s.email);
      await ensureAuditFolder(s.client, place);
      await setAcl(s.client, place.auditFolder, delegate.toLowerCase(), AUDIT_DELEGATE_RIGHTS);
      return place.auditFolder;
    });
  }

  /**
   * Messages of `folder` (unit-relative) changed since the app last saw them, by someone else.
   * `acknowledge` takes the current state as seen, so the same change is not reported again.
   */
  async outsideChanges(
    target: AuditTarget,
    folder: string,
    opts: { acknowledge?: boolean } = {},
  ): Promise<OutsideChange[]> {
    return this.session(target, (c) => outsideChangesIn(this.seenScope(c), folder, opts.acknowledge ?? false));
  }

  /** Takes the current state of `uids` (or the whole folder) as what the app saw, e.g. after a sync. */
  async observe(target: AuditTarget, folder: string, uids?: number[]): Promise<number> {
    return this.session(target, (c) => observeFolder(this.seenScope(c), folder, uids));
  }

  /** One session on the mailbox's audit place: what the app saw there, and the log read (for audit-sweep.ts). */
  inSession<T>(target: AuditTarget, fn: (scope: SeenScope, read: () => Promise<AuditRead>) => Promise<T>): Promise<T> {
    return this.session(target, (c) => fn(this.seenScope(c), () => this.read(c)));
  }

  // ---- the common path ----

  private who(target: AuditTarget): { accountId: string; actor: string; mailbox: string } {
    const { accountId, mailbox } = typeof target === 'string' ? { accountId: target, mailbox: undefined } : target;
    const account = this.deps.accounts.get(accountId);
    const actor = account.email.toLowerCase();
    return { accountId: account.id, actor, mailbox: (mailbox ?? actor).toLowerCase() };
  }

  private session<T>(target: AuditTarget, fn: (c: Ctx) => Promise<T>): Promise<T> {
    const { accountId, mailbox } = typeof target === 'string' ? { accountId: target, mailbox: undefined } : target;
    return this.deps.sessions(accountId, (s) => fn({ s, place: auditPlaceFor(s.client, s.email, mailbox) }));
  }

  private read(c: Ctx): Promise<AuditRead> {
    const head = loadAuditHead(this.deps.settings, c.s.accountId, c.place.mailbox);
    return this.reader.read(c.s.client, c.place.auditFolder, head ? [head] : []);
  }

  private async flushIn(c: Ctx): Promise<Written[]> {
    const queued = this.deps.store.pending(c.s.accountId, c.place.mailbox);
    const written: Written[] = [];
    if (queued.length === 0) return written;
    const signer = await this.deps.identity.signer();
    await ensureAuditFolder(c.s.client, c.place);
    let read = await this.read(c);
    for (const { draft } of queued) {
      // Appended before a crash but not yet marked done: the record is already there.
      const there = read.items.find((i) => i.record.id === draft.id);
      if (there) {
        this.wrote(written, { id: draft.id, uid: there.uid, seq: there.record.seq });
      } else {
        const signed = await signAuditRecord(draft, auditPosition(read.items), signer);
        let uid = await appendRecord(c.s.client, c.place.auditFolder, signed.message, new Date(draft.at));
        read = await this.read(c);
        const sha256 = sha256Hex(signed.json);
        uid ??= read.items.find((i) => i.sha256 === sha256)?.uid ?? null;
        if (uid === null) throw new AppError('INTERNAL', `the appended audit record ${sha256} cannot be found`);
        saveAuditHead(this.deps.settings, c.s.accountId, c.place.mailbox, { sha256, seq: signed.record.seq, uid });
        this.wrote(written, { id: draft.id, uid, seq: signed.record.seq });
      }
      // What the app saw of the message right after acting: its own change is not "outside".
      const m = draft.action.message;
      if (m) await noteActed(this.seenScope(c), m.folder, m.uid);
      this.deps.store.done(draft.id);
    }
    return written;
  }

  private wrote(written: Written[], w: Written): void {
    written.push(w);
    if (this.awaited.has(w.id)) this.awaited.set(w.id, w);
  }

  private seenScope(c: Ctx): SeenScope {
    const { place } = c;
    return {
      store: this.deps.store,
      client: c.s.client,
      accountId: c.s.accountId,
      mailbox: place.mailbox,
      pathOf: (folder) => sessionPath(place, folder),
    };
  }
}

/** A reading's records, oldest first, filtered; each says whether it verified on its own. */
function entriesOf(read: AuditRead, filter: AuditFilter): AuditEntry[] {
  const actor = filter.actor?.toLowerCase();
  return read.items
    .filter((i) => filter.from === undefined || i.record.at >= filter.from)
    .filter((i) => filter.to === undefined || i.record.at <= filter.to)
    .filter((i) => actor === undefined || i.record.by.email.toLowerCase() === actor)
    .filter((i) => filter.kind === undefined || i.record.kind === filter.kind)
    .map((i) => ({ ...i.record, uid: i.uid, sha256: i.sha256, trusted: i.trusted }));
}

/** A reading's problems, the first (lowest seq, then UID) named. */
function verificationOf(read: AuditRead): AuditVerification {
  return {
    folder: read.folder,
    records: read.items.length,
    intact: read.problems.length === 0,
    problems: read.problems,
    first: read.problems[0] ?? null,
  };
}
