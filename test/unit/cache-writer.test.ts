import { describe, expect, it } from 'vitest';
import { MailCache } from '../../electron/services/cache/mail-cache.ts';
import { MAX_IN_FLIGHT, threadSink } from '../../electron/services/sync/cache-writer.ts';
import type { FetchedHeader } from '../../electron/services/sync/fetched-header.ts';
import { parseQuery } from '../../electron/services/search/query.ts';
import { tempDir } from '../support/temp-dir.ts';

const fetched = (uid: number): FetchedHeader => ({
  uid,
  modseq: null,
  flags: [],
  date: Date.UTC(2026, 0, 1) + uid * 60_000,
  internalDate: null,
  size: 100,
  messageId: `<${uid}@x>`,
  inReplyTo: null,
  fields: '',
  envelope: { subject: `Thông báo số ${uid}`, from: [{ name: 'Văn phòng', address: 'vanphong@binhphuoc.gov.vn' }] },
  hasAttachments: false,
  attachmentNames: [],
});

describe('threadSink', () => {
  it('commits batches on the writer thread, in order, and is searchable once flushed', async () => {
    const dir = tempDir('um-sink-');
    const file = `${dir.dir}/cache.sqlite`;
    const cache = new MailCache(file);
    const sink = threadSink(file, new URL('../../electron/services/sync/cache-writer-worker.ts', import.meta.url));
    try {
      for (let b = 0; b < 3; b++)
        await sink.save(
          'INBOX',
          Array.from({ length: 50 }, (_, i) => fetched(b * 50 + i + 1)),
        );
      await sink.flush();
      expect(cache.count('INBOX')).toBe(150);
      expect(cache.search(parseQuery('thong bao 42'), { offset: 0, limit: 5 }).rows.map((r) => r.uid)).toEqual([42]);
      await sink.close();
    } finally {
      cache.close();
      dir.cleanup();
    }
  });

  it(`holds the reading back while ${MAX_IN_FLIGHT} batches wait for the writer`, async () => {
    const sink = threadSink('/nonexistent', new URL('../support/held-writer-worker.ts', import.meta.url));
    try {
      const saves = Array.from({ length: MAX_IN_FLIGHT }, (_, i) => sink.save('INBOX', [fetched(i + 1)]));
      let last = false;
      void saves[MAX_IN_FLIGHT - 1]?.then(() => (last = true));
      // The stand-in answers nothing before a flush: all but the last resolve at once.
      await Promise.all(saves.slice(0, -1));
      expect(last).toBe(false);
      await sink.flush();
      await saves[MAX_IN_FLIGHT - 1];
      expect(last).toBe(true);
    } finally {
      await sink.close();
    }
  });
});
