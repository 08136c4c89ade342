import { describe, expect, it } from 'vitest';
import { MailCache, type CachedHeader } from '../../electron/services/cache/mail-cache.ts';
import { parseQuery } from '../../electron/services/search/query.ts';
import { uidSet } from '../../electron/services/sync/folder-sync.ts';
import { foldText } from '../../shared/text-fold.ts';
import { cachedHeader } from '../support/cached-header.ts';

describe('Vietnamese folding', () => {
  it('strips tones and vowel marks and maps đ to d, in both directions', () => {
    expect(foldText('Chỉ đạo KHẨN')).toBe('chi dao khan');
    expect(foldText('ĐỀ NGHỊ')).toBe(foldText('de nghi'));
    // Decomposed input (as windows-1258 produces) folds the same.
    expect(foldText('Chi\u0309 đa\u0323o')).toBe('chi dao');
  });
});

// The query parser is tested in search-query.test.ts, the index in search-index.test.ts.

// The directive rules are tested in directive-rules.test.ts and directive-labelled-set.test.ts.

describe('UID sets', () => {
  it('compresses runs', () => {
    expect(uidSet([5, 1, 2, 3, 9, 10, 7])).toBe('1:3,5,7,9:10');
    expect(uidSet([42])).toBe('42');
  });
});

describe('cache list and search (in memory)', () => {
  const header = (uid: number, subject: string, daysAgo: number, extra: Partial<CachedHeader> = {}): CachedHeader =>
    cachedHeader(uid, {
      date: Date.UTC(2026, 10, 28) - daysAgo * 86_400_000,
      subject,
      from: [{ name: 'Lãnh đạo', address: 'lanhdao@binhphuoc.gov.vn' }],
      to: [],
      ...extra,
    });

  it('sorts, filters, threads and ranks search results by date', () => {
    const cache = new MailCache(':memory:');
    cache.saveHeaders('INBOX', [
      header(1, 'Chỉ đạo về phòng chống dịch', 5),
      header(2, 'Re: Chỉ đạo về phòng chống dịch', 1, { references: ['<1@x>'], flags: ['\\Seen'] }),
      header(3, 'Báo cáo tuần', 3, { hasAttachments: true, attachmentNames: ['bao-cao.pdf'] }),
    ]);
    expect(cache.list({ folder: 'INBOX' }).rows.map((r) => r.uid)).toEqual([2, 3, 1]);
    expect(cache.list({ folder: 'INBOX', sort: 'subject', descending: false }).rows.map((r) => r.uid)).toEqual([
      3, 1, 2,
    ]);
    expect(cache.list({ folder: 'INBOX', unread: true }).total).toBe(2);
    expect(cache.list({ folder: 'INBOX', withAttachments: true }).rows.map((r) => r.uid)).toEqual([3]);
    const [reply] = cache.list({ folder: 'INBOX', limit: 1 }).rows;
    expect(cache.thread(reply!.threadId).map((r) => r.uid)).toEqual([1, 2]);
    const search = (q: string) => cache.search(parseQuery(q), { offset: 0, limit: 50, order: 'date' }).rows;
    expect(search('chi dao').map((r) => r.uid)).toEqual([2, 1]);
    expect(search('bao-cao.pdf').map((r) => r.uid)).toEqual([3]);
    expect(search('is:unread chỉ đạo').map((r) => r.uid)).toEqual([1]);
    // Re-saving a known UID refreshes flags only, without duplicating it.
    cache.saveHeaders('INBOX', [header(1, 'ignored', 5, { flags: ['\\Flagged'] })]);
    expect(cache.count('INBOX')).toBe(3);
    expect(cache.list({ folder: 'INBOX', flagged: true }).rows.map((r) => [r.uid, r.subject])).toEqual([
      [1, 'Chỉ đạo về phòng chống dịch'],
    ]);
    cache.close();
  });
});
