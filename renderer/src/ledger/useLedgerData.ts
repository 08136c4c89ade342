// The ledger's live data: a page of the book, one entry with its history, the dashboard. Each
// keeps showing its last answer while it is asked again, and each is asked again when main
// announces 'ledger.changed' for this account (an action here or on another computer, seen when
// the local copy was refreshed from the server).
import { useEffect } from 'react';
import type { LedgerDashboard, LedgerEntryView, LedgerPage } from '../../../shared/contract-ledger.ts';
import { invoke, onEvent } from '../api.ts';
import { useLive, type Live } from '../hooks/useLive.ts';
import { bookQuery, queryKey, type BookTarget, type LedgerFilters, type LedgerSort } from './ledgerQuery.ts';

export interface EntryRef {
  year: number;
  number: number;
}

/** Where the ledger opens: a book (null: the account's own) and an entry. */
export interface LedgerAt {
  mailbox: string | null;
  entry: EntryRef | null;
}

/** Calls `refresh` when the books of `accountId` changed. */
export function useLedgerChanged(accountId: string, refresh: () => void): void {
  useEffect(
    () =>
      onEvent('ledger.changed', (p) => {
        if (p.accountId === accountId) refresh();
      }),
    [accountId, refresh],
  );
}

export function useLedgerPage(
  target: BookTarget,
  filters: LedgerFilters,
  sort: LedgerSort,
  page: number,
): Live<LedgerPage> {
  const query = bookQuery(target, filters, sort, page);
  const live = useLive(queryKey(query), () => invoke('ledger.book', query));
  useLedgerChanged(target.accountId, live.refresh);
  return live;
}

export function useLedgerEntry(target: BookTarget, which: EntryRef | null): Live<LedgerEntryView> {
  const input = which ? { ...target, year: which.year, number: which.number } : null;
  const live = useLive(input ? queryKey(input) : null, () =>
    input ? invoke('ledger.entry', input) : Promise.reject(new Error('no entry')),
  );
  useLedgerChanged(target.accountId, live.refresh);
  return live;
}

export function useLedgerDashboard(target: BookTarget, shown: boolean): Live<LedgerDashboard> {
  const live = useLive(shown ? queryKey(target) : null, () => invoke('ledger.dashboard', target));
  useLedgerChanged(target.accountId, live.refresh);
  return live;
}
