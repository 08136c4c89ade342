// Pure helpers between the fold and the service: trusted records, finding an
// entry by its number, Quá hạn from the clock, and a dry run of a draft (would
// the book accept it?) so a refused action writes nothing.
import {
  LEDGER_FORMAT,
  isOverdue,
  parseEntryNumber,
  vietnamDate,
  type LedgerBook,
  type LedgerEntry,
  type LedgerRecord,
} from '../../../shared/ledger.ts';
import { AppError } from '../errors/app-error.ts';
import { foldBook, type FoldItem } from './ledger-fold.ts';
import type { LedgerDraft } from './ledger-record.ts';
import type { LedgerRead } from './ledger-read.ts';

export type EntryNumber = number | string | { year: number; number: number };

export interface BookEntry extends LedgerEntry {
  overdue: boolean;
}

export function trustedItems(read: LedgerRead): FoldItem[] {
  return read.items.filter((i) => i.trusted).map((i) => ({ uid: i.uid, record: i.record }));
}

export function bookOf(mailbox: string, read: LedgerRead): LedgerBook {
  return foldBook(mailbox, trustedItems(read));
}

export function withOverdue(entry: LedgerEntry, now: Date): BookEntry {
  return { ...entry, overdue: isOverdue(entry, now) };
}

export function findEntry(book: LedgerBook, which: EntryNumber, now: Date): LedgerEntry {
  const currentYear = Number(vietnamDate(now).slice(0, 4));
  const n =
    typeof which === 'object'
      ? which
      : typeof which === 'number'
        ? { year: currentYear, number: which }
        : parseEntryNumber(which, currentYear);
  const entry = n ? book.entries.find((e) => e.year === n.year && e.number === n.number) : undefined;
  if (!entry) {
    const label = n ? `${n.number}/${n.year}` : String(which);
    throw new AppError('LEDGER_ENTRY_NOT_FOUND', `no entry ${label} in the ledger of ${book.mailbox}`, {
      messageVi: `Không có văn bản số đến ${label} trong sổ của hộp thư ${book.mailbox}.`,
    });
  }
  return entry;
}

/** Why the book would refuse `draft` from `actor` now, or null when it would take it. */
export function refusalOf(book: LedgerBook, read: LedgerRead, draft: LedgerDraft, actor: string): string | null {
  const probe = {
    ...draft,
    format: LEDGER_FORMAT,
    seq: 1,
    prev: '',
    prevRef: null,
    at: new Date(0).toISOString(),
    by: { email: actor, certificateSha256: '' },
    mailbox: book.mailbox,
  } as LedgerRecord;
  const after = foldBook(book.mailbox, [...trustedItems(read), { uid: Number.MAX_SAFE_INTEGER, record: probe }]);
  const entry = after.entries.find((e) => e.messageId === draft.messageId);
  const event = entry?.history.find((h) => h.uid === Number.MAX_SAFE_INTEGER);
  return event && !event.accepted ? (event.refusedVi ?? 'Không được chấp nhận.') : null;
}
