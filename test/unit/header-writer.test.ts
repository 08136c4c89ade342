// The cache's header-write path (cache/header-writer.ts): what a batch leaves in the cache and in
// the full-text index, whatever the index's tables are called.
import { describe, expect, it } from 'vitest';
import { MailCache, type CachedHeader } from '../../electron/services/cache/mail-cache.ts';
import { parseQuery } from '../../electron/services/search/query.ts';
import { cachedHeader } from '../support/cached-header.ts';
import { decodeFetched, type FetchedHeader } from '../../electron/services/sync/fetched-header.ts';

const header = (uid: number, extra: Partial<CachedHeader> = {}): CachedHeader =>
  cachedHeader(uid, {
    modseq: BigInt(uid),
    date: Date.UTC(2026, 0, 1) + uid * 60_000,
    subject: `Chỉ đạo số ${uid} về phòng chống bão`,
    from: [{ name: 'Văn phòng UBND', address: `vanphong${uid % 7}@binhphuoc.gov.vn` }],
    ...extra,
  });

/** Newest first, as a sync fetches them. */
const batch = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => header(to - i));

/** Segments of each FTS5 table (its %_idx table has a row per segment and leaf). */
function segments(cache: MailCache): Record<string, number> {
  const tables = cache.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'")
    .all() as Array<{ name: string }>;
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (cache.db.prepare(`SELECT COUNT(DISTINCT segid) AS n FROM "${name}_idx"`).get() as { n: number }).n,
    ]),
  );
}

const hits = (cache: MailCache, q: string) =>
  cache.search(parseQuery(q), { offset: 0, limit: 1000, order: 'date' }).rows.map((r) => r.uid);

describe('header batches', () => {
  it('write a batch as one segment per full-text table, each message searchable', () => {
    const cache = new MailCache(':memory:');
    cache.saveHeaders('INBOX', batch(1, 200));
    const counts = segments(cache);
    expect(Object.keys(counts).length).toBeGreaterThan(0);
    // Interleaving the messages rows with the index entries wrote a segment per message (merged again and again).
    for (const n of Object.values(counts)) expect(n).toBe(1);
    expect(hits(cache, 'chi dao').length).toBe(200);
    expect(hits(cache, 'chỉ đạo').length).toBe(200);
    expect(hits(cache, 'from:vanphong3')).toEqual(
      batch(1, 200)
        .filter((h) => h.uid % 7 === 3)
        .map((h) => h.uid),
    );
    cache.close();
  });

  it('write a batch as one segment per table also when its dates are not in UID order', () => {
    const cache = new MailCache(':memory:');
    // Archived mail: the Date headers (the index's keys) jump back and forth along the UIDs.
    cache.saveHeaders(
      'INBOX',
      batch(1, 200).map((h) => ({ ...h, date: Date.UTC(2025, 0, 1) + ((h.uid * 7919) % 200) * 3_600_000 })),
    );
    for (const n of Object.values(segments(cache))) expect(n).toBe(1);
    expect(hits(cache, 'chi dao').length).toBe(200);
    cache.close();
  });

  it('index a batch of bodies given newest first as one more segment per table', () => {
    const cache = new MailCache(':memory:');
    cache.saveHeaders('INBOX', batch(1, 100));
    const before = segments(cache);
    const ids = cache.db.prepare('SELECT id FROM messages ORDER BY date DESC').all() as Array<{ id: number }>;
    cache.transaction(() =>
      cache.index.saveBodies(
        ids.map(({ id }) => [id, { body: `nội dung ${id}`, attachmentText: '', notes: [], hasAttachments: false }]),
      ),
    );
    for (const [table, n] of Object.entries(segments(cache))) expect(n).toBeLessThanOrEqual((before[table] ?? 0) + 1);
    expect(hits(cache, 'noi dung').length).toBe(100);
    cache.close();
  });

  it('refresh the flags of cached messages, adding no row and no index entry', () => {
    const cache = new MailCache(':memory:');
    cache.saveHeaders('INBOX', batch(1, 10));
    cache.saveHeaders('INBOX', [header(4, { flags: ['\\Seen'], modseq: 99n }), ...batch(11, 12)]);
    expect(cache.count('INBOX')).toBe(12);
    expect(hits(cache, 'bao').sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const row = cache.db.prepare('SELECT flags, seen, modseq FROM messages WHERE uid = 4').get() as Record<
      string,
      unknown
    >;
    expect(row).toEqual({ flags: '["\\\\Seen"]', seen: 1, modseq: '99' });
    cache.close();
  });
});

describe('fetched headers', () => {
  it('are decoded where they are committed, as the sync fetched them', () => {
    const fetched: FetchedHeader = {
      uid: 7,
      modseq: 3n,
      flags: ['\\Seen'],
      date: null,
      internalDate: Date.UTC(2026, 1, 2),
      size: 321,
      messageId: '<7@x>',
      inReplyTo: null,
      fields: Buffer.from(
        'Subject: =?UTF-8?B?' +
          Buffer.from('Hỏa tốc: họp').toString('base64') +
          '?=\r\nFrom: "=?UTF-8?Q?V=C4=83n_th=C6=B0?=" <vanthu@x.vn>\r\nTo: a@x.vn\r\nReferences: <1@x>\r\n <2@x>\r\nX-Priority: 1\r\n\r\n',
      ).toString('latin1'),
      envelope: null,
      hasAttachments: false,
      attachmentNames: [],
    };
    // Through a structured clone, as it reaches the writer thread.
    const h = decodeFetched(structuredClone(fetched));
    expect(h).toMatchObject({
      uid: 7,
      modseq: 3n,
      subject: 'Hỏa tốc: họp',
      from: [{ name: 'Văn thư', address: 'vanthu@x.vn' }],
      to: [{ name: '', address: 'a@x.vn' }],
      references: ['<1@x>', '<2@x>'],
      xPriority: '1',
      date: null,
      internalDate: Date.UTC(2026, 1, 2),
    });
  });

  it('fall back to the ENVELOPE when the raw fields were not fetched', () => {
    const h = decodeFetched({
      uid: 1,
      modseq: null,
      flags: [],
      date: 1,
      internalDate: 1,
      size: 1,
      messageId: null,
      inReplyTo: null,
      fields: '',
      envelope: { subject: 'Báo cáo', from: [{ name: 'A', address: ' a@x.vn ' }] },
      hasAttachments: false,
      attachmentNames: [],
    });
    expect(h).toMatchObject({ subject: 'Báo cáo', from: [{ name: 'A', address: 'a@x.vn' }], to: [], cc: [] });
  });
});
