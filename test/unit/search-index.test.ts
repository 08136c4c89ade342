import { describe, expect, it } from 'vitest';
import { MailCache, type CachedHeader } from '../../electron/services/cache/mail-cache.ts';
import { markedSlow, markedWords } from '../../electron/services/cache/marked-words.ts';
import { DAY_SLOTS, keyOfDate } from '../../electron/services/cache/search-keys.ts';
import { parseQuery } from '../../electron/services/search/query.ts';
import { cachedHeader } from '../support/cached-header.ts';
import { tempDir } from '../support/temp-dir.ts';

const header = (uid: number, subject: string, day: number, extra: Partial<CachedHeader> = {}): CachedHeader =>
  cachedHeader(uid, { subject, date: Date.UTC(2026, 0, day), ...extra });

function fixture(): MailCache {
  const cache = new MailCache(':memory:');
  cache.saveHeaders('INBOX', [
    header(1, 'Chỉ đạo phòng chống bão', 1),
    header(2, 'Chi dao tiep', 2, { flags: ['\\Answered', '\\Seen'] }),
    header(3, 'Báo cáo tuần', 3),
    header(4, 'Lịch họp', 4),
    header(5, 'Thông báo', 5),
  ]);
  const body = (uid: number, text: string, attachmentText = '', hasAttachments = false) => {
    const id = cache.db.prepare('SELECT id FROM messages WHERE uid = ?').get(uid) as { id: number };
    cache.index.saveBody(id.id, { body: text, attachmentText, notes: [], hasAttachments });
  };
  body(1, 'Đề nghị các đơn vị khẩn trương triển khai kế hoạch số 12.');
  body(2, 'Kế hoạch 12 đã gửi. Chị Đào sẽ chỉ đạo họp.');
  body(3, 'Số liệu báo cáo của khoa học công nghệ.', 'Quyết định phê duyệt kinh phí', true);
  body(4, 'Họp giao ban lúc 8 giờ, phòng họp số 2.');
  // 5 stays unindexed (headers only): the background indexer has not reached it.
  return cache;
}

describe('full-text index: semantics', () => {
  const cache = fixture();
  const uids = (q: string, typing = false) =>
    cache
      .search(parseQuery(q, { typing }), { offset: 0, limit: 100, order: 'date' })
      .rows.map((r) => r.uid)
      .sort();

  it('matches whole words: a word is not a prefix of longer words', () => {
    expect(uids('ho')).toEqual([]);
    expect(uids('hop')).toEqual([2, 4]);
    expect(uids('hop*')).toEqual([2, 4]);
    expect(uids('kho')).toEqual([]);
    expect(uids('kho*')).toEqual([3]);
    expect(uids('kho', true)).toEqual([3]);
    expect(uids('kha', true)).toEqual([1]);
  });

  it('folds a query without diacritics to match both spellings; keeps one with diacritics exact', () => {
    expect(uids('chi dao')).toEqual([1, 2]);
    expect(uids('chỉ đạo')).toEqual([1, 2]);
    // "Chi dao tiep" (no marks) in 2's subject is not "chỉ đạo"; its body has "chỉ đạo" though.
    expect(uids('subject:"chỉ đạo"')).toEqual([1]);
    expect(uids('subject:"chi dao"')).toEqual([1, 2]);
    expect(uids('đào')).toEqual([2]);
    expect(uids('dao')).toEqual([1, 2]);
  });

  it('keeps a word typed without marks optional inside a query that has some', () => {
    // "kế hoach": kế as written, hoach either way (uid 1 and 2 both say "kế hoạch").
    expect(uids('"kế hoach"')).toEqual([1, 2]);
    expect(uids('"ke hoạch"')).toEqual([1, 2]);
    expect(uids('"kế hoach số 12"')).toEqual([1]);
    expect(uids('chị dao')).toEqual([2]);
    expect(uids('chi đạo')).toEqual([1, 2]);
  });

  it('keeps only words with marks (or đ) in the index of the text as written', () => {
    cache.db.exec(`CREATE VIRTUAL TABLE temp.exact_vocab USING fts5vocab(main, fts_exact_words, 'row');`);
    const words = (t: string) =>
      (cache.db.prepare(`SELECT term FROM temp.${t}`).all() as Array<{ term: string }>).map((r) => r.term);
    const exact = words('exact_vocab');
    expect(exact).toEqual(expect.arrayContaining(['đề', 'khẩn', 'kế', 'hoạch', 'số', 'văn', 'phòng', 'đào']));
    expect(exact.filter((w) => !/[^a-z0-9]/u.test(w))).toEqual([]);
  });

  it('matches quoted phrases as adjacent words, in order', () => {
    expect(uids('"ke hoach so 12"')).toEqual([1]);
    expect(uids('ke hoach 12')).toEqual([1, 2]);
    expect(uids('"hoach ke"')).toEqual([]);
  });

  it('searches names, addresses, attachment text and filters', () => {
    expect(uids('from:vanphong@binhphuoc.gov.vn')).toEqual([1, 2, 3, 4, 5]);
    expect(uids('to:sotttt subject:thong')).toEqual([5]);
    expect(uids('quyet dinh')).toEqual([3]);
    expect(uids('attachment:"phê duyệt"')).toEqual([3]);
    expect(uids('body:"phe duyet"')).toEqual([]);
    expect(uids('has:attachment')).toEqual([3]);
    expect(uids('is:answered hop')).toEqual([2]);
    expect(uids('is:unread hop')).toEqual([4]);
    expect(uids('after:03/01/2026 before:2026-01-05')).toEqual([3, 4]);
    expect(uids('on:2026-01-02')).toEqual([2]);
    expect(uids('in:inbox hop')).toEqual([2, 4]);
    expect(uids('in:Archive hop')).toEqual([]);
  });

  it('keeps a word typed with diacritics to the field it is scoped to', () => {
    // uid 2's subject says "Chi dao" and its body "chỉ đạo": only uid 1 has it in the subject.
    expect(uids('subject:"chỉ đạo"')).toEqual([1]);
    expect(uids('chỉ đạo')).toEqual([1, 2]);
    expect(uids('subject:"chi dao"')).toEqual([1, 2]);
    expect(uids('subject:"báo cáo"')).toEqual([3]);
    expect(uids('body:"báo cáo"')).toEqual([3]);
    expect(uids('from:"văn phòng"')).toEqual([1, 2, 3, 4, 5]);
    expect(uids('to:"văn phòng"')).toEqual([]);
    // Counted apart from the page: a full page asks for the total, a short one gives it.
    expect(cache.search(parseQuery('chỉ đạo'), { offset: 0, limit: 1 }).total).toBe(2);
    expect(cache.search(parseQuery('"kế hoạch"'), { offset: 0, limit: 1 }).total).toBe(2);
    expect(cache.search(parseQuery('"kế hoạch số"'), { offset: 0, limit: 5 }).total).toBe(1);
  });

  it('ranks by relevance (subject over body), pages and counts every hit', () => {
    const byRank = cache.search(parseQuery('hop'), { offset: 0, limit: 1 });
    expect(byRank.total).toBe(2);
    expect(byRank.rows.map((r) => r.uid)).toEqual([4]);
    const second = cache.search(parseQuery('hop'), { offset: 1, limit: 1 });
    expect(second).toMatchObject({ total: 2 });
    expect(second.rows.map((r) => r.uid)).toEqual([2]);
    expect(cache.search(parseQuery('hop'), { offset: 2, limit: 1 }).rows).toEqual([]);
  });

  it('takes from the server only hits on messages whose text is not indexed and the index does not match', () => {
    const q = (text: string) => ({ ...parseQuery(text), folder: 'INBOX' });
    // 5 ("Thông báo") waits for its body; the index already matches its subject.
    expect(cache.index.serverOnly(q('thong bao'), 'INBOX', [1, 2, 5])).toEqual([]);
    // The server's substring match on indexed 1 and 4 is not a hit: the index has all their text.
    expect(cache.index.serverOnly(q('sotttt hop'), 'INBOX', [1, 4, 5])).toEqual([5]);
    expect(cache.index.serverOnly(q('hop'), 'Archive', [5])).toEqual([]);
  });

  it('says which folders are not fully indexed, and forgets removed messages', () => {
    cache.setFolderState('INBOX', { complete: true });
    expect(cache.foldersNotIndexed()).toEqual(['INBOX']);
    expect(cache.index.coverage()).toEqual([{ folder: 'INBOX', pending: 1, total: 5 }]);
    cache.removeUids('INBOX', [4]);
    expect(uids('giao ban')).toEqual([]);
    expect(uids('hop')).toEqual([2]);
    cache.resetFolder('INBOX');
    expect(uids('chi dao')).toEqual([]);
  });
});

describe('full-text index: the words with marks', () => {
  it('finds the same words with the character table as word by word', () => {
    const texts = [
      'Chỉ đạo KHẨN về phòng chống bão số 3',
      'Đ/c Nguyễn Văn A <nva@binhphuoc.gov.vn>; İstanbul café, Straße, Привет й',
      'a \u0301 b ỷ-ỵ 12/QĐ-UBND',
      'Cafe\u0301 de\u0300 NFD ² ½ ª µ × ÷ «Chỉ»',
      '',
    ];
    for (const t of texts) expect(markedWords(t)).toBe(markedSlow(t));
    // Every character of the table, alone and between words, upper and lower case.
    for (let c = 0x80; c <= 0x1eff; c++) {
      const ch = String.fromCharCode(c);
      for (const t of [`a${ch}b x`, `Đạo ${ch} Chỉ`, ch.toUpperCase(), `${ch}${ch}`])
        expect(markedWords(t), `U+${c.toString(16)}`).toBe(markedSlow(t));
    }
    expect(markedWords('Chỉ đạo KHẨN về bão số 3')).toBe('chỉ đạo khẩn về bão số');
  });
});

describe('full-text index: pages', () => {
  it('pages through equal-ranked hits newest first, each hit exactly once', () => {
    const cache = new MailCache(':memory:');
    // Inserted oldest first, so row order and date order disagree.
    cache.saveHeaders(
      'INBOX',
      Array.from({ length: 10 }, (_, i) => header(i + 1, 'Giấy mời họp', i + 1)),
    );
    const all = cache.search(parseQuery('giay moi'), { offset: 0, limit: 100 });
    expect(all.total).toBe(10);
    expect(all.rows.map((r) => r.uid)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const paged: number[] = [];
    for (let offset = 0; offset < 10; offset += 3) {
      const page = cache.search(parseQuery('giay moi'), { offset, limit: 3 });
      expect(page.total).toBe(10);
      paged.push(...page.rows.map((r) => r.uid));
    }
    expect(paged).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    cache.close();
  });
});

describe('full-text index: the app’s record folders', () => {
  it('never returns ledger or register records, by text or by filters', () => {
    const cache = new MailCache(':memory:');
    cache.saveHeaders('INBOX', [header(1, 'Sổ văn bản đến', 1)]);
    cache.saveHeaders('UnitMailbox/Ledger', [header(1, 'Sổ văn bản đến', 2)]);
    const folders = (q: string) => cache.search(parseQuery(q), { offset: 0, limit: 10 }).rows.map((r) => r.folder);
    expect(folders('so van ban')).toEqual(['INBOX']);
    expect(folders('is:unread')).toEqual(['INBOX']);
    expect(cache.index.coverage().map((c) => c.folder)).toEqual(['INBOX']);
    cache.close();
  });
});

/**
 * A cache file with two messages (the first with a body), taken back to an earlier layout by
 * `downgrade`, then opened again (its migrations run) and handed to `check`.
 */
function migrated(downgrade: (cache: MailCache) => void, check: (moved: MailCache, id: number) => void): void {
  const dir = tempDir('um-search-migrate-');
  try {
    const file = `${dir.dir}/cache.sqlite`;
    const cache = new MailCache(file);
    cache.saveHeaders('INBOX', [header(1, 'Báo cáo tuần', 1), header(2, 'Lịch họp', 2)]);
    const id = (cache.db.prepare('SELECT id FROM messages WHERE uid = 1').get() as { id: number }).id;
    cache.index.saveBody(id, { body: 'khẩn trương', attachmentText: '', notes: [], hasAttachments: false });
    downgrade(cache);
    cache.close();
    const moved = new MailCache(file);
    try {
      check(moved, id);
    } finally {
      moved.close();
    }
  } finally {
    dir.cleanup();
  }
}

describe('cache: the split exact index and the date source', () => {
  it('moves a cache of the previous layout to the split index, headers now and bodies again', () => {
    migrated(
      // Back to the layout before (user_version 3): one exact table, no date source.
      (cache) =>
        cache.db.exec(`DROP TABLE fts_exact_words; DROP TABLE fts_fold;
        CREATE VIRTUAL TABLE fts_fold USING fts5(subject, sender, to_addr, cc_addr, body, attachment,
          content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE fts_exact USING fts5(subject, sender, to_addr, cc_addr, body, attachment,
          content = '', contentless_delete = 1, detail = column, tokenize = 'unicode61 remove_diacritics 0');
        ALTER TABLE messages DROP COLUMN date_from_internal;
        DROP INDEX messages_fts_key; DROP INDEX messages_seen; DROP INDEX messages_flagged; DROP INDEX messages_attached; ALTER TABLE messages DROP COLUMN fts_key; PRAGMA user_version = 3;`),
      (moved, id) => {
        const uids = (q: string) => moved.search(parseQuery(q), { offset: 0, limit: 10 }).rows.map((r) => r.uid);
        expect(uids('subject:"báo cáo"')).toEqual([1]);
        // The folded index has the body first (the smallest index: see search-index.ts).
        const sql = moved.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'fts_fold'").get() as { sql: string };
        expect(sql.sql).toMatch(/fts5\(body, subject,/u);
        // Every body waits for the indexer again (a contentless index cannot be copied).
        expect(moved.index.coverage()).toEqual([{ folder: 'INBOX', pending: 2, total: 2 }]);
        expect(uids('khẩn')).toEqual([]);
        moved.index.saveBody(id, { body: 'khẩn trương', attachmentText: '', notes: [], hasAttachments: false });
        expect(uids('khẩn')).toEqual([1]);
        expect(moved.list({ folder: 'INBOX', offset: 0, limit: 10 }).rows.map((r) => r.dateSource)).toEqual([
          'header',
          'header',
        ]);
      },
    );
  });

  it('keys a cache keyed by seconds by day again, headers now and bodies again', () => {
    migrated(
      // The layout before: keys of seconds × 8 (the index entries written under them).
      (cache) => {
        const { user_version: version } = cache.db.prepare('PRAGMA user_version').get() as { user_version: number };
        cache.db.exec(`INSERT INTO fts_fold (fts_fold) VALUES ('delete-all');
          INSERT INTO fts_exact_words (fts_exact_words) VALUES ('delete-all');
          UPDATE messages SET fts_key = date / 1000 * 8;
          INSERT INTO fts_fold (rowid, body, subject) SELECT fts_key, 'cu', subject FROM messages;
          PRAGMA user_version = ${version - 1};`);
      },
      (moved) => {
        const keys = moved.db.prepare('SELECT fts_key FROM messages ORDER BY uid').all() as Array<{ fts_key: number }>;
        // Each day's first message in its day's middle slot.
        expect(keys.map((k) => k.fts_key)).toEqual(
          [Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 2)].map((d) => keyOfDate(d) + DAY_SLOTS / 2),
        );
        const uids = (q: string) => moved.search(parseQuery(q), { offset: 0, limit: 10 }).rows.map((r) => r.uid);
        expect(uids('bao cao')).toEqual([1]);
        expect(uids('on:02/01/2026 hop')).toEqual([2]);
        // Nothing of the old entries is left, and every body waits for the indexer again.
        expect(uids('cu')).toEqual([]);
        expect(moved.index.coverage()).toEqual([{ folder: 'INBOX', pending: 2, total: 2 }]);
      },
    );
  });

  it('marks a date taken from INTERNALDATE when the Date header was missing', () => {
    const cache = new MailCache(':memory:');
    const received = Date.UTC(2026, 0, 9, 3, 0, 0);
    cache.saveHeaders('INBOX', [
      header(1, 'Có ngày', 1, { internalDate: Date.UTC(2026, 0, 1, 5) }),
      header(2, 'Không ngày', 1, { date: null, internalDate: received }),
    ]);
    const rows = cache.list({ folder: 'INBOX', offset: 0, limit: 10 }).rows;
    expect(rows.map((r) => [r.uid, r.date, r.dateSource])).toEqual([
      [2, new Date(received).toISOString(), 'internal'],
      [1, new Date(Date.UTC(2026, 0, 1)).toISOString(), 'header'],
    ]);
    expect(
      cache
        .search(parseQuery('ngay'), { offset: 0, limit: 10 })
        .rows.map((r) => r.dateSource)
        .sort(),
    ).toEqual(['header', 'internal']);
  });
});
