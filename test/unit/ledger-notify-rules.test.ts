import { afterEach, describe, expect, it } from 'vitest';
import { KEPT_NOTICES, type Notice } from '../../shared/contract-notices.ts';
import type { EntryEvent } from '../../shared/ledger.ts';
import { EventBus } from '../../electron/services/api/event-bus.ts';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import { holidayFilePath, loadHolidayCalendar } from '../../electron/services/ledger/holidays-file.ts';
import type { BookEntry } from '../../electron/services/ledger/ledger-view.ts';
import { LedgerNotifier } from '../../electron/services/ledger/notify/ledger-notifier.ts';
import { ledgerNotices, nextWorkingDay } from '../../electron/services/ledger/notify/notice-rules.ts';
import { NoticeStore } from '../../electron/services/ledger/notify/notice-store.ts';
import { syntheticEntry } from '../support/ledger-entries.ts';
import { tempDir } from '../support/temp-dir.ts';

// The notice rules on a ManualClock and the real holiday file: assigned to me, due on the next
// working day (across a weekend and Tết Bính Ngọ 2026), overdue, returned for rework; each told
// once, also after a restart (a new notifier on the same store).
const RESOURCES = new URL('../../resources/', import.meta.url).pathname;
const calendar = () => loadHolidayCalendar(holidayFilePath(RESOURCES));
const ME = 'chuyenvien@so.vn';
const HEAD = 'vanthu@so.vn';
const scope = { accountId: 'acc-1', mailbox: HEAD, me: ME };
const vn = (day: string, time = '09:00') => new Date(`${day}T${time}:00+07:00`);

const ev = (uid: number, type: EntryEvent['type'], by = HEAD, accepted = true): EntryEvent => ({
  uid,
  seq: uid,
  type,
  at: '2026-02-10T01:00:00.000Z',
  by,
  accepted,
});

function entry(n: number, over: Partial<BookEntry>): BookEntry {
  const base = syntheticEntry(2026, n, n * 10);
  return {
    ...base,
    status: 'da-giao',
    handler: ME,
    coHandlers: [],
    history: [ev(n * 10, 'register'), ev(n * 10 + 1, 'assign')],
    ...over,
  };
}

const kinds = (ns: Notice[]) => ns.map((n) => `${n.kind}:${n.params.number}`).sort();

const dirs: Array<() => void> = [];
afterEach(() => dirs.splice(0).forEach((c) => c()));

describe('ledger notice rules (fake clock, real holiday calendar)', () => {
  it('the next working day skips the weekend and Tết', async () => {
    const cal = await calendar();
    expect(nextWorkingDay(vn('2026-03-05'), cal)).toBe('2026-03-06'); // Thursday → Friday
    expect(nextWorkingDay(vn('2026-03-06'), cal)).toBe('2026-03-09'); // Friday → Monday
    expect(nextWorkingDay(vn('2026-03-07'), cal)).toBe('2026-03-09'); // Saturday → Monday
    expect(nextWorkingDay(vn('2026-02-13'), cal)).toBe('2026-02-23'); // Friday before Tết → after it
    // 23:30 in Vietnam on Thursday is still Thursday there (16:30 UTC).
    expect(nextWorkingDay(new Date('2026-03-05T16:30:00Z'), cal)).toBe('2026-03-06');
  });

  it('assigned to me, due tomorrow across a weekend and across Tết, overdue, returned; not others', async () => {
    const cal = await calendar();
    const entries = [
      entry(1, { deadline: '2026-03-09' }), // due Monday, seen on Friday: due "tomorrow"
      entry(2, { deadline: '2026-03-05' }), // overdue on Friday 6 March
      entry(3, { deadline: '2026-03-20', handler: 'other@so.vn' }), // someone else's
      entry(4, { deadline: '2026-03-20', coHandlers: [ME], handler: 'other@so.vn' }), // co-handler
      entry(5, { deadline: '2026-03-05', status: 'da-xu-ly' }), // done: nothing
      entry(6, {
        deadline: '2026-03-20',
        history: [ev(60, 'register'), ev(61, 'assign'), ev(62, 'status', ME), ev(63, 'reopen')],
      }),
      entry(7, { deadline: null, history: [ev(70, 'register'), ev(71, 'claim', ME)], status: 'dang-xu-ly' }),
      entry(8, { deadline: '2026-03-20', history: [ev(80, 'register'), ev(81, 'assign', ME)] }), // self-assigned
    ];
    const got = ledgerNotices(scope, entries, vn('2026-03-06'), cal);
    expect(kinds(got)).toEqual([
      'assigned:1',
      'assigned:2',
      'assigned:4',
      'assigned:6',
      'due-tomorrow:1',
      'overdue:2',
      'reopened:6',
    ]);
    const overdue = got.find((n) => n.kind === 'overdue')!;
    expect(overdue).toMatchObject({ urgent: true, title: 'Quá hạn xử lý: văn bản số đến 2/2026' });
    expect(overdue.body).toContain('hạn 05/03/2026');
    // Thursday: Monday's deadline is not tomorrow yet.
    expect(kinds(ledgerNotices(scope, entries.slice(0, 1), vn('2026-03-05'), cal))).toEqual(['assigned:1']);
  });

  it('due tomorrow before Tết means the first working day after it', async () => {
    const cal = await calendar();
    const e = [entry(1, { deadline: '2026-02-23' })];
    expect(kinds(ledgerNotices(scope, e, vn('2026-02-13'), cal))).toContain('due-tomorrow:1');
    expect(kinds(ledgerNotices(scope, e, vn('2026-02-12'), cal))).not.toContain('due-tomorrow:1');
    // During Tết nothing is overdue that falls after it; on 24 Feb it is.
    expect(kinds(ledgerNotices(scope, e, vn('2026-02-18'), cal))).toContain('due-tomorrow:1');
    expect(kinds(ledgerNotices(scope, e, vn('2026-02-24'), cal))).toContain('overdue:1');
  });

  it('the notifier tells each fact once, on reads, on ticks and after a restart', async () => {
    const { dir, cleanup } = tempDir('um-notices-');
    dirs.push(cleanup);
    const clock = new ManualClock(vn('2026-03-05'));
    const events = new EventBus();
    const seen: Notice[] = [];
    events.on('notices.new', ({ notices }) => seen.push(...notices));
    const make = (store: NoticeStore) =>
      new LedgerNotifier({ store, events, clock, holidays: calendar, emailOf: () => ME });
    let store = new NoticeStore(`${dir}/notices.sqlite`);
    const n1 = make(store);
    const book = { mailbox: HEAD, entries: [entry(1, { deadline: '2026-03-09' })] };
    expect(kinds(await n1.onBook({ accountId: 'acc-1' }, book))).toEqual(['assigned:1']);
    expect(await n1.onBook({ accountId: 'acc-1' }, book)).toEqual([]);
    clock.set(vn('2026-03-06'));
    expect(kinds(await n1.tick())).toEqual(['due-tomorrow:1']);
    expect(await n1.tick()).toEqual([]);
    store.close();
    // Restart: a new store on the same file, a new notifier, the same book.
    store = new NoticeStore(`${dir}/notices.sqlite`);
    const n2 = make(store);
    expect(await n2.onBook({ accountId: 'acc-1' }, book)).toEqual([]);
    clock.set(vn('2026-03-10'));
    expect(kinds(await n2.tick())).toEqual(['overdue:1']);
    // Another account on this computer is told separately.
    expect(kinds(await n2.onBook({ accountId: 'acc-2' }, book))).toEqual(['assigned:1', 'overdue:1']);
    expect(kinds(seen)).toEqual(['assigned:1', 'assigned:1', 'due-tomorrow:1', 'overdue:1', 'overdue:1']);
    // What was told is kept for the app's list across the restart, newest first, all unread.
    expect(store.list().items.map((n) => `${n.accountId} ${n.kind}`)).toEqual([
      'acc-2 overdue',
      'acc-2 assigned',
      'acc-1 overdue',
      'acc-1 due-tomorrow',
      'acc-1 assigned',
    ]);
    expect(store.list().unread).toBe(5);
    store.close();
  });

  it('keeps the newest notices for the list: read state, emptying and a removed account outlive a restart', () => {
    const { dir, cleanup } = tempDir('um-notices-');
    dirs.push(cleanup);
    const at = vn('2026-03-05');
    const notice = (accountId: string, n: number): Notice => ({
      id: `${accountId}:assigned:${n}`,
      accountId,
      mailbox: HEAD,
      kind: 'assigned',
      at: at.toISOString(),
      urgent: false,
      title: `Được giao ${n}`,
      body: '',
      params: { number: n, year: 2026 },
    });
    const numbers = (s: NoticeStore) => s.list().items.map((n) => n.params.number);
    let store = new NoticeStore(`${dir}/notices.sqlite`);
    expect(store.list()).toEqual({ items: [], unread: 0 });
    expect(store.tell('acc-1', [notice('acc-1', 1), notice('acc-1', 2)], at).map((n) => n.id)).toHaveLength(2);
    store.markAllRead();
    expect(store.tell('acc-1', [notice('acc-1', 2), notice('acc-1', 3)], at).map((n) => n.params.number)).toEqual([3]);
    store.close();
    store = new NoticeStore(`${dir}/notices.sqlite`);
    expect(numbers(store)).toEqual([3, 2, 1]);
    expect(store.list().unread).toBe(1);
    expect(store.list().items[0]).toEqual(notice('acc-1', 3));
    // Emptied: the list starts again, and what was told is not told again.
    expect(store.clear()).toBe(3);
    expect(store.tell('acc-1', [notice('acc-1', 3), notice('acc-1', 4)], at).map((n) => n.params.number)).toEqual([4]);
    expect(numbers(store)).toEqual([4]);
    // Only the newest KEPT_NOTICES stay.
    const many = Array.from({ length: KEPT_NOTICES + 5 }, (_, i) => notice('acc-2', 100 + i));
    expect(store.tell('acc-2', many, at)).toHaveLength(KEPT_NOTICES + 5);
    expect(store.list().items).toHaveLength(KEPT_NOTICES);
    expect(numbers(store)[0]).toBe(100 + KEPT_NOTICES + 4);
    expect(numbers(store).at(-1)).toBe(105);
    store.forgetAccount('acc-2');
    expect(store.list()).toEqual({ items: [], unread: 0 });
    store.close();
  });
});
