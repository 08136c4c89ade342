// The head's dashboard of a book: counts by status, the overdue list, the load per handler and the
// on-time rate of the current month, as of the injected clock. Computed in one pass over the rows
// of the local copy (LedgerBooks, read from the server first when there is no copy yet), so a
// year of 20,000 entries costs one SQL read and a loop.
import {
  OVERDUE_LIST_LIMIT,
  type LedgerDashboard,
  type LedgerLoad,
  type LedgerRow,
} from '../../../shared/contract-ledger.ts';
import { ENTRY_STATUSES, vietnamDate, type EntryStatus } from '../../../shared/ledger.ts';
import type { Clock } from '../clock/clock.ts';
import type { BookRef, LedgerBooks } from './ledger-books.ts';

/** The figures of `rows` on `today` (YYYY-MM-DD in Vietnam); rows carry Quá hạn for that day. */
export function computeDashboard(
  mailbox: string,
  rows: readonly LedgerRow[],
  today: string,
  intact: boolean,
): LedgerDashboard {
  const byStatus = Object.fromEntries(ENTRY_STATUSES.map((s) => [s, 0])) as Record<EntryStatus, number>;
  const load = new Map<string, LedgerLoad>();
  const overdueRows: LedgerRow[] = [];
  const month = today.slice(0, 7);
  let done = 0;
  let onTime = 0;
  let late = 0;
  for (const r of rows) {
    byStatus[r.status] += 1;
    if (r.overdue) overdueRows.push(r);
    if (r.assignee && (r.status === 'da-giao' || r.status === 'dang-xu-ly')) {
      const l = load.get(r.assignee) ?? { person: r.assignee, assigned: 0, inProgress: 0, overdue: 0 };
      if (r.status === 'da-giao') l.assigned += 1;
      else l.inProgress += 1;
      if (r.overdue) l.overdue += 1;
      load.set(r.assignee, l);
    }
    if (r.doneOn?.startsWith(month)) {
      done += 1;
      if (r.deadline !== null && r.doneOn <= r.deadline) onTime += 1;
      if (r.deadline !== null && r.doneOn > r.deadline) late += 1;
    }
  }
  overdueRows.sort(
    (a, b) => (a.deadline ?? '').localeCompare(b.deadline ?? '') || a.year - b.year || a.number - b.number,
  );
  const open = (l: LedgerLoad) => l.assigned + l.inProgress;
  return {
    mailbox,
    today,
    total: rows.length,
    byStatus,
    overdue: overdueRows.length,
    overdueRows: overdueRows.slice(0, OVERDUE_LIST_LIMIT),
    load: [...load.values()].sort(
      (a, b) => open(b) - open(a) || b.overdue - a.overdue || a.person.localeCompare(b.person),
    ),
    month: { month, done, onTime, late, rate: onTime + late === 0 ? null : onTime / (onTime + late) },
    intact,
  };
}

/** The dashboard of a book from its local copy (`fresh`: read the server first). */
export async function ledgerDashboard(
  books: Pick<LedgerBooks, 'page'>,
  clock: Clock,
  ref: BookRef,
  opts: { year?: number | undefined; fresh?: boolean } = {},
): Promise<LedgerDashboard> {
  const today = vietnamDate(clock.now());
  const all = await books.page(
    ref,
    { year: opts.year, offset: 0, limit: Number.MAX_SAFE_INTEGER },
    { fresh: opts.fresh === true },
  );
  return computeDashboard(all.mailbox, all.rows, today, all.intact);
}
