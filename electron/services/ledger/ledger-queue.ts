// Ledger actions that work offline. Every action is first written to the local queue
// (ledger-queue-store.ts) and acknowledged only then; the queue of an account and mailbox is
// applied in order, one flush at a time, now if the server answers, else on the next flush (after
// a sync, every minute, at start). The server decides conflicts as it does for every action: the
// records' order in the ledger folder. A queued action the book refuses by then (a claim someone
// else won, an assign on an entry already done) is kept as 'lost' with why, and announced; an
// action refused while its caller waits is the caller's error, as before, and is not kept.
import { randomUUID } from 'node:crypto';
import type { RegisterFields, StatusValue } from '../../../shared/ledger.ts';
import { parseEntryNumber, vietnamDate } from '../../../shared/ledger.ts';
import { isUnreachable, Lanes } from '../audit/audit-lanes.ts';
import { AppError, isAppError, toAppError } from '../errors/app-error.ts';
import {
  LedgerService,
  type ActionResult,
  type AssignInput,
  type LedgerDeps,
  type LedgerTarget,
} from './ledger-service.ts';
import type { EntryKey, LedgerQueueStore, QueuedAction, QueuedItem, QueueOutcome } from './ledger-queue-store.ts';
import { placeholderEntry } from './ledger-queue-entry.ts';
import type { BookEntry, EntryNumber } from './ledger-view.ts';

/** An action result; `queued` when it waits on this computer for the server. */
export interface QueuedActionResult extends ActionResult {
  queued: { id: string; pending: number } | null;
}

/** A queued action applied or lost while nobody waited for it. */
export type SettledAction = QueuedItem & { state: 'applied' | 'lost'; outcome: QueueOutcome };

export interface QueuedLedgerDeps extends LedgerDeps {
  queue: LedgerQueueStore;
  /** Told of each queued action settled in a later flush (a lost one is shown to the user). */
  onSettled?: (settled: SettledAction[]) => void;
  newId?: () => string;
}

type Outcome = { ok: true; result: ActionResult } | { ok: false; error: AppError };

export class QueuedLedgerService extends LedgerService {
  private readonly q: QueuedLedgerDeps;
  private readonly lanes = new Lanes();
  /** Actions whose caller waits for this flush: their refusal is the caller's, not a notice. */
  private readonly waiting = new Map<string, Outcome | null>();
  /** The last state seen of each entry, for the answer to an action that has to wait. */
  private readonly known = new Map<string, BookEntry>();

  constructor(deps: QueuedLedgerDeps) {
    super(deps);
    this.q = deps;
  }

  override register(
    target: LedgerTarget,
    at: { folder: string; uid: number },
    fields: Partial<RegisterFields> = {},
    when?: Date,
  ): Promise<QueuedActionResult> {
    if (when) return super.register(target, at, fields, when).then(notQueued);
    return this.submit(target, { kind: 'register', folder: at.folder, uid: at.uid, fields });
  }

  override assign(target: LedgerTarget, which: EntryNumber, input: AssignInput, when?: Date) {
    if (when) return super.assign(target, which, input, when).then(notQueued);
    return this.submit(target, { kind: 'assign', which: this.key(which), input });
  }

  override claim(target: LedgerTarget, which: EntryNumber, when?: Date) {
    if (when) return super.claim(target, which, when).then(notQueued);
    return this.submit(target, { kind: 'claim', which: this.key(which) });
  }

  override setStatus(
    target: LedgerTarget,
    which: EntryNumber,
    status: StatusValue,
    result?: { messageId?: string; note?: string },
    when?: Date,
  ) {
    if (when) return super.setStatus(target, which, status, result, when).then(notQueued);
    return this.submit(target, { kind: 'status', which: this.key(which), status, ...(result ? { result } : {}) });
  }

  override reopen(
    target: LedgerTarget,
    which: EntryNumber,
    opts: { note?: string; release?: boolean } = {},
    when?: Date,
  ) {
    if (when) return super.reopen(target, which, opts, when).then(notQueued);
    return this.submit(target, { kind: 'reopen', which: this.key(which), opts });
  }

  override async book(target: LedgerTarget, year?: number) {
    const read = await super.book(target, year);
    for (const e of read.entries) this.known.set(knownKey(target, e), e);
    return read;
  }

  /** Actions waiting on this computer for the account's mailbox (own or `mailbox`). */
  pendingCount(target: LedgerTarget): number {
    const { accountId, mailbox } = split(target);
    return this.q.queue.pending(accountId, mailbox).length;
  }

  /** Applies what waits for every account and mailbox (at start, after a sync, on a timer). */
  async flushAll(accountId?: string): Promise<void> {
    const targets = this.q.queue.pendingTargets().filter((t) => accountId === undefined || t.accountId === accountId);
    for (const t of targets) {
      await this.flush(t.mailbox ? { accountId: t.accountId, mailbox: t.mailbox } : t.accountId).catch((e: unknown) => {
        if (!isUnreachable(e)) throw e;
      });
    }
  }

  /** Applies the queue of one account and mailbox in order; stops (and rethrows) when unreachable. */
  async flush(target: LedgerTarget): Promise<void> {
    const { accountId, mailbox } = split(target);
    if (this.q.queue.pending(accountId, mailbox).length === 0) return;
    await this.lanes.run(`${accountId}\u0000${mailbox}`, async () => {
      const settled: SettledAction[] = [];
      try {
        for (const item of this.q.queue.pending(accountId, mailbox)) {
          const outcome = await this.applyOne(target, item);
          if (!outcome) break;
          if (this.waiting.has(item.id)) this.waiting.set(item.id, outcome);
          const kept = this.q.queue.get(item.id);
          if (kept && kept.state !== 'pending' && !this.waiting.has(item.id)) settled.push(kept as SettledAction);
        }
      } finally {
        if (settled.length > 0) this.q.onSettled?.(settled);
      }
    });
  }

  private async submit(target: LedgerTarget, action: QueuedAction): Promise<QueuedActionResult> {
    const { accountId, mailbox } = split(target);
    const at = this.q.clock.now().toISOString();
    const id = (this.q.newId ?? randomUUID)();
    try {
      this.q.queue.enqueue({ id, accountId, mailbox, at, action });
    } catch (e) {
      throw new AppError('INTERNAL', `cannot queue the ledger action: ${(e as Error).message}`, {
        messageVi: 'Không ghi được thao tác vào hàng đợi trên máy này.',
        cause: e,
      });
    }
    this.waiting.set(id, null);
    try {
      await this.flush(target).catch((e: unknown) => {
        if (!isUnreachable(e)) throw e;
      });
      const outcome = this.waiting.get(id) ?? null;
      if (outcome?.ok) return notQueued(outcome.result);
      if (outcome) {
        this.q.queue.forget(id);
        throw outcome.error;
      }
    } finally {
      this.waiting.delete(id);
    }
    const entry = this.lastKnown(target, action);
    return { entry, recordUid: null, keywords: 'unsupported', queued: { id, pending: this.pendingCount(target) } };
  }

  /** null: the server cannot be reached (or failed otherwise): the item and those after it wait. */
  private async applyOne(target: LedgerTarget, item: QueuedItem): Promise<Outcome | null> {
    try {
      const result = await this.replay(target, item.action, new Date(item.at));
      this.known.set(knownKey(target, result.entry), result.entry);
      const { year, number } = result.entry;
      this.q.queue.settle(item.id, 'applied', { recordUid: result.recordUid, year, number });
      return { ok: true, result };
    } catch (e) {
      const error = toAppError(e);
      if (isRefusal(error)) {
        this.q.queue.settle(item.id, 'lost', lostOutcome(item.action, error));
        return { ok: false, error };
      }
      // Not decided by the book (no identity, a server error…): it stays queued, with why.
      this.q.queue.failed(item.id, error.detail);
      return !isUnreachable(e) && this.waiting.has(item.id) ? { ok: false, error } : null;
    }
  }

  private replay(target: LedgerTarget, a: QueuedAction, when: Date): Promise<ActionResult> {
    switch (a.kind) {
      case 'register':
        return super.register(target, { folder: a.folder, uid: a.uid }, a.fields, when);
      case 'assign':
        return super.assign(target, a.which, a.input, when);
      case 'claim':
        return super.claim(target, a.which, when);
      case 'status':
        return super.setStatus(target, a.which, a.status, a.result, when);
      case 'reopen':
        return super.reopen(target, a.which, a.opts, when);
    }
  }

  private key(which: EntryNumber): EntryKey {
    if (typeof which === 'object') return { year: which.year, number: which.number };
    const year = Number(vietnamDate(this.q.clock.now()).slice(0, 4));
    const n = typeof which === 'number' ? { year, number: which } : parseEntryNumber(which, year);
    if (!n) {
      throw new AppError('LEDGER_ENTRY_NOT_FOUND', `not an entry number: ${String(which)}`, {
        messageVi: `"${String(which)}" không phải số đến (SỐ hoặc NĂM/SỐ).`,
      });
    }
    return n;
  }

  private lastKnown(target: LedgerTarget, a: QueuedAction): BookEntry {
    const which = 'which' in a ? a.which : null;
    const found = which ? this.known.get(knownKey(target, which)) : undefined;
    return found ?? placeholderEntry(a, this.q.clock.now());
  }
}

/** Refusals of the book (the action is decided and lost), as opposed to failures to reach it. */
function isRefusal(e: AppError): boolean {
  return ['LEDGER_CLAIM_LOST', 'LEDGER_NOT_ALLOWED', 'LEDGER_ENTRY_NOT_FOUND'].includes(e.code);
}

function lostOutcome(a: QueuedAction, e: AppError): QueueOutcome {
  const data = (isAppError(e) ? e.data : undefined) ?? {};
  const which = 'which' in a ? a.which : null;
  return {
    recordUid: null,
    year: which?.year ?? null,
    number: which?.number ?? null,
    code: e.code,
    messageVi: e.messageVi,
    detail: e.detail,
    ...(typeof data.winner === 'string' ? { winner: data.winner } : {}),
  };
}

function notQueued(r: ActionResult): QueuedActionResult {
  return { ...r, queued: null };
}

function split(target: LedgerTarget): { accountId: string; mailbox: string } {
  if (typeof target === 'string') return { accountId: target, mailbox: '' };
  return { accountId: target.accountId, mailbox: (target.mailbox ?? '').toLowerCase() };
}

function knownKey(target: LedgerTarget, e: { year: number; number: number }): string {
  const { accountId, mailbox } = split(target);
  return `${accountId}\u0000${mailbox}\u0000${e.year}/${e.number}`;
}
