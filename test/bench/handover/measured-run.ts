// Runs one command as a child process under /usr/bin/time, so the peak RSS is
// the command's own (wait4 rusage), not the benchmark's. While it runs, /proc
// is sampled for the process tree's RSS and its established TCP connections to
// the IMAP port: that tells how many connections a tool really uses.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface RunStats {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Wall time measured here, from spawn to exit. */
  ms: number;
  /** Maximum resident set size of the command (from /usr/bin/time), MB. */
  peakRssMb: number;
  userS: number;
  sysS: number;
  /** Most established TCP connections to `watchPorts` seen at once in the process tree. */
  maxConnections: number;
  /** Largest number of threads seen in one process of the tree. */
  maxThreads: number;
  /** Per phase named by `phases`, in order: when it started (ms after spawn) and the highest sampled RSS of the tree. */
  rssByPhase: PhaseStats[];
}

export interface PhaseStats {
  phase: string;
  atMs: number;
  peakMb: number;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  input?: string;
  /** Remote TCP ports whose connections are counted (the IMAP port). */
  watchPorts?: number[];
  /** Called with each chunk of stderr (progress lines), e.g. to echo them. */
  onStderr?: (chunk: string) => void;
  /** A stderr line matching this starts a phase named by the first capture group. */
  phases?: RegExp;
}

const TIME = '/usr/bin/time';

function children(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // exited between listing and reading
  }
  return out;
}

function tree(root: number): number[] {
  const all = [root];
  for (let k = 0; k < all.length; k++) all.push(...children(all[k] as number));
  return all;
}

function statusField(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Inodes of established sockets whose remote port is one of `ports` (IPv4 and IPv6 tables). */
function establishedTo(ports: Set<number>): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '01') continue; // 01 = ESTABLISHED
      const remPort = parseInt((f[2] ?? '').split(':')[1] ?? '', 16);
      if (ports.has(remPort)) inodes.add(f[9] as string);
    }
  }
  return inodes;
}

function socketInodes(pid: number): string[] {
  const out: string[] = [];
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) out.push(m[1] as string);
      } catch {
        // fd closed meanwhile
      }
    }
  } catch {
    // process gone
  }
  return out;
}

export async function measuredRun(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunStats> {
  const statsFile = join(tmpdir(), `um-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  const child = spawn(TIME, ['-f', '%M %e %U %S', '-o', statsFile, '--', cmd, ...args], {
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const rssByPhase: PhaseStats[] = [{ phase: 'start', atMs: 0, peakMb: 0 }];
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    opts.onStderr?.(d);
    if (!opts.phases) return;
    const lines = (partial + d).split(/[\r\n]/);
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const phase = opts.phases.exec(line)?.[1];
      if (phase && rssByPhase[rssByPhase.length - 1]?.phase !== phase)
        rssByPhase.push({ phase, atMs: performance.now() - started, peakMb: 0 });
    }
  });
  child.stdin.end(opts.input ?? '');

  const ports = new Set(opts.watchPorts ?? []);
  let maxConnections = 0;
  let maxThreads = 0;
  const sample = () => {
    if (child.pid === undefined) return;
    const pids = tree(child.pid).slice(1); // not /usr/bin/time itself
    for (const p of pids) maxThreads = Math.max(maxThreads, statusField(p, 'Threads'));
    const rssMb = pids.reduce((n, p) => n + statusField(p, 'VmRSS'), 0) / 1024;
    const current = rssByPhase[rssByPhase.length - 1] as PhaseStats;
    current.peakMb = Math.max(current.peakMb, rssMb);
    if (ports.size > 0) {
      const live = establishedTo(ports);
      const mine = new Set(pids.flatMap(socketInodes).filter((i) => live.has(i)));
      maxConnections = Math.max(maxConnections, mine.size);
    }
  };
  const timer = setInterval(sample, 250);
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
  clearInterval(timer);
  const ms = performance.now() - started;

  const text = await readFile(statsFile, 'utf8').catch(() => '');
  await rm(statsFile, { force: true });
  // With a failing command, time writes "Command exited with non-zero status N" first.
  const last = text.trim().split('\n').pop() ?? '';
  const [maxKb, , user, sys] = last.split(' ').map(Number);
  return {
    exitCode,
    stdout,
    stderr,
    ms,
    peakRssMb: (maxKb ?? NaN) / 1024,
    userS: user ?? NaN,
    sysS: sys ?? NaN,
    maxConnections,
    maxThreads,
    rssByPhase,
  };
}
