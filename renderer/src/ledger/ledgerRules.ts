// Who may do what in the ledger view, pure: the books an account opens, the book a message belongs
// to (for "Vào sổ"), and the actions offered on an entry, following the book's own rules
// (electron/services/ledger/ledger-fold.ts) so the page offers only what the book would accept.
import type { AccountSummary } from '../../../shared/account.ts';
import type { LedgerEntry } from '../../../shared/ledger.ts';
import { unitOf, type UnitMailbox } from '../delegation/sharedFolders.ts';

/** The books this account can open: its own (a unit account) and the unit mailboxes it acts on. */
export function ledgerBooks(account: AccountSummary, units: readonly string[]): Array<string | null> {
  const shared = units.filter((u) => u.toLowerCase() !== account.email.toLowerCase());
  return account.kind === 'unit' || shared.length === 0 ? [null, ...shared] : shared;
}

/** The unit mailbox a message belongs to: null for the account's own, undefined when it has no book. */
export function bookOfMessage(
  account: AccountSummary,
  units: readonly UnitMailbox[],
  folder: string,
): string | null | undefined {
  const unit = unitOf(folder, units);
  if (unit) return unit.lost ? undefined : unit.owner;
  return account.kind === 'unit' ? null : undefined;
}

export interface Offered {
  assign: boolean;
  claim: boolean;
  start: boolean;
  done: boolean;
  file: boolean;
  reopen: boolean;
}

/**
 * The owner of the unit mailbox assigns an open entry; anyone claims an open entry nobody handles;
 * the handler, a co-handler or the owner sets its status, and reopens it once done or filed.
 */
export function offered(
  entry: Pick<LedgerEntry, 'status' | 'handler' | 'coHandlers'>,
  me: string,
  owner: string,
): Offered {
  const isOwner = me === owner;
  const handles = entry.handler?.toLowerCase() === me || entry.coHandlers.some((c) => c.toLowerCase() === me);
  const open = entry.status !== 'da-xu-ly' && entry.status !== 'luu';
  const may = isOwner || handles;
  return {
    assign: isOwner && open,
    claim: open && entry.handler === null,
    start: may && entry.status === 'da-giao',
    done: may && (entry.status === 'da-giao' || entry.status === 'dang-xu-ly'),
    file: may && open,
    reopen: may && !open,
  };
}
