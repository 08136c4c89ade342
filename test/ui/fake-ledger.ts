// The processing-ledger part of the UI test fake (FakeMailbox.ledger), held to the contract like
// the rest (HandlersFor, the real dispatcher). It keeps unsigned records in memory and computes the
// book with the service's own pure code: the fold (ledger-fold.ts: số đến, who may assign, the
// first claim wins, who may set a status), the register table's filters, sort and pages
// (ledger-query.ts pageOf) and the dashboard (ledger-dashboard.ts), all on the fake's own day
// (`now`, never the machine's date). So what the page is told matches the real services:
// - an action the book would refuse writes nothing and fails as the service's does
//   (LEDGER_CLAIM_LOST naming the winner in `data.winner`, LEDGER_NOT_ALLOWED with the reason);
// - every accepted action announces 'ledger.changed';
// - `actAs` is whose hand the next actions are from (default: the account itself); `record`
//   writes a record as somebody else (another computer), and `announce` tells the page.
import type { ledgerContract } from '../../shared/contract-ledger.ts';
import type { EventMap } from '../../shared/contract.ts';
import {
  LEDGER_FORMAT,
  vietnamDate,
  type LedgerEntry,
  type LedgerRecord,
  type RegisterFields,
  type StatusValue,
} from '../../shared/ledger.ts';
import { parseRegisterFields } from '../../shared/ledger-fields.ts';
import type { CachedSummary } from '../../shared/mail.ts';
import type { HandlersFor } from '../../electron/services/api/handler-types.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { computeDashboard } from '../../electron/services/ledger/ledger-dashboard.ts';
import { foldBook } from '../../electron/services/ledger/ledger-fold.ts';
import { pageOf, toRow } from '../../electron/services/ledger/ledger-query.ts';
import { withOverdue, type BookEntry } from '../../electron/services/ledger/ledger-view.ts';

export type LedgerChannel = keyof typeof ledgerContract;

type Draft = { type: LedgerRecord['type']; messageId: string } & Record<string, unknown>;

export interface FakeLedgerOptions {
  /** The unit mailbox (the account's own address). */
  mailbox: string;
  /** The fake's clock: the day the book is computed for, and the time records carry. */
  now: () => Date;
  /** The fake's messages, for registering one. */
  message: (folder: string, uid: number) => CachedSummary | undefined;
  emit: (payload: EventMap['ledger.changed']) => void;
  accountId: string;
}

export class FakeLedger {
  /** The records, in UID order. */
  readonly records: Array<{ uid: number; record: LedgerRecord }> = [];
  /** Who writes the page's actions. */
  actAs: string;
  private readonly opts: FakeLedgerOptions;

  constructor(opts: FakeLedgerOptions) {
    this.opts = opts;
    this.actAs = opts.mailbox.toLowerCase();
  }

  readonly handlers: HandlersFor<LedgerChannel> = {
    'ledger.book': async (q) => {
      const assignee = q.assignee === 'me' ? this.actAs : q.assignee?.toLowerCase();
      const filter = { ...q, assignee };
      const entries = this.entries().filter((e) => q.year === undefined || e.year === q.year);
      return pageOf(this.opts.mailbox, entries, filter, q, true);
    },
    'ledger.entry': async ({ year, number }) => {
      const e = this.find(year, number);
      return { ...e, defaultDeadline: this.today() };
    },
    'ledger.register': async ({ folder, uid, fields }) => {
      const m = this.opts.message(folder, uid);
      if (!m) throw new AppError('MESSAGE_NOT_FOUND', `UID ${uid} is not in ${folder}`);
      const messageId = `<${m.threadId}>`;
      const known = this.entries().find((e) => e.messageId === messageId);
      if (known) return { entry: known, recordUid: null, keywords: 'set' };
      const parsed = parseRegisterFields({ subject: m.subject, fromName: m.from[0]?.name ?? '' });
      const all: RegisterFields = {
        ...parsed,
        ngayDen: vietnamDate(new Date(m.date ?? this.opts.now().toISOString())),
        nguoiNhan: '',
        ghiChu: '',
        ...Object.fromEntries(Object.entries(fields ?? {}).filter(([, v]) => v !== undefined)),
      };
      const message = { folder, uid, uidValidity: 1, messageId };
      return this.act({ type: 'register', messageId, message, fields: all });
    },
    'ledger.assign': async (i) => {
      const e = this.find(i.year, i.number);
      const to = i.to.toLowerCase();
      const coHandlers = (i.coHandlers ?? []).map((a) => a.toLowerCase());
      const deadline = i.deadline ?? this.today();
      return this.act({
        type: 'assign',
        messageId: e.messageId,
        to,
        coHandlers,
        instruction: i.instruction ?? '',
        deadline,
      });
    },
    'ledger.claim': async (i) => this.act({ type: 'claim', messageId: this.find(i.year, i.number).messageId }),
    'ledger.setStatus': async (i) => {
      const result = {
        ...(i.resultMessageId ? { messageId: i.resultMessageId } : {}),
        ...(i.note ? { note: i.note } : {}),
      };
      const status: StatusValue = i.status;
      const e = this.find(i.year, i.number);
      return this.act({ type: 'status', messageId: e.messageId, status, ...(status === 'da-xu-ly' ? { result } : {}) });
    },
    'ledger.reopen': async (i) =>
      this.act({
        type: 'reopen',
        messageId: this.find(i.year, i.number).messageId,
        note: i.note ?? '',
        release: i.release ?? false,
      }),
    'ledger.verify': async () => ({
      folder: 'UnitMailbox/Ledger',
      records: this.records.length,
      intact: true,
      problems: [],
      first: null,
    }),
    // No file system in the fake: it says what a report of the period would hold.
    'ledger.report': async ({ from, to }) => ({
      path: `/tmp/bao-cao_${from}_${to}`,
      entries: this.entries().filter((e) => e.fields.ngayDen >= from && e.fields.ngayDen <= to).length,
      intact: true,
    }),
    'ledger.dashboard': async ({ year }) => {
      const rows = this.entries()
        .filter((e) => year === undefined || e.year === year)
        .map(toRow);
      return computeDashboard(this.opts.mailbox, rows, this.today(), true);
    },
  };

  /** Appends a record as `by` (another person or computer) without telling the page. */
  record(draft: Draft, by: string, at: Date = this.opts.now()): number {
    const uid = (this.records.at(-1)?.uid ?? 0) + 1;
    const record = {
      ...draft,
      format: LEDGER_FORMAT,
      seq: this.records.length + 1,
      prev: '',
      prevRef: null,
      at: at.toISOString(),
      by: { email: by.toLowerCase(), certificateSha256: 'fake' },
      mailbox: this.opts.mailbox,
    } as unknown as LedgerRecord;
    this.records.push({ uid, record });
    return uid;
  }

  /** Tells the page the book changed (as the refresh after another computer's record does). */
  announce(): void {
    this.opts.emit({ accountId: this.opts.accountId, mailbox: null });
  }

  entries(): BookEntry[] {
    const now = this.opts.now();
    return foldBook(this.opts.mailbox, this.records).entries.map((e) => withOverdue(e, now));
  }

  private today(): string {
    return vietnamDate(this.opts.now());
  }

  private find(year: number, number: number): BookEntry {
    const e = this.entries().find((x) => x.year === year && x.number === number);
    if (!e) throw new AppError('LEDGER_ENTRY_NOT_FOUND', `no entry ${number}/${year}`);
    return e;
  }

  /** Writes the record when the book accepts it, else fails as LedgerService does and writes nothing. */
  private act(draft: Draft) {
    const before = this.entries().find((e) => e.messageId === draft.messageId);
    const uid = this.record(draft, this.actAs);
    const entry = this.entries().find((e) => e.messageId === draft.messageId) as BookEntry;
    const mine = entry.history.find((h) => h.uid === uid);
    if (mine && !mine.accepted) {
      this.records.pop();
      throw refusal(draft, before ?? entry, mine.refusedVi ?? '');
    }
    this.announce();
    return { entry, recordUid: uid, keywords: 'set' as const };
  }
}

function refusal(draft: Draft, entry: LedgerEntry, why: string): AppError {
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
