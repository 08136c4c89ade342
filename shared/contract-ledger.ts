// The ledger part of the IPC contract (spread into shared/contract.ts): the book (filtered,
// paginated: a unit's year can hold 20,000 entries), one entry with its history, and the actions
// (register, assign, claim, status, reopen), each a signed record in the unit mailbox; verify
// checks the chain. `mailbox` is the unit mailbox a delegate acts on (omitted: the account's own).
import { z } from 'zod';
import type { Call } from './contract-call.ts';
import { accountRef, call } from './contract-call.ts';
import { STATUS_VALUES, URGENCIES, type EntryStatus, type LedgerEntry, type Urgency } from './ledger.ts';

/** Filters of the book: moi = registered, not yet assigned (Đã vào sổ); qua-han = overdue. */
export const LEDGER_STATUS_FILTERS = ['moi', 'da-giao', 'dang-xu-ly', 'da-xu-ly', 'qua-han', 'luu'] as const;
export type LedgerStatusFilter = (typeof LEDGER_STATUS_FILTERS)[number];

/** Columns the register table sorts on; 'number' (số đến, newest first) is the default. */
export const LEDGER_SORT_KEYS = [
  'number',
  'ngayDen',
  'tacGia',
  'soKyHieu',
  'subject',
  'urgency',
  'assignee',
  'deadline',
  'status',
] as const;
export type LedgerSortKey = (typeof LEDGER_SORT_KEYS)[number];

/** One row of the register table; the CLI's JSON entries have this shape. */
export interface LedgerRow {
  number: number;
  year: number;
  folder: string;
  uid: number;
  messageId: string;
  subject: string;
  soKyHieu: string;
  tacGia: string;
  ngayDen: string;
  urgency: Urgency;
  status: EntryStatus;
  overdue: boolean;
  /** The handler: assignee or claimant. */
  assignee: string | null;
  deadline: string | null;
  /** The day (in Vietnam) the entry became Đã xử lý; null while it is not done. */
  doneOn: string | null;
}

export interface LedgerPage {
  mailbox: string;
  /** Entries matching the filter; `rows` is the window from `offset`. */
  total: number;
  offset: number;
  rows: LedgerRow[];
  /** False when the chain has a problem (see ledger.verify). */
  intact: boolean;
}

export interface LedgerEntryView extends LedgerEntry {
  overdue: boolean;
  /** The deadline an assignment made now gets by default (urgency, the unit's rules, working days). */
  defaultDeadline?: string;
}

export interface LedgerActionView {
  entry: LedgerEntryView;
  /** UID of the record written; null when nothing was written (already registered). */
  recordUid: number | null;
  keywords: 'set' | 'unsupported';
  /** Set when the server could not be reached: the action waits, durable, on this computer. */
  queued?: { id: string; pending: number } | null;
}

export interface LedgerProblemView {
  kind: string;
  seq: number | null;
  uid: number | null;
  detail: string;
  messageVi: string;
}

export interface LedgerVerifyView {
  folder: string;
  records: number;
  intact: boolean;
  problems: LedgerProblemView[];
  first: LedgerProblemView | null;
}

/** Reports: the register in the decree's layout (PDF, XLSX, CSV) or the processing report (PDF, XLSX). */
export const LEDGER_REPORT_FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export const LEDGER_REPORT_KINDS = ['register', 'processing'] as const;

export interface LedgerReportView {
  /** Where the file was written; null when the user cancelled the save dialog. */
  path: string | null;
  /** Entries whose ngày đến falls in the period. */
  entries: number;
  /** False when the book's chain has a problem (the report says what the records say). */
  intact: boolean;
}

const address = z.string().trim().min(3).max(320);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const ledgerTarget = accountRef.extend({ mailbox: address.optional() });
export const entryRef = ledgerTarget.extend({
  year: z.number().int().min(2000).max(2200),
  number: z.number().int().positive(),
});

export const ledgerBookQuery = ledgerTarget.extend({
  year: z.number().int().min(2000).max(2200).optional(),
  status: z.enum(LEDGER_STATUS_FILTERS).optional(),
  /** An address, or "me" for the account's own. */
  assignee: z.union([z.literal('me'), address]).optional(),
  text: z.string().max(500).optional(),
  urgency: z.enum(URGENCIES).optional(),
  /** Entries with a deadline on or before this day. */
  deadlineTo: day.optional(),
  sort: z.enum(LEDGER_SORT_KEYS).optional(),
  /** Default: descending for 'number' (newest first), ascending for the other columns. */
  descending: z.boolean().optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
  /** Read the server before answering (otherwise the local copy answers and is refreshed behind). */
  fresh: z.boolean().optional(),
});
export type LedgerBookQuery = z.infer<typeof ledgerBookQuery>;

/** Load of one handler: open entries by state, and how many of them are overdue. */
export interface LedgerLoad {
  person: string;
  assigned: number;
  inProgress: number;
  overdue: number;
}

/** The head's dashboard of a book (one year, or all), as of the service's clock. */
export interface LedgerDashboard {
  mailbox: string;
  /** The day in Vietnam the figures are for. */
  today: string;
  total: number;
  byStatus: Record<EntryStatus, number>;
  overdue: number;
  /** Overdue entries, the longest overdue first (at most `OVERDUE_LIST_LIMIT`). */
  overdueRows: LedgerRow[];
  /** Per handler, the most loaded first. */
  load: LedgerLoad[];
  /**
   * Entries done in the current month; of those with a deadline, done on or before it and after it
   * (rate: on time ÷ both, as the processing report counts; null when none had a deadline).
   */
  month: { month: string; done: number; onTime: number; late: number; rate: number | null };
  intact: boolean;
}
export const OVERDUE_LIST_LIMIT = 50;

const correctedFields = z
  .object({
    tacGia: z.string().max(500),
    soKyHieu: z.string().max(200),
    ngayVanBan: day.nullable(),
    tenLoai: z.string().max(200),
    trichYeu: z.string().max(2000),
    nguoiNhan: z.string().max(500),
    ghiChu: z.string().max(2000),
    urgency: z.enum(URGENCIES),
  })
  .partial();

export const ledgerContract = {
  'ledger.book': call<LedgerPage>()(ledgerBookQuery),
  'ledger.entry': call<LedgerEntryView>()(entryRef),
  'ledger.register': call<LedgerActionView>()(
    ledgerTarget.extend({
      folder: z.string().min(1).max(1000),
      uid: z.number().int().positive(),
      fields: correctedFields.optional(),
    }),
  ),
  'ledger.assign': call<LedgerActionView>()(
    entryRef.extend({
      to: address,
      coHandlers: z.array(address).max(50).optional(),
      instruction: z.string().max(4000).optional(),
      deadline: day.optional(),
    }),
  ),
  'ledger.claim': call<LedgerActionView>()(entryRef),
  'ledger.setStatus': call<LedgerActionView>()(
    entryRef.extend({
      status: z.enum(STATUS_VALUES),
      resultMessageId: z.string().min(1).max(1000).optional(),
      note: z.string().max(4000).optional(),
    }),
  ),
  'ledger.reopen': call<LedgerActionView>()(
    entryRef.extend({ note: z.string().max(4000).optional(), release: z.boolean().optional() }),
  ),
  'ledger.verify': call<LedgerVerifyView>()(ledgerTarget),
  'ledger.dashboard': call<LedgerDashboard>()(
    ledgerTarget.extend({ year: z.number().int().min(2000).max(2200).optional(), fresh: z.boolean().optional() }),
  ),
  /** Asks where to save (main's dialog), then writes the report; `path` null when the user cancelled. */
  'ledger.report': call<LedgerReportView>()(
    ledgerTarget.extend({
      from: day,
      to: day,
      format: z.enum(LEDGER_REPORT_FORMATS),
      kind: z.enum(LEDGER_REPORT_KINDS).default('register'),
    }),
  ),
} as const satisfies Record<string, Call<z.ZodType, unknown>>;

export interface LedgerEvents {
  /** The book of an account (or of the unit mailbox it acts on) changed through this app. */
  'ledger.changed': { accountId: string; mailbox: string | null };
}
export const LEDGER_EVENTS: (keyof LedgerEvents)[] = ['ledger.changed'];
