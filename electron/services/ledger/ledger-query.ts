// The register table: the book's entries as rows, filtered (status, assignee, text) and windowed,
// newest first. Pure, so the app, the CLI and (later) the SQLite cache answer alike.
import type { LedgerPage, LedgerRow, LedgerStatusFilter } from '../../../shared/contract-ledger.ts';
import { foldText } from '../../../shared/text-fold.ts';
import type { BookEntry } from './ledger-view.ts';

export interface BookFilter {
  status?: LedgerStatusFilter | undefined;
  /** A lower-case address: the handler or a co-handler. */
  assignee?: string | undefined;
  text?: string | undefined;
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
  if (f.text) {
    if (!searchText(e).includes(foldText(f.text))) return false;
  }
  return true;
}

/** Newest first: year, then số đến, descending. */
export function pageOf(
  mailbox: string,
  entries: readonly BookEntry[],
  filter: BookFilter,
  window: { offset: number; limit: number },
  intact: boolean,
): LedgerPage {
  const hits = entries.filter((e) => matches(e, filter)).sort((a, b) => b.year - a.year || b.number - a.number);
  return {
    mailbox,
    total: hits.length,
    offset: window.offset,
    rows: hits.slice(window.offset, window.offset + window.limit).map(toRow),
    intact,
  };
}
