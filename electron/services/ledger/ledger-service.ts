// The processing ledger of a unit mailbox, for its owner (the head) and for
// delegates acting through the shared namespace: register a message, assign,
// claim, set status, reopen; read the book; verify the chain. Every action is
// a signed record appended to the ledger folder, then the folder is read again
// and the book recomputed, so the answer is the one every computer computes.
import type { RecordRef, RegisterFields, StatusValue, Urgency } from '../../../shared/ledger.ts';
import { parseRegisterFields } from '../../../shared/ledger-fields.ts';
import type { Clock } from '../clock/clock.ts';
import type { SessionRunner, MailboxSession } from '../delegation/mailbox-session.ts';
import { AppError } from '../errors/app-error.ts';
import type { Signer } from '../identity/signer.ts';
import { setAcl } from '../imap/imap-acl.ts';
import { appendRecord } from '../records/record-folder.ts';
import { DEFAULT_DEADLINE_RULES, defaultDeadline, type DeadlineRules } from './deadline-rules.ts';
import type { HolidayCalendar } from './holiday-calendar.ts';
import type { LedgerProblem } from './ledger-chain.ts';
import { nextPosition } from './ledger-chain.ts';
import { mirrorKeywords, type KeywordOutcome } from './ledger-keywords.ts';
import { ensureLedgerFolder, placeFor, sessionPath, unitRelative, type LedgerPlace } from './ledger-place.ts';
import { LedgerReader, sha256Hex, type LedgerRead } from './ledger-read.ts';
import { signLedgerRecord, type LedgerDraft } from './ledger-record.ts';
import { readSourceMessage } from './ledger-source.ts';
import { bookOf, findEntry, refusalOf, withOverdue, type BookEntry, type EntryNumber } from './ledger-view.ts';

export const LEDGER_DELEGATE_RIGHTS = 'lri';

/** An account acting on its own mailbox, or (a delegate) on the unit mailbox `mailbox`. */
export type LedgerTarget = string | { accountId: string; mailbox?: string };

export interface LedgerDeps {
  sessions: SessionRunner;
  /** The acting person's own signing identity. */
  identity: { signer(): Promise<Signer> };
  clock: Clock;
  holidays: () => Promise<HolidayCalendar>;
  /** The unit's deadline rules, read at each assignment (they may change while the app runs). */
  rules?: () => DeadlineRules;
}

export interface ActionResult {
  entry: BookEntry;
  /** The UID of the record written, null when nothing was written. */
  recordUid: number | null;
  keywords: KeywordOutcome;
}

export interface AssignInput {
  to: string;
  coHandlers?: string[];
  instruction?: string;
  /** YYYY-MM-DD; by default from the urgency and the unit's rules, in working days. */
  deadline?: string;
}

export interface LedgerVerification {
  folder: string;
  records: number;
  intact: boolean;
  problems: LedgerProblem[];
  first: LedgerProblem | null;
}

export interface LedgerBookRead {
  mailbox: string;
  entries: BookEntry[];
  intact: boolean;
  uidValidity: number | null;
  lastUid: number;
}

interface Ctx {
  s: MailboxSession;
  place: LedgerPlace;
  read: LedgerRead;
}

export class LedgerService {
  private readonly deps: LedgerDeps;
  private readonly reader = new LedgerReader();
  /** The last record this computer wrote per ledger folder, so removing it is noticed too. */
  private readonly written = new Map<string, RecordRef>();

  constructor(deps: LedgerDeps) {
    this.deps = deps;
  }

  /** `when`: the moment the action was taken (a queued action's), by default now. */
  async register(
    target: LedgerTarget,
    at: { folder: string; uid: number },
    fields: Partial<RegisterFields> = {},
    when?: Date,
  ): Promise<ActionResult> {
    const signer = await this.deps.identity.signer();
    return this.session(target, async (c) => {
      const src = await readSourceMessage(c.s.client, at.folder, at.uid);
      const existing = bookOf(c.place.mailbox, c.read).entries.find((e) => e.messageId === src.messageId);
      if (existing) return this.finish(c, existing.messageId, null);
      const parsed = parseRegisterFields(src);
      const draft: LedgerDraft = {
        type: 'register',
        messageId: src.messageId,
        message: {
          folder: unitRelative(c.place, at.folder),
          uid: at.uid,
          uidValidity: src.uidValidity,
          messageId: src.messageId,
        },
        fields: { ...parsed, ngayDen: src.ngayDen, nguoiNhan: '', ghiChu: '', ...fields },
      };
      return this.finish(c, src.messageId, await this.write(c, draft, signer, when));
    });
  }

  async assign(target: LedgerTarget, which: EntryNumber, input: AssignInput, when?: Date): Promise<ActionResult> {
    const deadlineOf = await this.defaultDeadlines(when);
    return this.act(target, which, when, (entry) => ({
      type: 'assign',
      messageId: entry.messageId,
      to: input.to.toLowerCase(),
      coHandlers: (input.coHandlers ?? []).map((a) => a.toLowerCase()),
      instruction: input.instruction ?? '',
      deadline: input.deadline ?? deadlineOf(entry.fields.urgency),
    }));
  }

  /** The deadline an assignment at `when` (now) gets by urgency: the unit's working days, its holidays. */
  async defaultDeadlines(when?: Date): Promise<(urgency: Urgency) => string> {
    const calendar = await this.deps.holidays();
    const now = when ?? this.deps.clock.now();
    const rules = this.deps.rules?.() ?? DEFAULT_DEADLINE_RULES;
    return (urgency) => defaultDeadline(urgency, now, calendar, rules);
  }

  async claim(target: LedgerTarget, which: EntryNumber, when?: Date): Promise<ActionResult> {
    return this.act(target, which, when, (entry) => ({ type: 'claim', messageId: entry.messageId }));
  }

  async setStatus(
    target: LedgerTarget,
    which: EntryNumber,
    status: StatusValue,
    result?: { messageId?: string; note?: string },
    when?: Date,
  ): Promise<ActionResult> {
    return this.act(target, which, when, (entry) => ({
      type: 'status',
      messageId: entry.messageId,
      status,
      ...(status === 'da-xu-ly' && result ? { result } : {}),
    }));
  }

  async reopen(
    target: LedgerTarget,
    which: EntryNumber,
    opts: { note?: string; release?: boolean } = {},
    when?: Date,
  ): Promise<ActionResult> {
    return this.act(target, which, when, (entry) => ({
      type: 'reopen',
      messageId: entry.messageId,
      note: opts.note ?? '',
      release: opts.release ?? false,
    }));
  }

  /**
   * The book (one year, or all), each entry with Quá hạn as of the clock; with the ledger folder's
   * UIDVALIDITY and highest record UID, which a local copy of the book is kept against.
   */
  async book(target: LedgerTarget, year?: number): Promise<LedgerBookRead> {
    return this.session(target, async (c) => {
      const now = this.deps.clock.now();
      const book = bookOf(c.place.mailbox, c.read);
      const entries = book.entries.filter((e) => year === undefined || e.year === year).map((e) => withOverdue(e, now));
      const lastUid = c.read.items.reduce((max, i) => Math.max(max, i.uid), 0);
      const { uidValidity } = c.read;
      return { mailbox: book.mailbox, entries, intact: c.read.problems.length === 0, uidValidity, lastUid };
    });
  }

  async entry(target: LedgerTarget, which: EntryNumber): Promise<BookEntry> {
    return this.session(target, async (c) => {
      const now = this.deps.clock.now();
      return withOverdue(findEntry(bookOf(c.place.mailbox, c.read), which, now), now);
    });
  }

  async verify(target: LedgerTarget): Promise<LedgerVerification> {
    return this.session(target, async (c) => ({
      folder: c.place.ledgerFolder,
      records: c.read.items.length,
      intact: c.read.problems.length === 0,
      problems: c.read.problems,
      first: c.read.problems[0] ?? null,
    }));
  }

  /**
   * The owner lets a delegate add records to the ledger: 'lri' on the ledger folder, without
   * t/e/x, so the delegate can append but never delete or rewrite (RFC 4314).
   */
  async share(accountId: string, delegate: string): Promise<string> {
    return this.deps.sessions(accountId, async (s) => {
      const place = placeFor(s.client, s.email);
      await ensureLedgerFolder(s.client, place);
      await setAcl(s.client, place.ledgerFolder, delegate.toLowerCase(), LEDGER_DELEGATE_RIGHTS);
      return place.ledgerFolder;
    });
  }

  // ---- the common path ----

  private session<T>(target: LedgerTarget, fn: (c: Ctx) => Promise<T>): Promise<T> {
    const { accountId, mailbox } = typeof target === 'string' ? { accountId: target, mailbox: undefined } : target;
    return this.deps.sessions(accountId, async (s) => {
      const place = placeFor(s.client, s.email, mailbox);
      return fn({ s, place, read: await this.readLedger(s, place) });
    });
  }

  private readLedger(s: MailboxSession, place: LedgerPlace): Promise<LedgerRead> {
    const known = this.written.get(`${s.accountId}\u0000${place.ledgerFolder}`);
    return this.reader.read(s.client, place.ledgerFolder, known ? [known] : []);
  }

  /**
   * `when` (a queued action): signed with that time, and a record of this actor, type and time
   * already in the book (appended before a crash or a dropped connection) is not written twice.
   */
  private async act(
    target: LedgerTarget,
    which: EntryNumber,
    when: Date | undefined,
    draftFor: (entry: BookEntry) => LedgerDraft,
  ): Promise<ActionResult> {
    const signer = await this.deps.identity.signer();
    return this.session(target, async (c) => {
      const book = bookOf(c.place.mailbox, c.read);
      const entry = withOverdue(findEntry(book, which, this.deps.clock.now()), this.deps.clock.now());
      const draft = draftFor(entry);
      const actor = c.place.actor.toLowerCase();
      const at = when?.toISOString();
      const done = entry.history.find((h) => h.at === at && h.type === draft.type && h.by.toLowerCase() === actor);
      if (done) return this.finish(c, entry.messageId, done.uid, draft);
      const refused = refusalOf(book, c.read, draft, c.place.actor);
      if (refused) throw refusal(draft, entry, refused);
      return this.finish(c, entry.messageId, await this.write(c, draft, signer, when), draft);
    });
  }

  /** Signs and appends; returns the record's UID. */
  private async write(c: Ctx, draft: LedgerDraft, signer: Signer, when?: Date): Promise<number> {
    const now = when ?? this.deps.clock.now();
    const signed = await signLedgerRecord(draft, nextPosition(c.read.items), signer, {
      now,
      mailbox: c.place.mailbox,
      actor: c.place.actor.toLowerCase(),
    });
    await ensureLedgerFolder(c.s.client, c.place);
    let uid = await appendRecord(c.s.client, c.place.ledgerFolder, signed.message, now);
    c.read = await this.readLedger(c.s, c.place);
    const sha256 = sha256Hex(signed.json);
    uid ??= c.read.items.find((i) => i.sha256 === sha256)?.uid ?? null;
    if (uid === null) throw new AppError('INTERNAL', `the appended ledger record ${sha256} cannot be found`);
    this.written.set(`${c.s.accountId}\u0000${c.place.ledgerFolder}`, { sha256, seq: signed.record.seq, uid });
    return uid;
  }

  /** The entry after the record `uid` as everyone computes it; a refused record becomes a typed error. */
  private async finish(c: Ctx, messageId: string, uid: number | null, draft?: LedgerDraft): Promise<ActionResult> {
    const now = this.deps.clock.now();
    const found = bookOf(c.place.mailbox, c.read).entries.find((e) => e.messageId === messageId);
    if (!found) throw new AppError('INTERNAL', `entry ${messageId} is not in the book after writing`);
    const entry = withOverdue(found, now);
    const mine = entry.history.find((h) => h.uid === uid);
    if (draft && mine && !mine.accepted) throw refusal(draft, entry, mine.refusedVi ?? '');
    const keywords = await mirrorKeywords(
      c.s.client,
      sessionPath(c.place, entry.link.folder),
      entry.link.uid,
      entry.status,
    );
    return { entry, recordUid: uid, keywords };
  }
}

function refusal(draft: LedgerDraft, entry: BookEntry, why: string): AppError {
  const label = `${entry.number}/${entry.year}`;
  if (draft.type === 'claim' && entry.handler) {
    return new AppError('LEDGER_CLAIM_LOST', `entry ${label} is already handled by ${entry.handler}`, {
      messageVi: `Văn bản số đến ${label} đã do ${entry.handler} nhận xử lý trước.`,
      data: { winner: entry.handler, number: entry.number, year: entry.year },
    });
  }
  return new AppError('LEDGER_NOT_ALLOWED', `${draft.type} on entry ${label} refused: ${why}`, {
    messageVi: `Không thực hiện được với văn bản số đến ${label}: ${why}`,
  });
}
