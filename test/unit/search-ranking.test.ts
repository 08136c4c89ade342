import { describe, expect, it } from 'vitest';
import { MailCache, type CachedHeader } from '../../electron/services/cache/mail-cache.ts';
import { KEY_SLOTS, keyOfDate } from '../../electron/services/cache/search-keys.ts';
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
    expect((keys[0] as { fts_key: number }).fts_key).toBe((Date.UTC(2026, 0, 1) / 1000) * KEY_SLOTS);
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

  it('gives messages of one second the next free slots, then the next seconds’ ones', () => {
    const c = new MailCache(':memory:');
    const second = Date.UTC(2026, 2, 1, 8);
    // Twelve messages sent in the same second (a mass mailing), cached in two batches.
    const batch = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => header(from + i, `Giấy mời họp ${from + i}`, second + 500));
    c.saveHeaders('INBOX', batch(1, 5));
    c.saveHeaders('INBOX', batch(6, 12));
    c.saveHeaders('INBOX', [header(13, 'Giấy mời họp 13', second + 1000)]);
    const keys = (
      c.db.prepare('SELECT uid, fts_key FROM messages ORDER BY uid').all() as Array<{ fts_key: number }>
    ).map((r) => r.fts_key);
    const first = keyOfDate(second);
    expect(new Set(keys).size).toBe(13);
    expect(keys.slice(0, 12).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => first + i));
    // The next second's first slot was taken by the overflow: 13 takes the next free one.
    expect(keys[12]).toBe(first + 12);
    expect(uids(c, 'giay moi', { offset: 0, limit: 20, order: 'date' })).toHaveLength(13);
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
