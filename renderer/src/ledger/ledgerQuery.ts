// What the register table asks for, pure: the filters and sort the user chose, the page shown,
// mapped onto the contract's ledger.book query (and back to "51–100 / 20 000"). The book is read
// a page at a time (offset/limit), so a year of 20,000 entries never crosses the bridge at once.
import type { LedgerSortKey, LedgerStatusFilter } from '../../../shared/contract-ledger.ts';
import type { CallInput } from '../../../shared/contract.ts';
import type { Urgency } from '../../../shared/ledger.ts';

export const PAGE_SIZE = 50;

/** Where the ledger is: the account's own book, or (a delegate) the unit mailbox it acts on. */
export interface BookTarget {
  accountId: string;
  mailbox?: string;
}

export interface LedgerFilters {
  status: LedgerStatusFilter | '';
  /** '' everyone, 'me', or an address. */
  assignee: string;
  urgency: Urgency | '';
  /** YYYY-MM-DD, or ''. */
  deadlineTo: string;
  text: string;
}

export interface LedgerSort {
  key: LedgerSortKey;
  descending: boolean;
}

export const NO_FILTERS: LedgerFilters = { status: '', assignee: '', urgency: '', deadlineTo: '', text: '' };
export const DEFAULT_SORT: LedgerSort = { key: 'number', descending: true };

const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The ledger.book input for a page of the table; filters left empty are left out. */
export function bookQuery(
  target: BookTarget,
  filters: LedgerFilters,
  sort: LedgerSort,
  page: number,
): CallInput<'ledger.book'> {
  const assignee = filters.assignee.trim().toLowerCase();
  const text = filters.text.trim();
  return {
    ...target,
    ...(filters.status ? { status: filters.status } : {}),
    ...(assignee === 'me' || ADDRESS.test(assignee) ? { assignee } : {}),
    ...(filters.urgency ? { urgency: filters.urgency } : {}),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(filters.deadlineTo) ? { deadlineTo: filters.deadlineTo } : {}),
    ...(text ? { text } : {}),
    sort: sort.key,
    descending: sort.descending,
    offset: page * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
}

/** Clicking a column: the same column turns around; another starts in its natural direction. */
export function nextSort(current: LedgerSort, key: LedgerSortKey): LedgerSort {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: key === 'number' };
}

export function ariaSort(sort: LedgerSort, key: LedgerSortKey): 'ascending' | 'descending' | 'none' {
  if (sort.key !== key) return 'none';
  return sort.descending ? 'descending' : 'ascending';
}

/** "from–to / total" of a page (1-based, inclusive), or null when nothing matched. */
export function pageRange(total: number, offset: number, shown: number): { from: number; to: number } | null {
  if (total === 0 || shown === 0) return null;
  return { from: offset + 1, to: offset + shown };
}

export function lastPage(total: number): number {
  return Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);
}

/** Co-handler addresses typed with commas, semicolons or spaces between them. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((a) => a.trim().toLowerCase())
    .filter((a) => a !== '');
}

export function isAddress(text: string): boolean {
  return ADDRESS.test(text.trim());
}

/** A stable key for a query (what the live data is keyed by). */
export function queryKey(q: object): string {
  return JSON.stringify(q);
}

/** A register day (YYYY-MM-DD, already a day in Vietnam) as dd/mm/yyyy, whatever the host's zone. */
export function showDay(day: string | null): string {
  if (!day) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}
