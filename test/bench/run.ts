// Benchmarks (not tests): the reading path against baselines measured in the
// same run on the same real Dovecot. Prints a table of ratios and writes it to
// BENCHMARKS.md; never fails on timing. Run: npm run bench [-- --messages N]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { MailCache } from '../../electron/services/cache/mail-cache.ts';
import { connectImap, type ImapCredentials } from '../../electron/services/imap/imap-connection.ts';
import { parseQuery } from '../../electron/services/search/query.ts';
import { threadSink } from '../../electron/services/sync/cache-writer.ts';
import { HEADER_QUERY, syncFolder } from '../../electron/services/sync/folder-sync.ts';
import { startMailStack } from '../stack/mail-stack.ts';
import { UNIT_EMAIL, connectOther, passwordOf } from '../support/fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';
import { benchRenderer } from './renderer-bench.ts';
import { syntheticMessage } from './synthetic-mail.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '100000' },
    out: { type: 'string', default: 'BENCHMARKS.md' },
    'skip-renderer': { type: 'boolean', default: false },
  },
});
const N = Number(values.messages);
const FOLDER = 'Lưu trữ 2024-2026';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
const log = (s: string) => process.stderr.write(`${s}\n`);
async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

const rows: Array<{ name: string; baseline: string; ours: string; result: string; target: string }> = [];

const stack = await startMailStack({ folders: { [UNIT_EMAIL]: [FOLDER] } });
const work = tempDir('um-bench-');
try {
  const creds: ImapCredentials = {
    server: { host: stack.host, port: stack.imapsPort, security: 'tls' },
    username: UNIT_EMAIL,
    password: passwordOf(stack, UNIT_EMAIL),
    caPem: stack.caPem,
    allowInsecure: false,
  };
  log(`seeding ${N} messages into "${FOLDER}"…`);
  const [seedMs] = await time(() => stack.bulkSeed(UNIT_EMAIL, FOLDER, N, syntheticMessage));
  log(`seeded in ${(seedMs / 1000).toFixed(1)} s`);

  // 1. Initial header sync vs a minimal raw imapflow FETCH of the same fields.
  const raw = await connectImap(creds);
  const baselineRuns: number[] = [];
  const ourRuns: number[] = [];
  let cache: MailCache | null = null;
  let cacheFile = '';
  const ratios: number[] = [];
  const baselineFetch = async () => {
    const lock = await raw.getMailboxLock(FOLDER, { readOnly: true });
    let n = 0;
    try {
      for await (const msg of raw.fetch('1:*', HEADER_QUERY, { uid: true })) if (msg.uid) n++;
    } finally {
      lock.release();
    }
    if (n !== N) throw new Error(`baseline fetched ${n}`);
  };
  const ourSync = async (round: number) => {
    cache?.close();
    cacheFile = `${work.dir}/bench-${round}.sqlite`;
    cache = new MailCache(cacheFile);
    const fresh = cache;
    const ours = await connectImap(creds);
    // As the app's sync worker does: batches are committed on a writer thread.
    const sink = threadSink(cacheFile, new URL('../../electron/services/sync/cache-writer-worker.ts', import.meta.url));
    const [ms, result] = await time(() => syncFolder(ours, fresh, FOLDER, { sink }));
    await sink.close();
    await ours.logout();
    if (result.total !== N) throw new Error(`sync cached ${result.total}`);
    return ms;
  };
  // Round 0 warms Dovecot's own caches for both sides and is not counted; then the order alternates.
  for (let round = 0; round <= 3; round++) {
    let b: number;
    let o: number;
    if (round % 2 === 0) {
      [b] = await time(baselineFetch);
      o = await ourSync(round);
    } else {
      o = await ourSync(round);
      [b] = await time(baselineFetch);
    }
    log(
      `round ${round}${round === 0 ? ' (warm-up)' : ''}: raw FETCH ${(b / 1000).toFixed(2)} s, initial sync into the cache ${(o / 1000).toFixed(2)} s, ratio ${(b / o).toFixed(2)}`,
    );
    if (round === 0) continue;
    baselineRuns.push(b);
    ourRuns.push(o);
    ratios.push(b / o);
  }
  const b1 = median(baselineRuns);
  const o1 = median(ourRuns);
  rows.push({
    name: `Initial header sync, ${N.toLocaleString('en')} messages`,
    baseline: `${(b1 / 1000).toFixed(2)} s (raw imapflow FETCH, same fields)`,
    ours: `${(o1 / 1000).toFixed(2)} s (fetch + SQLite + FTS index)`,
    result: `${median(ratios).toFixed(2)}× (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
    target: '≥ 0.8×',
  });
  // Assigned inside ourSync(), which the type checker cannot follow.
  const synced = cache as MailCache | null;
  if (!synced) throw new Error('no cache');

  // 2. Resync: nothing changed; then 1 new message + 100 flag changes by another client.
  const warm = await connectImap(creds);
  const noChange: number[] = [];
  for (let i = 0; i < 7; i++) {
    const [ms, r] = await time(() => syncFolder(warm, synced, FOLDER));
    if (r.mode !== 'unchanged') throw new Error(`expected unchanged, got ${r.mode}`);
    noChange.push(ms);
  }
  const other = await connectOther(stack);
  const changed: number[] = [];
  for (let i = 0; i < 5; i++) {
    await other.append(FOLDER, syntheticMessage(N + i));
    const lock = await other.getMailboxLock(FOLDER);
    try {
      const from = 1 + i * 100;
      await other.messageFlagsAdd(`${from}:${from + 99}`, ['\\Flagged'], { uid: true });
    } finally {
      lock.release();
    }
    const [ms, r] = await time(() => syncFolder(warm, synced, FOLDER));
    if (r.added !== 1 || r.updated < 100) throw new Error(`resync saw +${r.added} ~${r.updated}`);
    changed.push(ms);
  }
  await other.logout();
  rows.push({
    name: 'No-change resync of that folder (warm connection)',
    baseline: '—',
    ours: `${median(noChange).toFixed(0)} ms median, ${Math.max(...noChange).toFixed(0)} ms max`,
    result: median(noChange) <= 300 ? 'met' : 'missed',
    target: '≤ 300 ms',
  });
  rows.push({
    name: '1 new message + 100 flag changes by another client',
    baseline: '—',
    ours: `${median(changed).toFixed(0)} ms median (${warm.enabled.has('QRESYNC') ? 'QRESYNC' : 'CONDSTORE'})`,
    result: median(changed) <= 500 ? 'met' : 'missed',
    target: '≤ 500 ms',
  });

  // 3. Search over the cached folder.
  const queries = [
    'ke hoach',
    'kế hoạch',
    '"chuyen doi so"',
    'chi dao',
    'quyết',
    'from:so-tttt',
    'subject:"giao ban"',
    'has:attachment bao cao',
    'hoa toc',
    'nhiem vu 2025',
  ];
  const searchTimes: number[] = [];
  const perQuery: string[] = [];
  for (const q of queries) {
    const parsed = parseQuery(q);
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < 30; i++) {
      const [ms, r] = await time(async () => synced.search(parsed, 200));
      times.push(ms);
      hits = r.length;
    }
    searchTimes.push(...times);
    perQuery.push(`\`${q}\` ${pct(times, 0.95).toFixed(1)} ms (${hits} hits)`);
  }
  const p95 = pct(searchTimes, 0.95);
  rows.push({
    name: `Search over ${N.toLocaleString('en')} cached messages (${queries.length} queries × 30)`,
    baseline: '—',
    ours: `p95 ${p95.toFixed(1)} ms, median ${median(searchTimes).toFixed(1)} ms`,
    result: p95 <= 30 ? 'met' : 'missed',
    target: 'p95 ≤ 30 ms',
  });

  // 5. Memory: a fresh process holding the cache open and serving it, as main does between syncs;
  //    and this process's peak, which includes the 100k-message sync itself.
  const probe = JSON.parse(
    execFileSync(process.execPath, [fileURLToPath(new URL('./memory-probe.ts', import.meta.url)), cacheFile, FOLDER], {
      encoding: 'utf8',
    }),
  ) as { rssMb: number };
  const peakMb = process.resourceUsage().maxRSS / 1024;
  rows.push({
    name: 'Main-process memory with the folder cached (RSS)',
    baseline: '—',
    ours: `${probe.rssMb.toFixed(0)} MB serving the cache; ${peakMb.toFixed(0)} MB peak in the process that ran the syncs`,
    result: probe.rssMb <= 300 ? 'met' : 'missed',
    target: '≤ 300 MB',
  });
  await warm.logout();
  await raw.logout();

  // 4. Renderer in Chromium, over this real cache.
  if (!values['skip-renderer']) {
    const total = synced.count(FOLDER);
    synced.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const r = await benchRenderer(stack, cacheFile, FOLDER, total);
    log(`renderer: ${r.detail}`);
    rows.push({
      name: `Renderer in Chromium (real services, this cache): open the ${total.toLocaleString('en')}-message folder, first rows painted`,
      baseline: '—',
      ours: `${r.firstRowsMs.toFixed(0)} ms`,
      result: r.firstRowsMs <= 200 ? 'met' : 'missed',
      target: '≤ 200 ms',
    });
    rows.push({
      name: 'Renderer: scroll 10,000 rows, longest frame',
      baseline: '—',
      ours: `${r.longestFrameMs.toFixed(1)} ms (${r.frames} frames, ≤ ${r.maxRowsInDom} rows in the DOM)`,
      result: r.longestFrameMs <= 50 ? 'met' : 'missed',
      target: 'no frame > 50 ms',
    });
  }
  synced.close();

  const table = [
    '| benchmark | baseline (same run) | unit-mailbox | result | target |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${r.baseline} | ${r.ours} | ${r.result} | ${r.target} |`),
  ].join('\n');
  const md = `# Benchmarks

Produced by \`npm run bench${N === 100000 ? '' : ` -- --messages ${N}`}\` on ${new Date().toISOString().slice(0, 10)} (${process.platform}, ${(await import('node:os')).cpus().length} cores, Node ${process.version}), against a private Dovecot on loopback (IMAPS, QRESYNC).
Ratios are baseline time / our time, both measured in the same run (higher is better). Timings are not checked by CI.

${table}

Search, p95 per query: ${perQuery.join('; ')}.

Seeding ${N.toLocaleString('en')} messages (Maildir files + \`doveadm force-resync\`): ${(seedMs / 1000).toFixed(1)} s, not part of any figure.
`;
  writeFileSync(values.out, md);
  console.log(`\n${table}\n`);
  log(`written to ${values.out}`);
} finally {
  await stack.stop();
  work.cleanup();
}
