// The head's dashboard (ledger-dashboard.ts) on hand-made rows and on a book of 20,000 entries read
// through the local copy (LedgerCache via LedgerBooks), and the register table's sort and the new
// filters (urgency, deadline) answered alike by the SQL copy and by the pure pageOf.
import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../shared/contract-ledger.ts';
import { vietnamDate } from '../../shared/ledger.ts';
import { LEDGER_SORT_KEYS, OVERDUE_LIST_LIMIT } from '../../shared/contract-ledger.ts';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import { LedgerCache, type PageQuery } from '../../electron/services/ledger/ledger-cache.ts';
import { computeDashboard, ledgerDashboard } from '../../electron/services/ledger/ledger-dashboard.ts';
import { pageOf, toRow } from '../../electron/services/ledger/ledger-query.ts';
import { withOverdue, type BookEntry } from '../../electron/services/ledger/ledger-view.ts';
import { syntheticBook, syntheticEntry } from '../support/ledger-entries.ts';
import { tempDir } from '../support/temp-dir.ts';

const dirs: Array<{ cleanup: () => void }> = [];
const openCache = () => {
  const d = tempDir('um-ledger-dash-');
  dirs.push(d);
  return new LedgerCache(`${d.dir}/ledger.sqlite`);
};
afterEach(() => {
  for (const d of dirs.splice(0)) d.cleanup();
});

function row(number: number, extra: Partial<LedgerRow>): LedgerRow {
  return {
    number,
    year: 2026,
    folder: 'INBOX',
    uid: number,
    messageId: `<m${number}@so.vn>`,
    subject: `Văn bản ${number}`,
    soKyHieu: `${number}/UBND-VX`,
    tacGia: 'Sở Nội vụ',
    ngayDen: '2026-03-02',
    urgency: 'thuong',
    status: 'da-vao-so',
    overdue: false,
    assignee: null,
    deadline: null,
    doneOn: null,
    ...extra,
  };
}

/** An entry done on `doneAt` (its last accepted status record). */
function doneEntry(n: number, deadline: string | null, doneAt: string): BookEntry {
  const e = syntheticEntry(2026, n);
  const status = { uid: 9000 + n, seq: 9000 + n, type: 'status' as const, at: doneAt, by: 'a@so.vn', accepted: true };
  return { ...e, status: 'da-xu-ly', handler: 'a@so.vn', deadline, history: [...e.history, status] };
}

describe('computeDashboard', () => {
  it('counts by status, lists the overdue (longest first), loads per handler, rates this month', () => {
    const rows = [
      row(1, {}),
      row(2, { status: 'da-giao', assignee: 'a@so.vn', deadline: '2026-03-10', overdue: true }),
      row(3, { status: 'dang-xu-ly', assignee: 'a@so.vn', deadline: '2026-03-20' }),
      row(4, { status: 'dang-xu-ly', assignee: 'b@so.vn', deadline: '2026-03-05', overdue: true }),
      row(5, { status: 'da-xu-ly', assignee: 'b@so.vn', deadline: '2026-03-12', doneOn: '2026-03-11' }),
      row(6, { status: 'da-xu-ly', assignee: 'a@so.vn', deadline: '2026-03-12', doneOn: '2026-03-14' }),
      row(7, { status: 'da-xu-ly', assignee: 'a@so.vn', deadline: null, doneOn: '2026-03-01' }),
      row(8, { status: 'da-xu-ly', assignee: 'a@so.vn', deadline: '2026-02-01', doneOn: '2026-02-20' }),
      row(9, { status: 'luu' }),
    ];
    const d = computeDashboard('vp@so.vn', rows, '2026-03-15', true);
    expect(d.total).toBe(9);
    expect(d.byStatus).toEqual({ 'da-vao-so': 1, 'da-giao': 1, 'dang-xu-ly': 2, 'da-xu-ly': 4, luu: 1 });
    expect(d.overdue).toBe(2);
    expect(d.overdueRows.map((r) => r.number)).toEqual([4, 2]);
    expect(d.load).toEqual([
      { person: 'a@so.vn', assigned: 1, inProgress: 1, overdue: 1 },
      { person: 'b@so.vn', assigned: 0, inProgress: 1, overdue: 1 },
    ]);
    // March: 5 on time, 6 late, 7 without a deadline (not in the rate); 8 was done in February.
    expect(d.month).toEqual({ month: '2026-03', done: 3, onTime: 1, late: 1, rate: 1 / 2 });
  });

  it('an empty book: zeros, no rate', () => {
    const d = computeDashboard('vp@so.vn', [], '2026-03-15', true);
    expect(d.month.rate).toBeNull();
    expect(d.overdueRows).toEqual([]);
    expect(Object.values(d.byStatus).every((n) => n === 0)).toBe(true);
  });

  it('rows carry the day (in Vietnam) the entry was done', () => {
    // 23:30 UTC on 31 March is 1 April in Vietnam.
    expect(toRow(withOverdue(doneEntry(4, '2026-04-01', '2026-03-31T23:30:00.000Z'), new Date())).doneOn).toBe(
      '2026-04-01',
    );
    expect(toRow(withOverdue(syntheticEntry(2026, 2), new Date())).doneOn).toBeNull();
  });
});

describe('ledgerDashboard over the local copy', () => {
  it('20,000 entries: the same figures as computed from the book itself, on the injected clock', async () => {
    const cache = openCache();
    const book = syntheticBook(20_000);
    book.entries = book.entries.map((e) =>
      e.number % 50 === 0 ? doneEntry(e.number, e.deadline, '2026-03-04T02:00:00.000Z') : e,
    );
    cache.store('k', book);
    const clock = new ManualClock('2026-03-15T05:00:00Z');
    const books = { page: async (_ref: unknown, q: PageQuery) => cache.page('k', q, vietnamDate(clock.now()))! };
    const d = await ledgerDashboard(books, clock, { accountId: 'a' });
    const rows = book.entries.map((e) => toRow(withOverdue(e, clock.now())));
    expect(d).toEqual(computeDashboard(book.mailbox, rows, '2026-03-15', true));
    expect(d.total).toBe(20_000);
    expect(d.overdueRows).toHaveLength(OVERDUE_LIST_LIMIT);
    expect(d.month.done).toBe(400);
    clock.set('2026-04-02T05:00:00Z');
    const april = await ledgerDashboard(books, clock, { accountId: 'a' });
    expect(april.month).toEqual({ month: '2026-04', done: 0, onTime: 0, late: 0, rate: null });
    cache.close();
  });
});

describe('sort and the urgency and deadline filters: the SQL copy answers as pageOf', () => {
  it('every column both ways, with filters, windows', () => {
    const cache = openCache();
    const book = syntheticBook(400);
    cache.store('k', book);
    const now = new Date('2026-03-15T05:00:00Z');
    const entries = book.entries.map((e) => withOverdue(e, now));
    const queries: PageQuery[] = [];
    for (const sort of LEDGER_SORT_KEYS)
      for (const descending of [true, false]) queries.push({ sort, descending, offset: 37, limit: 60 });
    queries.push(
      { urgency: 'khan', offset: 0, limit: 50 },
      { deadlineTo: '2026-03-10', offset: 0, limit: 500 },
      { urgency: 'hoa-toc', deadlineTo: '2026-03-20', sort: 'deadline', offset: 5, limit: 20 },
      { status: 'qua-han', sort: 'assignee', offset: 0, limit: 500 },
      { text: 'bao cao', sort: 'subject', descending: true, offset: 0, limit: 30 },
    );
    for (const query of queries) {
      const expected = pageOf(book.mailbox, entries, query, query, true);
      expect(expected.total, JSON.stringify(query)).toBeGreaterThan(0);
      expect(cache.page('k', query, '2026-03-15'), JSON.stringify(query)).toEqual(expected);
    }
    cache.close();
  });

  it('urgency first: Hỏa tốc before Thường; a deadline filter keeps only dated entries up to the day', () => {
    const book = syntheticBook(40);
    const entries = book.entries.map((e) => withOverdue(e, new Date('2026-03-15T05:00:00Z')));
    const byUrgency = pageOf(book.mailbox, entries, { sort: 'urgency' }, { offset: 0, limit: 40 }, true);
    expect(byUrgency.rows[0]?.urgency).toBe('hoa-toc');
    expect(byUrgency.rows.at(-1)?.urgency).toBe('thuong');
    const due = pageOf(book.mailbox, entries, { deadlineTo: '2026-03-05' }, { offset: 0, limit: 40 }, true);
    expect(due.rows.every((r) => r.deadline !== null && r.deadline <= '2026-03-05')).toBe(true);
    expect(due.total).toBe(entries.filter((e) => e.deadline !== null && e.deadline <= '2026-03-05').length);
  });
});
