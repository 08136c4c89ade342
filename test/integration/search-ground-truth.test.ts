// Ground truth for search (issue 16): a generated mailbox with known text is synced from real
// Dovecot (most bodies older than the offline window, so the indexer fetches them), and a fixed
// set of queries must find exactly what a plain reference matcher finds in the text as written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../electron/services/api/dispatcher.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { DAY_MS, ManualClock } from '../../electron/services/clock/clock.ts';
import type { Envelope } from '../../shared/contract.ts';
import type { SearchPage, SyncProgressEvent, SyncSummary } from '../../shared/mail.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';
import { draftFor, passwordOf } from '../support/fixtures.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { ARCHIVE, buildCorpus, expectedHits, QUERIES, type CorpusMessage } from '../support/search-corpus.ts';
import { tempDir } from '../support/temp-dir.ts';

const EMAIL = 'timkiem@binhphuoc.gov.vn';
const NEWEST = Date.UTC(2026, 5, 1, 2, 0, 0);
// A day after the newest mail: with the default 30-day window only the newest bodies are cached.
const clock = new ManualClock(NEWEST + DAY_MS);

let stack: MailStack;
let profile: { dir: string; cleanup: () => void };
let services: AppServices;
let dispatch: Dispatcher;
let accountId: string;
let corpus: CorpusMessage[];

function ok<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.detail}`);
  return envelope.value as T;
}

/** Every hit of a query, page by page, checking that the pages add up to the total. */
async function searchAll(query: string, pageSize = 40): Promise<{ ids: string[]; page: SearchPage }> {
  const cache = services.caches.get(accountId);
  const ids: string[] = [];
  let first: SearchPage | null = null;
  for (let offset = 0; ; offset += pageSize) {
    const page = ok<SearchPage>(await dispatch('cache.search', { accountId, query, offset, limit: pageSize }));
    first ??= page;
    expect(page.total).toBe(first.total);
    for (const h of page.hits) {
      const row = cache.db
        .prepare(
          'SELECT message_id FROM messages m JOIN folders f ON f.id = m.folder_id WHERE f.path = ? AND m.uid = ?',
        )
        .get(h.folder, h.uid) as { message_id: string };
      ids.push(row.message_id.replace(/^<|>$/g, ''));
    }
    if (page.hits.length < pageSize) break;
  }
  expect(ids).toHaveLength(first.total);
  return { ids, page: first };
}

beforeAll(async () => {
  stack = await startMailStack({
    users: [{ email: EMAIL, password: 'TimKiem#2026!' }],
    folders: { [EMAIL]: [ARCHIVE] },
  });
  corpus = await buildCorpus(NEWEST, 120, EMAIL);
  for (const m of corpus) await stack.appendMessage(EMAIL, m.folder, m.source, m.flags);
  profile = tempDir('um-search-');
  services = createAppServices({
    clock,
    profileDir: profile.dir,
    secrets: new MemorySecretStore(),
    dialogs: fakeDialogs(),
    openExternal: async () => {},
    appVersion: 'test',
    platform: process.platform,
    syncWorkerUrl: new URL('../../electron/services/sync/sync-worker.ts', import.meta.url),
  });
  dispatch = createDispatcher(services);
  accountId = ok<{ id: string }>(
    await dispatch('accounts.add', { draft: draftFor(stack, EMAIL), password: passwordOf(stack, EMAIL) }),
  ).id;
}, 300_000);

afterAll(async () => {
  await services?.dispose();
  await stack?.stop();
  profile?.cleanup();
});

describe('search over a synced mailbox with known text', () => {
  it('a sync without the index leaves the text to the server, and says so', async () => {
    const summary = await services.sync.start(accountId, undefined, { index: false });
    expect(summary.messages).toBe(corpus.length);
    const page = ok<SearchPage>(await dispatch('cache.search', { accountId, query: 'vanbandocxbeta', limit: 10 }));
    expect(page.serverFolders.sort()).toEqual(['INBOX', ARCHIVE].sort());
    expect(page.serverUnavailable).toBe(false);
    // Dovecot's own SEARCH does not read the DOCX; but it finds body words as typed (not folded).
    const typed = ok<SearchPage>(await dispatch('cache.search', { accountId, query: 'chỉ đạo', limit: 500 }));
    expect(typed.hits.some((h) => h.source === 'server')).toBe(true);
  }, 300_000);

  it('sync returns once the text index covers every synced message, bodies old and new', async () => {
    const progress: SyncProgressEvent[] = [];
    const off = services.events.on('sync.progress', (p) => progress.push(p));
    ok<SyncSummary>(await dispatch('sync.start', { accountId }));
    off();
    const cache = services.caches.get(accountId);
    expect(cache.index.coverage().every((c) => c.pending === 0)).toBe(true);
    expect(cache.foldersNotIndexed()).toEqual([]);
    expect(progress.some((p) => p.phase === 'index')).toBe(true);
    // Bodies outside the window were read for the index, not kept.
    const kept = (cache.db.prepare('SELECT COUNT(*) AS n FROM bodies').get() as { n: number }).n;
    expect(kept).toBeLessThan(corpus.length / 4);
    // The corrupt and the 50 MB PDF were skipped with a note each.
    const notes = cache.index.notes().flatMap((n) => n.notes);
    expect(notes.some((n) => n.startsWith('hong.pdf: skipped'))).toBe(true);
    expect(notes.some((n) => /^rat-lon\.pdf: skipped, \d+ bytes is over/.test(n))).toBe(true);
  }, 600_000);

  it(`finds what the reference finds for ${QUERIES.length} queries (recall and precision ≥ 0.99)`, async () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const lines: string[] = [];
    for (const query of QUERIES) {
      const want = expectedHits(corpus, query);
      const { ids, page } = await searchAll(query);
      expect(page.serverFolders).toEqual([]);
      const got = new Set(ids);
      const hit = [...got].filter((id) => want.has(id)).length;
      tp += hit;
      fp += got.size - hit;
      fn += want.size - hit;
      lines.push(
        `  ${query.padEnd(48)} expected ${String(want.size).padStart(3)}  found ${String(got.size).padStart(3)}  correct ${hit}`,
      );
    }
    const recall = tp / (tp + fn);
    const precision = tp / (tp + fp);
    console.log(`search ground truth (${corpus.length} messages):\n${lines.join('\n')}`);
    console.log(`recall ${recall.toFixed(4)}, precision ${precision.toFixed(4)} (tp ${tp}, fp ${fp}, fn ${fn})`);
    expect(tp).toBeGreaterThan(QUERIES.length);
    expect(recall).toBeGreaterThanOrEqual(0.99);
    expect(precision).toBeGreaterThanOrEqual(0.99);
  }, 120_000);

  it('finds a word that is only in a forwarded message, and refuses bad dates and operators', async () => {
    const { page } = await searchAll('chuyentiepgamma');
    expect(page.hits.map((h) => h.subject)).toEqual(['Chuyển tiếp']);
    const bad = await dispatch('cache.search', { accountId, query: 'before:31/02/2026', limit: 10 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const unknown = await dispatch('cache.search', { accountId, query: 'tu:lanhdao', limit: 10 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
