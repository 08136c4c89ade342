import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import { holidayFilePath, loadHolidayCalendar } from '../../electron/services/ledger/holidays-file.ts';
import type { BookEntry } from '../../electron/services/ledger/ledger-view.ts';
import {
  buildDigest,
  digestHtml,
  digestSubject,
  digestText,
} from '../../electron/services/ledger/notify/digest-content.ts';
import { digestMessageId } from '../../electron/services/ledger/notify/digest-delivery.ts';
import {
  DEFAULT_DIGEST_TIME,
  DigestScheduler,
  digestDay,
  parseDigestTime,
} from '../../electron/services/ledger/notify/digest-schedule.ts';
import { NoticeStore } from '../../electron/services/ledger/notify/notice-store.ts';
import { syntheticEntry } from '../support/ledger-entries.ts';
import { tempDir } from '../support/temp-dir.ts';

// The head's digest: due once per working day from 07:30 in Vietnam (not on weekends or during
// Tết), delivered once per day across restarts; its content from a book on a fake clock.
const RESOURCES = new URL('../../resources/', import.meta.url).pathname;
const holidays = () => loadHolidayCalendar(holidayFilePath(RESOURCES));
const vn = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`);

const dirs: Array<() => void> = [];
afterEach(() => dirs.splice(0).forEach((c) => c()));

function entry(n: number, over: Partial<BookEntry>): BookEntry {
  return { ...syntheticEntry(2026, n), ...over };
}

describe('the head’s daily digest', () => {
  it('is due from 07:30 Vietnam time on working days only', async () => {
    const cal = await holidays();
    const at = DEFAULT_DIGEST_TIME;
    expect(digestDay(vn('2026-03-06', '07:29'), at, cal)).toBeNull();
    expect(digestDay(vn('2026-03-06', '07:30'), at, cal)).toBe('2026-03-06');
    expect(digestDay(vn('2026-03-06', '23:59'), at, cal)).toBe('2026-03-06');
    expect(digestDay(vn('2026-03-07', '09:00'), at, cal)).toBeNull(); // Saturday
    expect(digestDay(vn('2026-03-08', '09:00'), at, cal)).toBeNull(); // Sunday
    expect(digestDay(vn('2026-02-17', '09:00'), at, cal)).toBeNull(); // Tết
    expect(digestDay(vn('2026-02-23', '09:00'), at, cal)).toBe('2026-02-23'); // first day after Tết
    // 00:30 UTC is 07:30 in Vietnam whatever the machine's time zone.
    expect(digestDay(new Date('2026-03-06T00:30:00Z'), at, cal)).toBe('2026-03-06');
    expect(digestDay(vn('2026-03-06', '16:00'), parseDigestTime('16:15'), cal)).toBeNull();
    expect(() => parseDigestTime('25:00')).toThrow(RangeError);
  });

  it('is delivered once per day, also after a restart; a failure is retried the same day', async () => {
    const { dir, cleanup } = tempDir('um-digest-');
    dirs.push(cleanup);
    const clock = new ManualClock(vn('2026-03-06', '07:00'));
    const delivered: string[] = [];
    let fail = false;
    const scheduler = (store: NoticeStore) =>
      new DigestScheduler({
        clock,
        holidays,
        at: DEFAULT_DIGEST_TIME,
        heads: () => ['head-1'],
        done: (a, d) => store.digestDone(a, d),
        deliver: async (a, d) => {
          if (fail) throw new Error('server unreachable');
          delivered.push(`${a} ${d}`);
          store.markDigest(a, d, clock.now());
        },
        onError: () => undefined,
      });
    let store = new NoticeStore(`${dir}/notices.sqlite`);
    let s = scheduler(store);
    expect(await s.tick()).toEqual([]);
    clock.set(vn('2026-03-06', '07:31'));
    expect(await s.tick()).toEqual(['head-1']);
    expect(await s.tick()).toEqual([]);
    store.close();
    store = new NoticeStore(`${dir}/notices.sqlite`);
    s = scheduler(store);
    expect(await s.tick()).toEqual([]);
    clock.set(vn('2026-03-07', '08:00')); // Saturday
    expect(await s.tick()).toEqual([]);
    clock.set(vn('2026-03-09', '07:45'));
    fail = true;
    expect(await s.tick()).toEqual([]);
    fail = false;
    expect(await s.tick()).toEqual(['head-1']);
    expect(delivered).toEqual(['head-1 2026-03-06', 'head-1 2026-03-09']);
    store.close();
  });

  it('sums up new entries since the previous working day, overdue, due today/tomorrow and the load', async () => {
    const cal = await holidays();
    const now = vn('2026-03-09', '07:30'); // Monday: new since Friday 6 March
    const entries = [
      entry(1, { registeredAt: '2026-03-06T02:00:00.000Z', status: 'da-vao-so', handler: null, deadline: null }),
      entry(2, {
        registeredAt: '2026-03-08T03:00:00.000Z',
        status: 'da-giao',
        handler: 'a@so.vn',
        deadline: '2026-03-09',
      }),
      entry(3, {
        registeredAt: '2026-03-05T02:00:00.000Z',
        status: 'dang-xu-ly',
        handler: 'a@so.vn',
        deadline: '2026-03-04',
      }),
      entry(4, {
        registeredAt: '2026-03-02T02:00:00.000Z',
        status: 'da-giao',
        handler: 'b@so.vn',
        deadline: '2026-03-10',
      }),
      entry(5, {
        registeredAt: '2026-03-02T02:00:00.000Z',
        status: 'da-xu-ly',
        handler: 'b@so.vn',
        deadline: '2026-03-04',
      }),
      entry(6, {
        registeredAt: '2026-03-09T00:10:00.000Z', // today: tomorrow's digest
        status: 'da-vao-so',
        handler: null,
        deadline: null,
        fields: { ...syntheticEntry(2026, 6).fields, trichYeu: 'Về <script>alert(1)</script> & "x"' },
      }),
    ];
    const d = buildDigest('vanthu@so.vn', entries, now, cal);
    expect([d.day, d.since, d.tomorrow]).toEqual(['2026-03-09', '2026-03-06', '2026-03-10']);
    expect(d.newEntries.map((e) => e.number)).toEqual([1, 2]);
    expect(d.overdue.map((e) => e.number)).toEqual([3]);
    expect(d.dueToday.map((e) => e.number)).toEqual([2]);
    expect(d.dueTomorrow.map((e) => e.number)).toEqual([4]);
    expect(d.load).toEqual([
      { person: 'a@so.vn', open: 2, overdue: 1 },
      { person: 'b@so.vn', open: 1, overdue: 0 },
    ]);
    expect(digestSubject(d)).toBe(
      '[Sổ văn bản đến] Tổng hợp ngày 09/03/2026: 2 văn bản mới, 1 quá hạn, 1 đến hạn hôm nay',
    );
    const text = digestText(d);
    expect(text).toContain('Quá hạn xử lý: 1');
    expect(text).toContain('a@so.vn: 2 việc, 1 quá hạn');
    const all = buildDigest('vanthu@so.vn', entries, vn('2026-03-10', '08:00'), cal);
    expect(all.newEntries.map((e) => e.number)).toEqual([6]);
    const html = digestHtml(all);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(digestMessageId('VanThu@so.vn', '2026-03-09')).toBe('<so-van-ban-den.tong-hop.2026-03-09.vanthu@so.vn>');
  });
});
