// Ledger benchmarks (not tests; timings never fail anything), with the house rule of rounds.ts
// (≥ 5 rounds, order alternating, every round printed, the median with its spread):
//  - opening the register table of a book of N entries (default 20,000): the first page (200
//    rows) from the local copy (ledger-cache.ts: the file opened, the page queried), vs the
//    baseline of reading the same book saved as one JSON file and windowing it in memory.
//    The entries are synthetic (no server): what is measured is the copy, not the records.
//    Target (issue 15): first rows ≤ 200 ms.
//  - one action recorded on the server (assign: a signed record appended to the ledger folder on
//    a fresh session, the folder read again, the keywords set), against the private Dovecot, vs
//    the baseline of a fresh session appending a message of the same size and logging out.
//    Target: ≤ 300 ms on loopback.
// Writes its section of BENCHMARKS.md (or --out).
//   node test/bench/ledger-bench.ts [--rounds R --entries N --out FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LedgerCache } from '../../electron/services/ledger/ledger-cache.ts';
import { pageOf } from '../../electron/services/ledger/ledger-query.ts';
import type { BookEntry } from '../../electron/services/ledger/ledger-view.ts';
import { startMailStack } from '../stack/mail-stack.ts';
import { connectOther, draftFor, passwordOf } from '../support/fixtures.ts';
import { incoming } from '../support/ledger-sides.ts';
import { syntheticBook } from '../support/ledger-entries.ts';
import { tempDir } from '../support/temp-dir.ts';
import { table, writeSection } from './handover/report.ts';
import { absoluteCell, fmtMs, log, paired, ratioCell, roundsArg, sideCell, timed } from './rounds.ts';
import { benchServices } from './bench-services.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TITLE = '## Sổ đăng ký văn bản đến / Ledger';
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    entries: { type: 'string', default: '20000' },
    out: { type: 'string', default: join(ROOT, 'BENCHMARKS.md') },
  },
});
const rounds = roundsArg(values.rounds);
const count = Number(values.entries);
const UNIT = 'sobench@binhphuoc.gov.vn';
const HANDLER = 'xuly.bench@binhphuoc.gov.vn';
const window = { offset: 0, limit: 200 };
const profile = tempDir('um-ledger-bench-');

// ---- opening the book ----
const book = syntheticBook(count);
const cacheFile = join(profile.dir, 'ledger.sqlite');
const seed = new LedgerCache(cacheFile);
seed.store('bench', book);
seed.close();
const jsonFile = join(profile.dir, 'book.json');
writeFileSync(jsonFile, JSON.stringify(book));
const opening = await paired({
  label: `opening a book of ${count} entries, first 200 rows`,
  rounds,
  warmup: 1,
  baseline: async () =>
    (
      await timed(() => {
        const read = JSON.parse(readFileSync(jsonFile, 'utf8')) as { mailbox: string; entries: BookEntry[] };
        return pageOf(read.mailbox, read.entries, {}, window, true);
      })
    )[0],
  ours: async () =>
    (
      await timed(() => {
        const cache = new LedgerCache(cacheFile);
        const page = cache.page('bench', window, '2026-03-15');
        cache.close();
        if (page?.rows.length !== Math.min(200, count)) throw new Error('the first page is incomplete');
      })
    )[0],
});

// ---- one action recorded on the server ----
const stack = await startMailStack({ users: [{ email: UNIT, password: 'SoBench#2026!' }] });
const services = benchServices(join(profile.dir, 'app'));
try {
  const account = await services.accounts.add(draftFor(stack, UNIT), passwordOf(stack, UNIT));
  await services.identity.create({ name: 'Văn thư', title: 'Văn thư', unit: 'Sở Nội vụ', email: UNIT });
  const total = rounds + 1;
  const numbers: Array<{ year: number; number: number }> = [];
  for (let k = 1; k <= total; k++) {
    await stack.appendMessage(UNIT, 'INBOX', incoming(UNIT, `Công văn số ${k}/UBND-VP V/v đợt ${k}`, `bench-${k}`));
    const { entry } = await services.ledger.register(account.id, { folder: 'INBOX', uid: k });
    numbers.push({ year: entry.year, number: entry.number });
  }
  const recordBytes = readFileSync(join(ROOT, 'package.json')).subarray(0, 6000);
  const action = await paired({
    label: 'one action (assign) recorded on the server',
    rounds,
    warmup: 1,
    baseline: async () =>
      (
        await timed(async () => {
          const client = await connectOther(stack, UNIT);
          await client.append('INBOX', recordBytes);
          await client.logout();
        })
      )[0],
    ours: async (k) =>
      (
        await timed(() =>
          services.ledger.assign(account.id, numbers[k] as { year: number; number: number }, {
            to: HANDLER,
            deadline: '2099-01-01',
          }),
        )
      )[0],
  });

  const openMs = opening.map((r) => r.oursMs);
  const actMs = action.map((r) => r.oursMs);
  const met = (xs: number[], limit: number) =>
    `≤ ${limit} ms: ${Math.max(...xs) <= limit ? 'met' : 'not met'} (max ${fmtMs(Math.max(...xs))})`;
  writeSection(
    values.out,
    `${TITLE}\n\n\`npm run bench:ledger\` — ${rounds} rounds, order alternating. Opening: the local copy ` +
      `(ledger.sqlite) of a synthetic book against a JSON file of the same book. One action: an assign through ` +
      `the app's services (its audit record is queued durably and appended behind the answer) against a fresh ` +
      `session appending a message of the same size, on the private Dovecot.\n\n` +
      table([
        {
          name: `Opening the ledger: first 200 rows of ${count} entries (local copy, synthetic entries)`,
          baseline: `JSON file read + window in memory: ${sideCell(opening.map((r) => r.baselineMs))}`,
          ours: absoluteCell(openMs),
          result: `${ratioCell(opening)} (baseline ÷ ours)`,
          target: met(openMs, 200),
        },
        {
          name: 'One action (assign) recorded on the server (fresh session, signed record, book re-read, keywords)',
          baseline: `fresh session + APPEND of 6 KB + logout: ${sideCell(action.map((r) => r.baselineMs))}`,
          ours: absoluteCell(actMs),
          result: `${ratioCell(action)} (baseline ÷ ours)`,
          target: met(actMs, 300),
        },
      ]),
    TITLE,
  );
  log(`ledger bench: written to ${values.out}`);
} finally {
  await services.dispose();
  await stack.stop();
  profile.cleanup();
}
