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
}

export interface LedgerActionView {
  entry: LedgerEntryView;
  /** UID of the record written; null when nothing was written (already registered). */
  recordUid: number | null;
  keywords: 'set' | 'unsupported';
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
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
  /** Read the server before answering (otherwise the local copy answers and is refreshed behind). */
  fresh: z.boolean().optional(),
});
export type LedgerBookQuery = z.infer<typeof ledgerBookQuery>;

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
} as const satisfies Record<string, Call<z.ZodType, unknown>>;

export interface LedgerEvents {
  /** The book of an account (or of the unit mailbox it acts on) changed through this app. */
  'ledger.changed': { accountId: string; mailbox: string | null };
}
export const LEDGER_EVENTS: (keyof LedgerEvents)[] = ['ledger.changed'];
