// Handover benchmarks (not tests; timings never fail anything), against a
// private real Dovecot, each figure a ratio to a stock tool run in the same
// process on the same mailbox, over ≥ 5 rounds whose order alternates (see
// rounds.ts), every round printed with its ratio, the median with its spread:
//  - `unit-mailbox handover export` vs `mbsync` pulling the same mailbox into a
//    Maildir over the same port and TLS mode (STARTTLS by default), with the
//    export's peak RSS at three mailbox sizes (it must stay flat);
//  - `unit-mailbox handover verify` vs `sha256sum -c manifest-sha256.txt` on
//    the same bag (payload bytes per second).
// Both sides run as child processes under /usr/bin/time, each into a new
// directory, after the machine is settled the same way (see settle()). Needs
// the built CLI and a keychain: npm run bench:handover [-- --messages N
// --rounds R --security starttls|tls --settle auto|drop|evict|sync --out FILE]
// (or BENCH_HANDOVER_MESSAGES / BENCH_HANDOVER_ROUNDS / BENCH_OUT); writes its
// section into BENCHMARKS.md.
import { RECORD_ROOT } from '../../shared/records.ts';
import { execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { META_QUERY } from '../../electron/services/handover/export/fetch-messages.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { UNIT_EMAIL, connectOther, passwordOf } from '../support/fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';
import { prepareProfile, snapshotCli } from './handover/cli-profile.ts';
import { MBSYNC, mbsyncPull, type MbsyncResult, type MbsyncTarget } from './handover/mbsync-baseline.ts';
import { measuredRun, type RunStats } from './handover/measured-run.ts';
import { fmtBytes, fmtS, median, table, writeSection, SECTION_TITLE, type Row } from './handover/report.ts';
import { BENCH_FOLDERS, EMPTY_FOLDERS, attachmentSize, benchMessage, planRange } from './handover/synthetic-mailbox.ts';
import { MIN_ROUNDS, log, paired, ratioCell, roundsArg, sideCell, spread, timed, type Round } from './rounds.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: process.env.BENCH_HANDOVER_MESSAGES ?? '20000' },
    rounds: { type: 'string', default: process.env.BENCH_HANDOVER_ROUNDS ?? String(MIN_ROUNDS) },
    out: { type: 'string', default: process.env.BENCH_OUT ?? 'BENCHMARKS.md' },
    /** How both tools reach Dovecot: STARTTLS on the plain port (as the unit's server is used) or IMAPS. */
    security: { type: 'string', default: 'starttls' },
    /** auto: drop when root and /proc/sys/vm/drop_caches is writable, else evict (vmtouch), else sync only. */
    settle: { type: 'string', default: 'auto' },
    /** Write a V8 CPU profile of one extra (unmeasured) export into this directory. */
    'cpu-prof': { type: 'string' },
  },
});
const N = Number(values.messages);
const ROUNDS = roundsArg(values.rounds);
if (!Number.isInteger(N) || N < 40) throw new Error(`--messages must be an integer ≥ 40, got ${values.messages}`);
const SECURITY = values.security;
if (SECURITY !== 'starttls' && SECURITY !== 'tls') throw new Error(`--security starttls|tls, got ${SECURITY}`);
// Three sizes, so that "flat as the mailbox grows" is a measurement, not a claim.
const STEPS = [Math.round(N / 4), Math.round(N / 2), N];
/**
 * Exports per size for the peak RSS. One run's peak is the highest of a noisy curve (the same
 * export at 10,000 messages peaked anywhere from 221 to 246 MB in eight dev runs), so every size
 * gets at least this many runs and their medians are compared; the 300 MB bound takes the highest.
 */
const PEAK_SAMPLES = 3;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `start 0.0 s (131 MB) → messages 2.4 s (250 MB) → … → exit 80.1 s`; "—" when no sample fell in a phase. */
const phaseLine = (r: RunStats) =>
  [
    ...r.rssByPhase.map((p) => `${p.phase} ${fmtS(p.atMs)} (${p.peakMb > 0 ? `${p.peakMb.toFixed(0)} MB` : '—'})`),
    `exit ${fmtS(r.ms)}`,
  ].join(' → ');
const rate = (count: number, ms: number) => count / (ms / 1000);
/** CPU (user + sys) of a run per message, in ms. */
const cpuPerMessage = (r: RunStats, messages: number) => ((r.userS + r.sysS) * 1000) / messages;

interface Files {
  count: number;
  bytes: number;
}
function filesUnder(dir: string, suffix = ''): Files {
  let count = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith(suffix)) continue;
    count++;
    bytes += statSync(join(e.parentPath, e.name)).size;
  }
  return { count, bytes };
}

// The export's metadata query and the bytes: everything either side asks the server for.
const WARM_QUERY = { ...META_QUERY, source: true } as const;

async function seedRange(stack: MailStack, from: number, to: number): Promise<void> {
  for (const [folder, idx] of planRange(from, to)) {
    await stack.bulkSeed(UNIT_EMAIL, folder, idx.length, (n) => benchMessage(idx[n] as number));
  }
  // Flags as in a lived-in mailbox: most mail read, a few flagged with a keyword; they go into the index.
  const client = await connectOther(stack);
  try {
    for (const f of BENCH_FOLDERS) {
      const lock = await client.getMailboxLock(f.path);
      try {
        const last = (client.mailbox && client.mailbox.uidNext - 1) || 0;
        if (last === 0) continue;
        await client.messageFlagsAdd(`1:${Math.max(1, Math.floor(last * 0.9))}`, ['\\Seen'], { uid: true });
        await client.messageFlagsAdd(`1:${Math.min(last, 25)}`, ['\\Flagged', '$Label1'], { uid: true });
        // One unmeasured read of everything either side asks for: Dovecot builds its index cache
        // (envelope, body structure) and the files are in the page cache, so the first measured
        // run after seeding is not the only one to pay for that, whichever tool it is.
        for await (const m of client.fetch('1:*', WARM_QUERY, { uid: true })) void m;
      } finally {
        lock.release();
      }
    }
  } finally {
    await client.logout();
  }
}

interface ExportRun extends RunStats {
  messages: number;
  bytes: number;
  bag: string;
}

// The CLI's progress lines on stderr name the phase (see electron/cli/handover-progress.ts).
const EXPORT_PHASES = /^(snapshot|messages|indexes|seal|tar)\b/;
const VERIFY_PHASES = /^(hashing|indexes|seal)\b/;

interface StepResult {
  messages: number;
  mbsync: MbsyncResult[];
  /** Exports paired with an mbsync run (the time ratios), in round order. */
  ours: ExportRun[];
  /** The rounds (only at the largest size; one pair at the smaller ones). */
  rounds: Round[];
  /** Further exports, for the peak RSS only. */
  extra: ExportRun[];
}

// ---- settling the machine before every timed run

const hasVmtouch = (() => {
  try {
    execFileSync('vmtouch', ['-h'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    return (e as { status?: number }).status !== undefined; // ran (vmtouch -h exits 1), so it exists
  }
})();
const canDrop = (() => {
  if (process.getuid?.() !== 0) return false;
  try {
    accessSync('/proc/sys/vm/drop_caches', constants.W_OK);
    return true;
  } catch {
    return false;
  }
})();
const SETTLE = (() => {
  const want = values.settle;
  if (want === 'auto') return canDrop && hasVmtouch ? 'drop' : hasVmtouch ? 'evict' : 'sync';
  if (want === 'drop' && !(canDrop && hasVmtouch)) throw new Error('--settle drop needs root and vmtouch');
  if (want === 'evict' && !hasVmtouch) throw new Error('--settle evict needs vmtouch (scripts/install-test-deps.sh)');
  if (want !== 'drop' && want !== 'evict' && want !== 'sync')
    throw new Error(`--settle auto|drop|evict|sync, got ${want}`);
  return want;
})();
if (SETTLE === 'sync')
  log('vmtouch not found: earlier outputs stay in the page cache (see scripts/install-test-deps.sh)');

/** Shared libraries a binary loads (`ldd`), for the drop mode's re-warm. */
function librariesOf(binary: string): string[] {
  try {
    return [...execFileSync('ldd', [binary], { encoding: 'utf8' }).matchAll(/=> (\/\S+)/g)].map((m) => m[1] as string);
  } catch {
    return [];
  }
}

/**
 * Directories of the packages the built CLI may load at run time: the production dependencies of
 * package.json and theirs, resolved as Node does (nearest node_modules first). Dev tools (Electron,
 * Vite, TypeScript…) stay out of the drop mode's re-warm.
 */
function productionPackages(root: string): string[] {
  const seen = new Set<string>();
  const depsOf = (dir: string) => {
    const pj = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const name of Object.keys({ ...pj.dependencies, ...pj.optionalDependencies })) {
      for (let from = dir; ; from = dirname(from)) {
        const found = join(from, 'node_modules', name);
        if (existsSync(join(found, 'package.json'))) {
          if (!seen.has(found)) {
            seen.add(found);
            depsOf(found);
          }
          break;
        }
        if (from === root || dirname(from) === from) break;
      }
    }
  };
  depsOf(root);
  return [...seen];
}

const stack = await startMailStack({
  folders: { [UNIT_EMAIL]: [...BENCH_FOLDERS.filter((f) => f.create).map((f) => f.path), ...EMPTY_FOLDERS] },
});
const work = tempDir('um-handover-bench-');
let runNo = 0;
/** Output directories of the timed runs so far. */
const outputs: string[] = [];
const nextDir = (what: string) => {
  const dir = join(work.dir, `${what}-${++runNo}`);
  outputs.push(dir);
  return dir;
};
const settleTimes: number[] = [];

/**
 * Brings the machine to the same state before every timed run, ours or the baseline's:
 *  1. `sync`: the previous run's dirty pages are written now, not during the next run;
 *  2. the files written by earlier runs leave the page cache (they stay on disk: deleting tens of
 *     thousands of files makes ext4 scan for recently deleted inodes on every file created in the
 *     next minutes, a cost that would land on whichever tool ran next). Without it the later runs
 *     met a page cache filled by the earlier ones (about 15 GB by the largest mailbox) and paid for
 *     the reclaim. `drop` (root): every clean page, dentry and inode is dropped
 *     (`echo 3 > /proc/sys/vm/drop_caches`), then what every run starts from is read back
 *     (`vmtouch -t`): the source mailbox (Dovecot's Maildir and indexes), both tools' code
 *     (node, the CLI snapshot and its production packages; mbsync; Dovecot) and `warm`. `evict`: only the
 *     earlier outputs are evicted (`vmtouch -e`), except `warm`;
 *  3. nothing else: `warm` is the bag being verified, which both verifiers read.
 */
function settle(warm: string[] = []): void {
  const [ms] = timedSync(() => {
    execFileSync('sync');
    if (SETTLE === 'sync') return;
    const earlier = outputs.filter((d) => !warm.includes(d) && existsSync(d));
    if (SETTLE === 'evict') {
      if (earlier.length > 0) execFileSync('vmtouch', ['-q', '-e', ...earlier], { stdio: 'ignore' });
      return;
    }
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    execFileSync('vmtouch', ['-q', '-t', ...rewarm, ...warm.filter((d) => existsSync(d))], { stdio: 'ignore' });
  });
  settleTimes.push(ms);
}
function timedSync<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const r = fn();
  return [performance.now() - t0, r];
}
let rewarm: string[] = [];

try {
  const starttls = SECURITY === 'starttls';
  const port = starttls ? stack.imapPort : stack.imapsPort;
  const target: MbsyncTarget = {
    imapsPort: stack.imapsPort,
    ...(starttls ? { starttlsPort: stack.imapPort } : {}),
    user: UNIT_EMAIL,
    password: passwordOf(stack, UNIT_EMAIL),
    caFile: stack.caFile,
  };
  const bin = snapshotCli(work.dir);
  const profile = await prepareProfile(stack, work.dir, bin, SECURITY);
  const dovecot = ['/usr/lib/dovecot', '/usr/sbin/dovecot'].filter(existsSync);
  rewarm = [
    ...new Set([
      stack.dir,
      join(work.dir, 'app'),
      ...productionPackages(ROOT),
      join(ROOT, 'resources'),
      realpathSync(process.execPath),
      MBSYNC,
      ...dovecot,
      ...[MBSYNC, '/usr/lib/dovecot/imap', '/usr/lib/dovecot/imap-login'].flatMap(librariesOf),
    ]),
  ].filter(existsSync);
  log(
    `settle before every timed run: ${SETTLE}${SETTLE === 'drop' ? ` (then vmtouch -t ${rewarm.length} paths)` : ''}; both tools over ${starttls ? `STARTTLS (port ${port})` : `IMAPS (port ${port})`}`,
  );

  const exportOnce = async (bag: string, nodeArgs: string[] = []): Promise<ExportRun> => {
    const r = await measuredRun(
      process.execPath,
      [
        ...nodeArgs,
        profile.bin,
        '--profile',
        profile.profileDir,
        'handover',
        'export',
        '--account',
        UNIT_EMAIL,
        '--recipient-cert',
        profile.recipientCert,
        '--out',
        bag,
        '--json',
      ],
      { watchPorts: [port], phases: EXPORT_PHASES },
    );
    if (r.exitCode !== 0) throw new Error(`handover export exited ${r.exitCode}: ${r.stderr.slice(-2000)}`);
    // Mail only: the app's own record folders (UnitMailbox/…: each export adds an audit record) travel
    // in the bag too, but are not the messages both tools are asked to copy.
    const eml = filesUnder(join(bag, 'data', 'eml'), '.eml');
    const recordsDir = join(bag, 'data', 'eml', RECORD_ROOT);
    const records = existsSync(recordsDir) ? filesUnder(recordsDir, '.eml') : { count: 0, bytes: 0 };
    return { ...r, messages: eml.count - records.count, bytes: eml.bytes - records.bytes, bag };
  };
  const exportLine = (r: ExportRun, size: number) =>
    `${fmtS(r.ms)}, ${rate(size, r.ms).toFixed(0)} msg/s, ${r.maxConnections} connection(s), peak RSS ${r.peakRssMb.toFixed(0)} MB, CPU ${r.userS.toFixed(1)} s user + ${r.sysS.toFixed(1)} s sys (${cpuPerMessage(r, size).toFixed(2)} ms/message)`;

  const steps: StepResult[] = [];
  let seeded = 0;
  let seedMs = 0;
  let keptBag = '';
  for (const [s, size] of STEPS.entries()) {
    log(`seeding messages ${seeded}…${size - 1}`);
    const [ms] = await timed(() => seedRange(stack, seeded, size));
    seedMs += ms;
    seeded = size;

    const step: StepResult = { messages: size, mbsync: [], ours: [], rounds: [], extra: [] };
    const final = s === STEPS.length - 1;
    const runMbsync = async () => {
      settle();
      const r = await mbsyncPull(target, nextDir('mbsync'));
      if (r.messages !== size) throw new Error(`mbsync pulled ${r.messages} messages, expected ${size}`);
      log(
        `  mbsync: ${fmtS(r.ms)}, ${rate(size, r.ms).toFixed(0)} msg/s, ${r.maxConnections} connection(s), peak RSS ${r.peakRssMb.toFixed(0)} MB, CPU ${r.userS.toFixed(1)} s user + ${r.sysS.toFixed(1)} s sys (${cpuPerMessage(r, size).toFixed(2)} ms/message)`,
      );
      step.mbsync.push(r);
      return r.ms;
    };
    const runOurs = async (into: ExportRun[] = step.ours) => {
      settle();
      const bag = nextDir('bag');
      const r = await exportOnce(bag);
      if (r.messages !== size) throw new Error(`export wrote ${r.messages} .eml files, expected ${size}`);
      log(`  export${into === step.extra ? ' (peak RSS only)' : ''}: ${exportLine(r, size)}`);
      into.push(r);
      if (final && !keptBag) keptBag = bag;
      return r.ms;
    };
    // Every size gets a pair; the largest gets the rounds. The order alternates from round to
    // round (and from size to size), so that neither side always meets a colder Dovecot.
    step.rounds = await paired({
      label: `export vs mbsync, ${size.toLocaleString('en')} messages`,
      rounds: final ? ROUNDS : 1,
      fmt: fmtS,
      baseline: runMbsync,
      ours: () => runOurs(),
      startWith: s % 2 === 0 ? 'baseline' : 'ours',
    });
    while (step.ours.length + step.extra.length < PEAK_SAMPLES) await runOurs(step.extra);
    steps.push(step);
  }

  // Verify vs sha256sum -c on the bag of the largest mailbox; the bag stays (or is read back) in the page cache.
  const payload = filesUnder(join(keptBag, 'data'));
  const shaRuns: RunStats[] = [];
  const verifyRuns: RunStats[] = [];
  log(`verify: ${payload.count} payload files, ${fmtBytes(payload.bytes)}`);
  const verifyRounds = await paired({
    label: 'verify vs sha256sum -c',
    rounds: ROUNDS,
    fmt: fmtS,
    settle: () => settle([keptBag]),
    baseline: async () => {
      const r = await measuredRun('sha256sum', ['-c', '--quiet', '--strict', 'manifest-sha256.txt'], { cwd: keptBag });
      if (r.exitCode !== 0) throw new Error(`sha256sum -c failed (${r.exitCode}): ${r.stdout.slice(-1000)}`);
      log(`  sha256sum -c: ${fmtS(r.ms)}, ${(payload.bytes / 1024 ** 2 / (r.ms / 1000)).toFixed(0)} MB/s`);
      shaRuns.push(r);
      return r.ms;
    },
    ours: async () => {
      const r = await measuredRun(
        process.execPath,
        [bin, '--profile', profile.profileDir, 'handover', 'verify', keptBag, '--json'],
        { phases: VERIFY_PHASES },
      );
      const report = JSON.parse(r.stdout) as { valid?: boolean; problems?: unknown[] };
      // Exit 3: every check passed, the signer is not authenticated (no --ca here): the same work.
      if ((r.exitCode !== 0 && r.exitCode !== 3) || report.valid !== true) {
        throw new Error(
          `handover verify says invalid (${r.exitCode}): ${JSON.stringify(report.problems).slice(0, 1000)}`,
        );
      }
      log(
        `  handover verify: ${fmtS(r.ms)}, ${(payload.bytes / 1024 ** 2 / (r.ms / 1000)).toFixed(0)} MB/s, peak RSS ${r.peakRssMb.toFixed(0)} MB`,
      );
      verifyRuns.push(r);
      return r.ms;
    },
  });

  if (values['cpu-prof']) {
    log(`profiling one more export into ${values['cpu-prof']}`);
    settle();
    const bag = nextDir('bag');
    await exportOnce(bag, ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']]);
    rmSync(bag, { recursive: true, force: true });
  }

  // Fixed cost inside every figure above: starting the CLI (importing its modules) before any work.
  const startups: RunStats[] = [];
  for (let k = 0; k < 3; k++) startups.push(await measuredRun(process.execPath, [bin, '--help']));
  const bare = await measuredRun(process.execPath, ['-e', '0']);
  const startupMs = median(startups.map((r) => r.ms));
  const startupRss = median(startups.map((r) => r.peakRssMb));

  // ---- report
  const last = steps[steps.length - 1] as StepResult;
  const bytes = (last.ours[0] as ExportRun).bytes;
  const mbsyncMs = last.rounds.map((r) => r.baselineMs);
  const oursMs = last.rounds.map((r) => r.oursMs);
  const peakSamples = steps.map((st) => [...st.ours, ...st.extra].map((r) => r.peakRssMb));
  const peaks = peakSamples.map(median);
  const highest = peakSamples.map((xs) => Math.max(...xs));
  const maxPeak = Math.max(...highest);
  // "Flat": at the largest mailbox the median peak is at most 20 % over the smallest's.
  const flat = (peaks[peaks.length - 1] as number) <= (peaks[0] as number) * 1.2;
  const growth = ((Math.round(peaks[peaks.length - 1] as number) / Math.round(peaks[0] as number)) * 100 - 100).toFixed(
    0,
  );
  const pct = (r: number) => `${r >= 1 ? '+' : '−'}${Math.abs(Math.round(r * 100 - 100))} %`;
  const mbps = (ms: number) => `${(payload.bytes / 1024 ** 2 / (ms / 1000)).toFixed(0)} MB/s`;
  const msgps = (ms: number) => `${rate(N, ms).toFixed(0)} msg/s`;
  const cpuOurs = spread(last.ours.map((r) => cpuPerMessage(r, N)));
  const cpuMbsync = spread(last.mbsync.map((r) => cpuPerMessage(r, N)));
  const transport = starttls ? 'STARTTLS' : 'IMAPS';
  const rows: Row[] = [
    {
      name: `Handover export, ${N.toLocaleString('en')} messages (${fmtBytes(bytes)}, ${BENCH_FOLDERS.length + EMPTY_FOLDERS.length + 3} folders, ${transport})`,
      baseline: `${sideCell(mbsyncMs, fmtS)}, ${msgps(median(mbsyncMs))} (mbsync into a Maildir, ${last.mbsync[0]?.maxConnections ?? '?'} connection)`,
      ours: `${sideCell(oursMs, fmtS)}, ${msgps(median(oursMs))} (signed bag, ${last.ours[0]?.maxConnections ?? '?'} connections)`,
      result: ratioCell(last.rounds),
      target: '≥ 1.5×',
    },
    {
      name: `Export peak RSS at ${STEPS.map((x) => x.toLocaleString('en')).join(' / ')} messages`,
      baseline: `mbsync: ${Math.max(...last.mbsync.map((r) => r.peakRssMb)).toFixed(0)} MB`,
      ours: `median ${peaks.map((p) => p.toFixed(0)).join(' / ')} MB, highest ${highest.map((p) => p.toFixed(0)).join(' / ')} MB (${peakSamples.map((xs) => xs.length).join(' / ')} exports)`,
      result:
        maxPeak <= 300 && flat
          ? 'met'
          : `missed (${[maxPeak <= 300 ? null : 'over 300 MB', flat ? null : `not flat: +${growth} %`].filter(Boolean).join(', ')})`,
      target: '≤ 300 MB, flat',
    },
    {
      name: `Verify the bag (${payload.count.toLocaleString('en')} payload files, ${fmtBytes(payload.bytes)})`,
      baseline: `${sideCell(
        verifyRounds.map((r) => r.baselineMs),
        fmtS,
      )}, ${mbps(median(verifyRounds.map((r) => r.baselineMs)))} (\`sha256sum -c manifest-sha256.txt\`)`,
      ours: `${sideCell(
        verifyRounds.map((r) => r.oursMs),
        fmtS,
      )}, ${mbps(median(verifyRounds.map((r) => r.oursMs)))} (\`handover verify\`)`,
      result: ratioCell(verifyRounds),
      target: '≥ 0.8×',
    },
  ];
  const perStep = [
    `| messages | mbsync | export | ratio | export peak RSS (each run) | CPU per message, export / mbsync (user + sys) | IMAP connections (export / mbsync) |`,
    '|---|---|---|---|---|---|---|',
    ...steps.map((st, k) => {
      const m = median(st.rounds.map((r) => r.baselineMs));
      const o = median(st.rounds.map((r) => r.oursMs));
      const cpuO = median(st.ours.map((r) => cpuPerMessage(r, st.messages)));
      const cpuM = median(st.mbsync.map((r) => cpuPerMessage(r, st.messages)));
      const rss = (peakSamples[k] as number[]).map((mb) => mb.toFixed(0)).join(', ');
      return `| ${st.messages.toLocaleString('en')} | ${fmtS(m)} | ${fmtS(o)} | ${(m / o).toFixed(2)}×${st.rounds.length > 1 ? ` (median of ${st.rounds.length} rounds)` : ''} | ${rss} MB | ${cpuO.toFixed(2)} / ${cpuM.toFixed(2)} ms | ${Math.max(...st.ours.map((r) => r.maxConnections))} / ${Math.max(...st.mbsync.map((r) => r.maxConnections))} |`;
    }),
  ].join('\n');
  const mbsyncVersion = execFileSync(MBSYNC, ['--version'], { encoding: 'utf8' }).trim();
  const withAttachment = Array.from({ length: N }, (_, i) => attachmentSize(i)).filter((x) => x > 0).length;
  const defaults = N === 20000 && ROUNDS === MIN_ROUNDS && SECURITY === 'starttls' && values.settle === 'auto';
  const cmd = `npm run bench:handover${defaults ? '' : ` -- --messages ${N} --rounds ${ROUNDS} --security ${SECURITY} --settle ${values.settle}`}`;
  const settled = spread(settleTimes);
  const settleNote = {
    drop: `\`sync\`, \`echo 3 > /proc/sys/vm/drop_caches\`, then \`vmtouch -t\` of what every run starts from (the source Maildir and Dovecot's indexes, node, the CLI snapshot and its production packages, mbsync, Dovecot and their libraries, and the bag for the verify rounds)`,
    evict: `\`sync\`, then \`vmtouch -e\` of every earlier run's output (the bag being verified stays)`,
    sync: `\`sync\` only: **vmtouch was not installed, so earlier runs' files stayed in the page cache and later runs paid to reclaim it** (\`scripts/install-test-deps.sh\` installs it)`,
  }[SETTLE];
  const section = `${SECTION_TITLE}

Produced by \`${cmd}\` on ${new Date().toISOString().slice(0, 10)} (${process.platform}, ${cpus().length} cores, Node ${process.version}), against a private Dovecot on loopback (${transport} with the stack's CA for both sides).
A synthetic unit mailbox, the same bytes every run: ${N.toLocaleString('en')} messages (${fmtBytes(bytes)}), of which ${withAttachment.toLocaleString('en')} (about one in five) carry one attachment of 10 KB–2 MB (half below 143 KB, log-uniform; half above, thinning out towards 2 MB), Vietnamese subjects and folder names (\`Chỉ đạo\`, \`Đã xử lý/2026\`, \`Hồ sơ & Lưu trữ\`, …), empty Drafts, Trash, Junk and one empty user folder.
Both sides run as child processes under \`/usr/bin/time\` (peak RSS and CPU are the command's own, not Dovecot's) and are timed from spawn to exit, each into a new directory. Before every timed run of either tool the machine is settled the same way: ${settleNote} (${(settled.median / 1000).toFixed(1)} s median, not part of any figure). ${ROUNDS} rounds at the largest size, the order alternating (round 1 mbsync first); "result" is the median of the per-round ratios (baseline time / our time, higher is better) with their spread and every round's ratio; time cells give the median and the spread. Timings are not checked by CI.

${table(rows)}

Per mailbox size (the mailbox grows in place, ${STEPS.map((x) => x.toLocaleString('en')).join(' → ')}; one pair at the smaller sizes):

${perStep}

Notes:
- mbsync (${mbsyncVersion}) runs with its stock settings: one connection, \`Sync Pull\`, \`Create Near\`, \`CopyArrivalDate yes\`, fsync per message (\`FSync yes\` is its default), \`SSLType ${starttls ? 'STARTTLS' : 'IMAPS'}\`. The export also writes \`manifest-sha256.txt\`, \`manifest-sha512.txt\`, the index, folders.json, the signed tagmanifest, the sealed credential and the PDF record, all inside the timed run.${starttls ? " STARTTLS reaches Dovecot through the test stack's plain-IMAP relay (a separate node process copying bytes on loopback, see test/stack/mail-stack.ts), for both tools alike." : ''}
- Export CPU per message at ${N.toLocaleString('en')} messages (user + sys of the export process alone, not Dovecot's): ${cpuOurs.median.toFixed(2)} ms (${cpuOurs.min.toFixed(2)}–${cpuOurs.max.toFixed(2)}); mbsync: ${cpuMbsync.median.toFixed(2)} ms (${cpuMbsync.min.toFixed(2)}–${cpuMbsync.max.toFixed(2)}). Sys time per round, export: ${last.ours.map((r) => `${r.sysS.toFixed(1)} s`).join(', ')}; user: ${last.ours.map((r) => `${r.userS.toFixed(1)} s`).join(', ')}.
- "Flat" means the median peak RSS of the exports at the largest mailbox is at most 20 % above the median at the smallest (the same export's peak varies by 5–15 % from run to run). The 300 MB bound is checked against the highest run. Median peak RSS per doubling of the mailbox: ${steps
    .slice(1)
    .map(
      (st, k) =>
        `${(steps[k] as StepResult).messages.toLocaleString('en')} → ${st.messages.toLocaleString('en')}: ${pct((peaks[k + 1] as number) / (peaks[k] as number))}`,
    )
    .join(', ')}.
- \`sha256sum -c\` checks one manifest and never notices extra or missing-from-manifest files; \`handover verify\` also checks the SHA-512 manifest, the signature, Payload-Oxum, completeness and index ↔ files.
- Where the time and memory go at ${N.toLocaleString('en')} messages (each phase as the CLI's progress lines name it: its start after spawn, and the highest RSS sampled in it every 250 ms):
${last.ours.map((r, k) => `  - export round ${k + 1}: ${phaseLine(r)}`).join('\n')}
${verifyRuns.map((r, k) => `  - verify round ${k + 1}: ${phaseLine(r)}`).join('\n')}
- Starting the CLI alone (\`unit-mailbox --help\`, median of 3) takes ${fmtS(startupMs)} and ${startupRss.toFixed(0)} MB RSS (\`node -e 0\`: ${fmtS(bare.ms)}, ${bare.peakRssMb.toFixed(0)} MB); that is part of every export and verify figure.
- Seeding (Maildir files written directly + \`doveadm force-resync\`, flags set over IMAP, then one unmeasured IMAP read of every message so that Dovecot's index cache and the page cache are warm for both sides) took ${fmtS(seedMs)} in all, not part of any figure.
`;
  writeSection(values.out, section);
  console.log(`\n${table(rows)}\n\n${perStep}\n`);
  log(`written to ${values.out}`);
} finally {
  await stack.stop();
  work.cleanup();
}
