// Báo cáo tình hình xử lý văn bản đến for a period: of the entries received in
// it (by ngày đến), how many were done on time, done late, filed, still open and
// overdue, and the same per handler, as of the injected clock's "now".
import { isOverdue, vietnamDate, type EntryStatus, type LedgerEntry, type Urgency } from '../../../../shared/ledger.ts';
import type { Clock } from '../../clock/clock.ts';
import { doneDateOf, entriesInPeriod, kindAndSubject } from './register-rows.ts';
import { checkPeriod, daysBetween, type ReportPeriod } from './report-types.ts';

/**
 * - on-time / late: Đã xử lý on or before / after the deadline day;
 * - no-deadline: Đã xử lý without a deadline;
 * - filed: Lưu, không cần xử lý;
 * - open: not finished, deadline not passed (or none); overdue: not finished, deadline passed.
 */
export type Outcome = 'on-time' | 'late' | 'no-deadline' | 'filed' | 'open' | 'overdue';

export const OUTCOME_LABELS: Record<Outcome, string> = {
  'on-time': 'Đúng hạn',
  late: 'Trễ hạn',
  'no-deadline': 'Đã xử lý (không có hạn)',
  filed: 'Lưu, không cần xử lý',
  open: 'Đang trong hạn',
  overdue: 'Quá hạn',
};

export interface ProcessingItem {
  year: number;
  number: number;
  ngayDen: string;
  soKyHieu: string;
  tenLoaiTrichYeu: string;
  urgency: Urgency;
  handler: string | null;
  deadline: string | null;
  status: EntryStatus;
  doneDate: string | null;
  outcome: Outcome;
  /** Days past the deadline: at the done day (late) or today (overdue); 0 otherwise. */
  daysLate: number;
}

export interface Tally {
  received: number;
  doneOnTime: number;
  doneLate: number;
  doneNoDeadline: number;
  filed: number;
  /** Not finished, overdue included. */
  open: number;
  overdue: number;
  /**
   * doneOnTime ÷ (doneOnTime + doneLate + overdue): of the items whose deadline has come,
   * the share finished in time. Open overdue items count against it, or leaving work
   * unfinished would score better than finishing it late. null when nothing is due yet.
   */
  onTimeRate: number | null;
}

export interface PersonLoad extends Tally {
  /** The handler's address as the book has it. */
  person: string;
}

export interface ProcessingReport extends Tally {
  period: ReportPeriod;
  /** The instant the report was computed (ISO) and its day in Vietnam. */
  asOf: string;
  asOfDay: string;
  /** Open entries nobody handles yet (neither assigned nor claimed). */
  unassigned: number;
  /** Per handler, most entries first. */
  byPerson: PersonLoad[];
  /** Every entry of the period, in số đến order. */
  items: ProcessingItem[];
}

function outcomeOf(entry: LedgerEntry, doneDate: string | null, now: Date): Outcome {
  if (entry.status === 'luu') return 'filed';
  if (entry.status === 'da-xu-ly') {
    if (!entry.deadline) return 'no-deadline';
    // A done day that cannot be read counts as on time: the record exists, its date does not tell.
    return doneDate && doneDate > entry.deadline ? 'late' : 'on-time';
  }
  return isOverdue(entry, now) ? 'overdue' : 'open';
}

export function processingItem(entry: LedgerEntry, now: Date): ProcessingItem {
  const doneDate = doneDateOf(entry);
  const outcome = outcomeOf(entry, doneDate, now);
  let daysLate = 0;
  if (outcome === 'late' && doneDate && entry.deadline) daysLate = daysBetween(entry.deadline, doneDate);
  if (outcome === 'overdue' && entry.deadline) daysLate = daysBetween(entry.deadline, vietnamDate(now));
  return {
    year: entry.year,
    number: entry.number,
    ngayDen: entry.fields.ngayDen,
    soKyHieu: entry.fields.soKyHieu,
    tenLoaiTrichYeu: kindAndSubject(entry.fields.tenLoai, entry.fields.trichYeu),
    urgency: entry.fields.urgency,
    handler: entry.handler,
    deadline: entry.deadline,
    status: entry.status,
    doneDate,
    outcome,
    daysLate,
  };
}

const emptyTally = (): Tally => ({
  received: 0,
  doneOnTime: 0,
  doneLate: 0,
  doneNoDeadline: 0,
  filed: 0,
  open: 0,
  overdue: 0,
  onTimeRate: null,
});

function count(t: Tally, outcome: Outcome): void {
  t.received++;
  if (outcome === 'on-time') t.doneOnTime++;
  else if (outcome === 'late') t.doneLate++;
  else if (outcome === 'no-deadline') t.doneNoDeadline++;
  else if (outcome === 'filed') t.filed++;
  else t.open++;
  if (outcome === 'overdue') t.overdue++;
}

function withRate<T extends Tally>(t: T): T {
  const due = t.doneOnTime + t.doneLate + t.overdue;
  return { ...t, onTimeRate: due === 0 ? null : t.doneOnTime / due };
}

/** The processing report of the entries received in `period`, as of `clock.now()`. */
export function processingReport(
  entries: readonly LedgerEntry[],
  period: ReportPeriod,
  clock: Clock,
): ProcessingReport {
  checkPeriod(period);
  const now = clock.now();
  const items = entriesInPeriod(entries, period).map((e) => processingItem(e, now));
  const total = emptyTally();
  const people = new Map<string, PersonLoad>();
  let unassigned = 0;
  for (const item of items) {
    count(total, item.outcome);
    if (!item.handler) {
      if (item.outcome === 'open' || item.outcome === 'overdue') unassigned++;
      continue;
    }
    const key = item.handler.toLowerCase();
    let person = people.get(key);
    if (!person) {
      person = { person: item.handler, ...emptyTally() };
      people.set(key, person);
    }
    count(person, item.outcome);
  }
  const byPerson = [...people.values()]
    .map(withRate)
    .sort((a, b) => b.received - a.received || a.person.localeCompare(b.person, 'vi'));
  return {
    ...withRate(total),
    period,
    asOf: now.toISOString(),
    asOfDay: vietnamDate(now),
    unassigned,
    byPerson,
    items,
  };
}

/** "87,5%" (Vietnamese decimal comma), or "—" when nothing is due. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  const pct = Math.round(rate * 1000) / 10;
  return `${String(pct).replace('.', ',')}%`;
}
