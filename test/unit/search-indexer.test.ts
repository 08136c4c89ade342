import type { ImapFlow } from 'imapflow';
import { afterAll, describe, expect, it } from 'vitest';
import { MailCache, type CachedHeader } from '../../electron/services/cache/mail-cache.ts';
import { AttachmentTextPool } from '../../electron/services/index/attachment-text.ts';
import { indexFolders } from '../../electron/services/index/body-indexer.ts';
import { PauseGate } from '../../electron/services/index/pause-gate.ts';
import { parseQuery } from '../../electron/services/search/query.ts';
import { rawMessage } from '../support/search-documents.ts';

const pool = new AttachmentTextPool();
afterAll(() => pool.close());

// Every body is cached, so the indexer never needs the server: a client that fails if asked.
const noServer = new Proxy({} as ImapFlow, {
  get: () => {
    throw new Error('the server was asked');
  },
});
const FOLDERS = [{ path: 'INBOX', delimiter: '/' }];

function cacheWith(count: number): MailCache {
  const cache = new MailCache(':memory:');
  const headers: CachedHeader[] = Array.from({ length: count }, (_, i) => ({
    uid: i + 1,
    modseq: null,
    flags: [],
    date: Date.UTC(2025, 0, 1 + i),
    internalDate: null,
    size: 300,
    subject: `Văn bản ${i + 1}`,
    from: [{ name: '', address: 'vanphong@binhphuoc.gov.vn' }],
    to: [],
    cc: [],
    messageId: null,
    inReplyTo: null,
    references: [],
    hasAttachments: false,
    attachmentNames: [],
  }));
  cache.saveHeaders('INBOX', headers);
  for (const h of headers) {
    const source = rawMessage({
      from: h.from[0] as { name: string; address: string },
      to: [{ name: '', address: 'so@binhphuoc.gov.vn' }],
      subject: h.subject,
      date: new Date(h.date as number),
      body: `Nội dung riêng maso${h.uid} của văn bản.`,
      messageId: `${h.uid}@x`,
    });
    cache.saveBody('INBOX', h.uid, source, '');
  }
  return cache;
}

const found = (cache: MailCache, q: string) => cache.search(parseQuery(q), { offset: 0, limit: 100 }).total;

describe('background indexer', () => {
  it('indexes newest first, and a stopped run resumes where it stopped', async () => {
    const cache = cacheWith(6);
    const stop = new AbortController();
    const seen: number[] = [];
    await expect(
      indexFolders(noServer, cache, FOLDERS, {
        pool,
        batch: 2,
        signal: stop.signal,
        onProgress: (p) => {
          seen.push(p.done);
          stop.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(seen).toEqual([2]);
    expect(cache.index.pendingCount('INBOX')).toBe(4);
    // The newest two (uids 6 and 5) were done first.
    expect([found(cache, 'maso6'), found(cache, 'maso5'), found(cache, 'maso4')]).toEqual([1, 1, 0]);
    const again = await indexFolders(noServer, cache, FOLDERS, { pool, batch: 2 });
    expect(again.indexed).toBe(4);
    expect(cache.index.pendingCount('INBOX')).toBe(0);
    expect(found(cache, 'maso1')).toBe(1);
    cache.close();
  });

  it('waits while the gate is closed (the user typing) and goes on when it opens', async () => {
    const cache = cacheWith(3);
    const gate = new PauseGate();
    gate.pauseFor(600_000);
    expect(gate.paused).toBe(true);
    let done = false;
    const run = indexFolders(noServer, cache, FOLDERS, { pool, gate }).then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    expect(cache.index.pendingCount('INBOX')).toBe(3);
    gate.resume();
    await run;
    expect(cache.index.pendingCount('INBOX')).toBe(0);
    cache.close();
  });
});
