// npm run bench:smoke — starts every benchmark once on a tiny mailbox, so that
// none can rot unnoticed (CI runs it). Figures are printed, never checked, and
// go to test-artifacts/bench-smoke.md, never to BENCHMARKS.md. Exits non-zero
// only when a benchmark crashes (or hangs past its time limit).
// Expects what `npm run bench:smoke` sets up: the built CLI (npm run build) and
// a keychain (test/support/with-keyring.sh); the benchmarks start their own
// private Dovecot/Postfix.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fmtS, log, timed } from './rounds.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(ROOT, 'test-artifacts', 'bench-smoke.md') },
    /** Per benchmark, in seconds: a hang counts as a crash. */
    timeout: { type: 'string', default: '600' },
  },
});
const OUT = values.out;
if (relative(ROOT, OUT) === 'BENCHMARKS.md') throw new Error('the smoke run never writes BENCHMARKS.md');
const TIMEOUT_MS = Number(values.timeout) * 1000;

/** Every benchmark of the repository, at its smallest useful size. */
const BENCHES: Array<{ name: string; script: string; args: string[] }> = [
  {
    name: 'reading, sync, login, parsing, delegation, renderer',
    script: 'test/bench/run.ts',
    args: ['--messages', '300'],
  },
  {
    name: 'handover export and verify',
    script: 'test/bench/handover-bench.ts',
    args: ['--messages', '200'],
  },
  {
    name: 'opening the composer on a large message',
    script: 'test/bench/composer-bench.ts',
    args: ['--html-kb', '64', '--attachment-kb', '64'],
  },
  {
    name: 'sending: commit and SMTP acceptance',
    script: 'test/bench/send-bench.ts',
    args: ['--attachment-kb', '64'],
  },
  {
    name: 'search: background indexing, p95, index size',
    script: 'test/bench/search-bench.ts',
    args: ['--messages', '300', '--window', '100'],
  },
  {
    name: 'search: index layouts (size, phrases, marks)',
    script: 'test/bench/index-layouts.ts',
    args: ['--messages', '300'],
  },
  {
    name: 'search: UI frames while indexing',
    script: 'test/bench/indexing-ui-bench.ts',
    args: ['--messages', '300'],
  },
  {
    name: 'ledger: opening the book, one action on the server',
    script: 'test/bench/ledger-bench.ts',
    args: ['--entries', '500'],
  },
];

function run(script: string, args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, script), ...args, '--out', OUT], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    const timer = setTimeout(() => {
      log(`bench:smoke: ${script} still running after ${values.timeout} s: stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    }, TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

mkdirSync(join(OUT, '..'), { recursive: true });
rmSync(OUT, { force: true });
const results: Array<{ name: string; ms: number; ok: boolean; how: string }> = [];
for (const b of BENCHES) {
  log(`\n=== bench:smoke: ${b.name} (${b.script} ${b.args.join(' ')}) ===`);
  const [ms, { code, signal }] = await timed(() => run(b.script, b.args));
  results.push({ name: b.name, ms, ok: code === 0, how: signal ? `killed by ${signal}` : `exit ${code}` });
}
log('\n=== bench:smoke: summary (figures above are not checked) ===');
for (const r of results) log(`${r.ok ? 'ran    ' : 'CRASHED'}  ${r.name}: ${r.how}, ${fmtS(r.ms)}`);
log(`figures written to ${relative(ROOT, OUT)}`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
