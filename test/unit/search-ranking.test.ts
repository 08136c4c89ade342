import { describe, expect, it } from 'vitest';
import { MailCache, type CachedHeader } from '../../electron/services/cache/mail-cache.ts';
import { DAY_SLOTS, keyOfDate } from '../../electron/services/cache/search-keys.ts';
import { parseQuery } from '../../electron/services/search/query.ts';
import { cachedHeader } from '../support/cached-header.ts';

const header = (uid: number, subject: string, date: number): CachedHeader =>
  cachedHeader(uid, {
    flags: uid % 3 ? ['\\Seen'] : [],
    date,
    subject,
    from: [{ name: 'Văn phòng', address: 'vanphong@binhphuoc.gov.vn' }],
    to: [],
  });

/** 30 messages, day 1 to day 30, inserted in a shuffled order; each body says "hop". */
function thirty(): MailCache {
  const cache = new MailCache(':memory:');
  const order = Array.from({ length: 30 }, (_, i) => ((i * 7) % 30) + 1);
  cache.saveHeaders(
    'INBOX',
    order.map((uid) => header(uid, uid === 5 || uid === 25 ? 'Lịch họp' : `Thư ${uid}`, Date.UTC(2026, 0, uid))),
  );
  for (const uid of order) {
    const { id } = cache.db.prepare('SELECT id FROM messages WHERE uid = ?').get(uid) as { id: number };
    cache.index.saveBody(id, {
      body: `Nội dung ${uid}: họp giao ban.`,
      attachmentText: '',
      notes: [],
      hasAttachments: false,
    });
  }
  return cache;
}

const uids = (cache: MailCache, q: string, page: { offset: number; limit: number; window?: number; order?: 'date' }) =>
  cache.search(parseQuery(q), page).rows.map((r) => r.uid);

describe('search ranking over many hits', () => {
  const cache = thirty();
  const newestFirst = Array.from({ length: 30 }, (_, i) => 30 - i);

  it('keys the index by date, whatever order the messages were cached in', () => {
    expect(uids(cache, 'hop', { offset: 0, limit: 30, order: 'date' })).toEqual(newestFirst);
    const keys = cache.db.prepare('SELECT uid, fts_key FROM messages ORDER BY fts_key').all() as Array<{
      uid: number;
      fts_key: number;
    }>;
    expect(keys.map((k) => k.uid)).toEqual([...newestFirst].reverse());
    // Day 1 of January in Việt Nam (UTC+7) times the slots of a day, its middle slot.
    const day = Math.floor((Date.UTC(2026, 0, 1) / 1000 + 7 * 3600) / 86_400);
    expect((keys[0] as { fts_key: number }).fts_key).toBe(day * DAY_SLOTS + DAY_SLOTS / 2);
  });

  it('ranks every hit when they fit the window: subject matches first, then newest', () => {
    expect(uids(cache, 'hop', { offset: 0, limit: 30 })).toEqual([
      25,
      5,
      ...newestFirst.filter((u) => u !== 25 && u !== 5),
    ]);
  });

  it('ranks the newest hits of a larger set, then the older ones newest first, with the true total', () => {
    const ranked = [25, ...[30, 29, 28, 27, 26, 24, 23, 22, 21]];
    const older = [20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const all = cache.search(parseQuery('hop'), { offset: 0, limit: 30, window: 10 });
    expect(all.total).toBe(30);
    expect(all.rows.map((r) => r.uid)).toEqual([...ranked, ...older]);
    // Pages across the window's edge are slices of the same order, each hit once.
    const pages = [0, 7, 14, 21, 28].flatMap((offset) => uids(cache, 'hop', { offset, limit: 7, window: 10 }));
    expect(pages).toEqual([...ranked, ...older]);
    expect(cache.search(parseQuery('hop'), { offset: 28, limit: 7, window: 10 }).total).toBe(30);
  });

  it('applies filters and words with marks inside and outside the window', () => {
    const unread = newestFirst.filter((u) => u % 3 === 0);
    expect(cache.search(parseQuery('is:unread hop'), { offset: 0, limit: 2, window: 4 }).total).toBe(unread.length);
    expect(uids(cache, 'is:unread hop', { offset: 0, limit: 30, window: 4 })).toEqual(unread);
    expect(uids(cache, 'họp', { offset: 0, limit: 30, window: 10 })).toHaveLength(30);
    expect(uids(cache, 'hợp', { offset: 0, limit: 30, window: 10 })).toEqual([]);
    expect(uids(cache, 'subject:họp', { offset: 0, limit: 30, window: 1 })).toEqual([25, 5]);
    // A header term with marks and a flag: counted on the hits' messages (25 is read, 5 is not).
    expect(cache.search(parseQuery('is:unread subject:họp'), { offset: 0, limit: 1, window: 1 }).total).toBe(0);
    expect(cache.search(parseQuery('is:read subject:họp'), { offset: 0, limit: 1, window: 1 }).total).toBe(2);
    expect(cache.search(parseQuery('is:read họp after:2026-01-20'), { offset: 0, limit: 1, window: 3 }).total).toBe(
      newestFirst.filter((u) => u >= 20 && u % 3 !== 0).length,
    );
  });

  it('keeps a day’s messages in date order, whether cached later or earlier', () => {
    const c = new MailCache(':memory:');
    // 08:00 in Việt Nam on 1 March; day boundaries are Việt Nam's (UTC+7).
    const morning = Date.UTC(2026, 2, 1, 1);
    const at = (uid: number, minutes: number) => header(uid, `Giấy mời họp ${uid}`, morning + minutes * 60_000);
    // As a sync caches them: the newest first, out of date order within a batch; then an earlier
    // one (an older batch), one just before midnight in Việt Nam (new mail, 16:59 UTC), one
    // between two cached ones, and one just after midnight (17:00 UTC, the next day).
    c.saveHeaders('INBOX', [at(3, 30), at(1, 10), at(2, 20)]);
    c.saveHeaders('INBOX', [at(4, 5)]);
    c.saveHeaders('INBOX', [header(5, 'Giấy mời họp 5', Date.UTC(2026, 2, 1, 16, 59))]);
    c.saveHeaders('INBOX', [at(7, 15), header(6, 'Giấy mời họp 6', Date.UTC(2026, 2, 1, 17))]);
    const keys = (
      c.db.prepare('SELECT uid, fts_key FROM messages ORDER BY uid').all() as Array<{ fts_key: number }>
    ).map((r) => r.fts_key);
    const middle = keyOfDate(morning) + DAY_SLOTS / 2;
    // 7 (08:15, between two cached ones) goes above them all: its key is out of date order.
    expect(keys).toEqual([middle, middle + 1, middle + 2, middle - 1, middle + 3, middle + DAY_SLOTS, middle + 4]);
    // Pages are in date order all the same (a page's days are put in date order), each hit once.
    const byDate = [6, 5, 3, 2, 7, 1, 4];
    expect(uids(c, 'giay moi', { offset: 0, limit: 20, order: 'date' })).toEqual(byDate);
    for (const size of [1, 2, 3])
      expect(
        [0, 1, 2, 3, 4, 5, 6].flatMap((i) =>
          i % size ? [] : uids(c, 'giay moi', { offset: i, limit: size, order: 'date' }),
        ),
      ).toEqual(byDate);
    // Ranked: equally relevant hits of one day in date order too.
    expect(uids(c, 'giay moi', { offset: 0, limit: 20 })).toEqual(byDate);
    // Older than the ranked window: the same order.
    expect(uids(c, 'giay moi', { offset: 0, limit: 20, window: 1 }).slice(1)).toEqual(byDate.slice(1));
    // Dates are ranges of keys: on: the first of March in Việt Nam holds all but 6.
    expect(uids(c, 'giay moi on:01/03/2026', { offset: 0, limit: 20, order: 'date' })).toEqual([5, 3, 2, 7, 1, 4]);
    expect(uids(c, 'giay moi after:2026-03-02', { offset: 0, limit: 20, order: 'date' })).toEqual([6]);
    // A unit in another zone (UTC here): its days are not ranges of keys, the dates are checked.
    const utc = c.search(parseQuery('giay moi on:01/03/2026', { timeZoneOffsetMinutes: 0 }), {
      offset: 0,
      limit: 20,
      order: 'date',
    });
    expect(utc.rows.map((r) => r.uid)).toEqual(byDate);
    const utcNext = c.search(parseQuery('giay moi after:2026-03-01', { timeZoneOffsetMinutes: 0 }), {
      offset: 0,
      limit: 20,
    });
    expect(utcNext.total).toBe(7);
    c.close();
  });

  it('takes a free slot of the day when its last one is taken, then the next day’s', () => {
    const c = new MailCache(':memory:');
    const noon = Date.UTC(2026, 2, 1, 5);
    c.saveHeaders('INBOX', [header(1, 'Thư 1', noon)]);
    const first = keyOfDate(noon);
    // The day's last slot taken (as after DAY_SLOTS messages): the next message takes the first free one.
    c.db.prepare('UPDATE messages SET fts_key = ? WHERE uid = 1').run(first + DAY_SLOTS - 1);
    c.saveHeaders('INBOX', [header(2, 'Thư 2', noon)]);
    const key = (uid: number) =>
      (c.db.prepare('SELECT fts_key FROM messages WHERE uid = ?').get(uid) as { fts_key: number }).fts_key;
    expect(key(2)).toBe(first);
    c.close();
  });

  it('forgets a removed message’s entries', () => {
    const c = thirty();
    expect(c.search(parseQuery('hop'), { offset: 0, limit: 100 }).total).toBe(30);
    c.removeUids('INBOX', [1, 30]);
    expect(c.search(parseQuery('hop'), { offset: 0, limit: 100 }).total).toBe(28);
    c.close();
  });
});
