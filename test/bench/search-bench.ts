// Search benchmarks (issue 16; not tests: timings never fail anything), with the house rule of
// rounds.ts (≥ 5 rounds, order alternating, every round printed, the median with its spread):
//  - background indexing: the text of the newest W messages of a folder of N (default 20,000)
//    read from the private Dovecot (BODY.PEEK), decoded and indexed, vs the baseline of a raw
//    imapflow FETCH of the same sources on the same connection. Reported as a ratio and as a
//    rate in messages/s.
//  - search p95 over the fully indexed folder: 14 queries (words, phrases, diacritics, prefixes,
//    operators), each run 10 times per round, vs the baseline of opening the folder (its first
//    page of 50 rows from the cache) in the same round. Target (issue 16): p95 ≤ 30 ms.
//  - index size vs the text it indexes (subject, names, addresses, body; UTF-8 bytes). Target:
//    ≤ 40% of the text size.
// Writes its section of BENCHMARKS.md (or --out).
//   node test/bench/search-bench.ts [--rounds R --messages N --window W --out FILE]
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import { connectImap } from '../../electron/services/imap/imap-connection.ts';
import { AttachmentTextPool } from '../../electron/services/index/attachment-text.ts';
import { indexFolders } from '../../electron/services/index/body-indexer.ts';
import { parseQuery } from '../../electron/services/search/query.ts';
import { uidSet } from '../../electron/services/sync/folder-sync.ts';
import { startMailStack } from '../stack/mail-stack.ts';
import { draftFor } from '../support/fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';
import { table, writeSection } from './handover/report.ts';
import { absoluteCell, fmtMs, log, paired, ratioCell, roundsArg, sideCell, spread, timed } from './rounds.ts';
import { benchServices } from './bench-services.ts';
import { ftsBytes } from './fts-size.ts';
import { corpusMessage, corpusSource, corpusText } from './search-corpus.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TITLE = '## Tìm kiếm / Search';
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    messages: { type: 'string', default: '100000' },
    window: { type: 'string', default: '1000' },
    out: { type: 'string', default: join(ROOT, 'BENCHMARKS.md') },
  },
});
const rounds = roundsArg(values.rounds);
const count = Number(values.messages);
const windowSize = Math.min(Number(values.window), count);
const EMAIL = 'searchbench@binhphuoc.gov.vn';
const PASSWORD = 'SearchBench#2026';

/** A message with a realistic body (about 1 KB of text) and the size of the text the index will hold. */
function benchMessage(i: number): { source: string; textBytes: number } {
  const m = corpusMessage(i, EMAIL);
  return { source: corpusSource(m, i), textBytes: Buffer.byteLength(corpusText(m), 'utf8') };
}

const QUERIES = [
  'chuyen doi so',
  'chuyển đổi số',
  '"ke hoach so 15"',
  'khẩn trương',
  'ngan sach nam 2024',
  'phong chong thien tai',
  'an toan thong tin',
  'giao*',
  'subject:"quyet dinh"',
  'from:so7',
  'to:searchbench',
  'ky luat ky cuong',
  'is:unread thong bao',
  'after:01/02/2022 before:2022-03-01 bao cao',
];

const stack = await startMailStack({ users: [{ email: EMAIL, password: PASSWORD }] });
const profile = tempDir('um-search-bench-');
const services = benchServices(profile.dir, { clock: new ManualClock(Date.UTC(2030, 0, 1)) });
const pool = new AttachmentTextPool();
try {
  let textBytes = 0;
  let sourceBytes = 0;
  await stack.bulkSeed(EMAIL, 'INBOX', count, (i) => {
    const m = benchMessage(i);
    textBytes += m.textBytes;
    sourceBytes += Buffer.byteLength(m.source, 'utf8');
    return m.source;
  });
  const accountId = (await services.accounts.add(draftFor(stack, EMAIL), PASSWORD)).id;
  await services.sync.start(accountId, ['INBOX'], { index: false });
  const cache = services.caches.get(accountId);
  const client = await connectImap((await services.accounts.credentials(accountId)).imap);
  const folders = [{ path: 'INBOX', delimiter: '/' }];
  const newest = (
    cache.db.prepare('SELECT uid FROM messages ORDER BY date DESC LIMIT ?').all(windowSize) as Array<{ uid: number }>
  ).map((r) => r.uid);

  // ---- the whole folder, once (its rate is printed; the search below needs it): first, so that
  // each round below indexes its window only (after the sync every message waits) ----
  const [fullMs] = await timed(() => indexFolders(client, cache, folders, { pool }));
  log(
    `indexing the whole folder: ${count} messages in ${(fullMs / 1000).toFixed(1)} s (${((count * 1000) / fullMs).toFixed(0)} messages/s)`,
  );
  // ---- background indexing of the newest W messages ----
  const indexing = await paired({
    label: `indexing ${windowSize} messages`,
    rounds,
    warmup: 1,
    beforeRound: () => {
      cache.db
        .prepare('UPDATE messages SET text_indexed = 0 WHERE uid IN (SELECT value FROM json_each(?))')
        .run(JSON.stringify(newest));
    },
    baseline: async () =>
      (
        await timed(async () => {
          const lock = await client.getMailboxLock('INBOX', { readOnly: true });
          try {
            for await (const m of client.fetch(uidSet(newest), { uid: true, source: true }, { uid: true })) void m;
          } finally {
            lock.release();
          }
        })
      )[0],
    ours: async () => (await timed(() => indexFolders(client, cache, folders, { pool })))[0],
  });

  await client.logout().catch(() => client.close());

  // ---- search p95 ----
  const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] as number;
  const parsed = QUERIES.map((q) => parseQuery(q));
  const perQuery = QUERIES.map((): number[] => []);
  const searching = await paired({
    label: `search p95 (${QUERIES.length} queries × 10)`,
    rounds,
    warmup: 1,
    baseline: async () => {
      const times: number[] = [];
      for (let k = 0; k < QUERIES.length * 10; k++)
        times.push((await timed(() => cache.list({ folder: 'INBOX', offset: 0, limit: 50 })))[0]);
      return p95(times);
    },
    ours: async () => {
      const times: number[] = [];
      for (const [i, q] of parsed.entries())
        for (let k = 0; k < 10; k++) {
          const [ms] = await timed(() => cache.search(q, { offset: 0, limit: 50 }));
          times.push(ms);
          perQuery[i]?.push(ms);
        }
      return p95(times);
    },
  });
  const hits = parsed.map((q) => cache.search(q, { offset: 0, limit: 1 }).total);
  for (const [i, q] of QUERIES.entries()) log(`  ${q}: ${hits[i]} hits`);

  // ---- index size ----
  const indexBytes = ftsBytes(cache.db, 'fts_fold') + ftsBytes(cache.db, 'fts_exact_words');
  const share = indexBytes / textBytes;
  log(
    `index ${(indexBytes / 1e6).toFixed(1)} MB for ${(textBytes / 1e6).toFixed(1)} MB of text: ${(share * 100).toFixed(0)}%`,
  );

  const rates = indexing.map((r) => (windowSize * 1000) / r.oursMs);
  const searchMs = searching.map((r) => r.oursMs);
  const started = new Date().toISOString().slice(0, 10);
  const intro = [
    TITLE,
    '',
    `Produced by \`npm run bench:search\` (\`--messages ${count} --window ${windowSize}\`) on ${started} (${process.platform}, ${availableParallelism()} cores, Node ${process.version}), against a private Dovecot on loopback.`,
    `Each figure: ${rounds} rounds, the order of baseline and ours alternating (a warm-up round first); "result" gives the median of the per-round ratios (baseline ÷ ours), their spread and every round's ratio. Time cells give the median and, in brackets, the spread over the rounds. Targets are not checked by CI.`,
    '',
  ].join('\n');
  const queries = QUERIES.map((q, i) => `\`${q}\` ${fmtMs(p95(perQuery[i] ?? [0]))} (${hits[i]} hits)`).join('; ');
  writeSection(
    values.out,
    `${intro}\n${table([
      {
        name: `Background indexing: the newest ${windowSize} of ${count} messages (BODY.PEEK from Dovecot, decoded, indexed)`,
        baseline: `raw imapflow FETCH of the same sources: ${sideCell(indexing.map((r) => r.baselineMs))}`,
        ours: `${absoluteCell(indexing.map((r) => r.oursMs))}; ${spread(rates).median.toFixed(0)} messages/s (spread ${Math.min(...rates).toFixed(0)}–${Math.max(...rates).toFixed(0)}); whole folder once: ${((count * 1000) / fullMs).toFixed(0)} messages/s`,
        result: `${ratioCell(indexing)} (baseline ÷ ours)`,
        target: 'rate reported (UI frame times while indexing: not measured here)',
      },
      {
        name: `Search p95 over ${count} indexed messages (${QUERIES.length} queries × 10 per round, first page of 50 with the total)`,
        baseline: `opening the folder (first 50 rows) p95: ${sideCell(searching.map((r) => r.baselineMs))}`,
        ours: absoluteCell(searchMs),
        result: `${ratioCell(searching)} (baseline ÷ ours)`,
        target: `≤ 30 ms: ${Math.max(...searchMs) <= 30 ? 'met' : 'not met'} (max ${fmtMs(Math.max(...searchMs))})`,
      },
      {
        name: 'Index size (folded with positions, body first + the words with marks as written, without columns or positions) vs the text indexed (UTF-8)',
        baseline: `${(textBytes / 1e6).toFixed(1)} MB of text`,
        ours: `${(indexBytes / 1e6).toFixed(1)} MB`,
        result: `${(share * 100).toFixed(0)}% of the text (${((indexBytes / sourceBytes) * 100).toFixed(0)}% of the messages' ${(sourceBytes / 1e6).toFixed(1)} MB as stored)`,
        target: `≤ 40%: ${share <= 0.4 ? 'met' : 'not met'}`,
      },
    ])}\n\nSearch, p95 per query over all rounds: ${queries}.\n`,
    TITLE,
  );
  log(`search bench: written to ${values.out}`);
} finally {
  await pool.close();
  await services.dispose();
  await stack.stop();
  profile.cleanup();
}
