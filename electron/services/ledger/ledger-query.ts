// The register table: the book's entries as rows, filtered (status, assignee, text) and windowed,
// newest first. Pure, so the app, the CLI and (later) the SQLite cache answer alike.
import type { LedgerPage, LedgerRow, LedgerSortKey, LedgerStatusFilter } from '../../../shared/contract-ledger.ts';
import { ENTRY_STATUSES, URGENCIES, type Urgency } from '../../../shared/ledger.ts';
import { foldText } from '../../../shared/text-fold.ts';
import type { BookEntry } from './ledger-view.ts';
import { doneDateOf } from './report/register-rows.ts';

export interface BookFilter {
  status?: LedgerStatusFilter | undefined;
  /** A lower-case address: the handler or a co-handler. */
  assignee?: string | undefined;
  text?: string | undefined;
  urgency?: Urgency | undefined;
  /** A deadline on or before this day (YYYY-MM-DD). */
  deadlineTo?: string | undefined;
}

export interface BookSort {
  sort?: LedgerSortKey | undefined;
  descending?: boolean | undefined;
}

/** Sorted on nothing, on 'number' or descending: newest first. */
export function isDescending(s: BookSort): boolean {
  return s.descending ?? (s.sort === undefined || s.sort === 'number');
}

export function toRow(e: BookEntry): LedgerRow {
  return {
    number: e.number,
    year: e.year,
    folder: e.link.folder,
    uid: e.link.uid,
    messageId: e.messageId,
    subject: e.fields.trichYeu,
    soKyHieu: e.fields.soKyHieu,
    tacGia: e.fields.tacGia,
    ngayDen: e.fields.ngayDen,
    urgency: e.fields.urgency,
    status: e.status,
    overdue: e.overdue,
    assignee: e.handler,
    deadline: e.deadline,
    doneOn: doneDateOf(e),
  };
}

/** What the text filter looks in, folded (no diacritics, lower case). */
export function searchText(e: BookEntry): string {
  const f = e.fields;
  return foldText([f.trichYeu, f.soKyHieu, f.tacGia, f.tenLoai, e.instruction, String(e.number)].join(' '));
}

export function matches(e: BookEntry, f: BookFilter): boolean {
  if (f.status === 'qua-han' && !e.overdue) return false;
  if (f.status === 'moi' && e.status !== 'da-vao-so') return false;
  if (f.status && f.status !== 'qua-han' && f.status !== 'moi' && e.status !== f.status) return false;
  if (f.assignee && e.handler !== f.assignee && !e.coHandlers.includes(f.assignee)) return false;
  if (f.urgency && e.fields.urgency !== f.urgency) return false;
  if (f.deadlineTo && (e.deadline === null || e.deadline > f.deadlineTo)) return false;
  if (f.text) {
    if (!searchText(e).includes(foldText(f.text))) return false;
  }
  return true;
}

/** Nulls (no handler, no deadline) sort after every value. */
const LAST = '\uffff';

/** The value a row sorts on; the cache's SQL (ledger-cache.ts, SORT_SQL) orders alike. */
export function sortValue(r: LedgerRow, key: LedgerSortKey): string | number {
  switch (key) {
    case 'number':
      return r.year * 10_000_000 + r.number;
    case 'ngayDen':
      return r.ngayDen;
    case 'tacGia':
      return foldText(r.tacGia);
    case 'soKyHieu':
      return foldText(r.soKyHieu);
    case 'subject':
      return foldText(r.subject);
    case 'urgency':
      return URGENCIES.indexOf(r.urgency);
    case 'assignee':
      return r.assignee ?? LAST;
    case 'deadline':
      return r.deadline ?? LAST;
    case 'status':
      return ENTRY_STATUSES.indexOf(r.status);
  }
}

/** The order of the register table: the column (either way), then newest first. */
export function compareRows(s: BookSort): (a: LedgerRow, b: LedgerRow) => number {
  const key = s.sort ?? 'number';
  const sign = isDescending(s) ? -1 : 1;
  return (a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    const primary = x < y ? -1 : x > y ? 1 : 0;
    return sign * primary || b.year - a.year || b.number - a.number;
  };
}

/** Newest first (year, then số đến, descending) unless sorted on a column. */
export function pageOf(
  mailbox: string,
  entries: readonly BookEntry[],
  filter: BookFilter & BookSort,
  window: { offset: number; limit: number },
  intact: boolean,
): LedgerPage {
  const hits = entries
    .filter((e) => matches(e, filter))
    .map(toRow)
    .sort(compareRows(filter));
  return {
    mailbox,
    total: hits.length,
    offset: window.offset,
    rows: hits.slice(window.offset, window.offset + window.limit),
    intact,
  };
}
