// The house rule for every benchmark (see BENCHMARKS.md, "Method"): a figure is
// a ratio against a baseline measured in the same run, over at least
// MIN_ROUNDS rounds that alternate which side runs first; every round's ratio
// is printed, and the spread (min–max) is reported beside the median. Where no
// baseline exists the figure is absolute, with the same rounds and spread.
import { performance } from 'node:perf_hooks';

export const MIN_ROUNDS = 5;

export const log = (s: string) => process.stderr.write(`${s}\n`);

/** Median (mean of the two middle values for an even count); NaN when empty. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  if (s.length === 0) return NaN;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(xs: readonly number[]): Spread {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

/** Parses `--rounds`: an integer, never below MIN_ROUNDS. */
export function roundsArg(value: string | undefined): number {
  const n = Number(value ?? MIN_ROUNDS);
  if (!Number.isInteger(n) || n < MIN_ROUNDS)
    throw new Error(`--rounds must be an integer ≥ ${MIN_ROUNDS}, got ${value}`);
  return n;
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

/** One side of a round: resolves to its measured time in ms (setup it does before or after is not counted). */
export type Side = (round: number) => Promise<number>;

export interface Round {
  round: number;
  /** Which side ran first in this round. */
  first: 'baseline' | 'ours';
  baselineMs: number;
  oursMs: number;
  /** baseline / ours: higher is better for us. */
  ratio: number;
}

export interface PairedOptions {
  /** Printed in front of every round line. */
  label: string;
  rounds: number;
  baseline: Side;
  ours: Side;
  /** Unmeasured rounds before the counted ones (both sides, same alternation). */
  warmup?: number;
  /** The side that runs first in the first round (then the order alternates); baseline by default. */
  startWith?: 'baseline' | 'ours';
  /** Runs once at the start of every round (warm-up included), before either side; not timed. */
  beforeRound?: (round: number) => Promise<void> | void;
  /** Runs before every timed side (e.g. sync and page-cache eviction); not timed. */
  settle?: () => Promise<void> | void;
  /** How a time is printed; milliseconds by default. */
  fmt?: (ms: number) => string;
}

export const fmtMs = (ms: number) => (Math.abs(ms) >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
export const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Runs `rounds` rounds of baseline and ours, alternating which goes first (the first round:
 * `startWith`), and prints each round's times and ratio as it ends.
 */
export async function paired(opts: PairedOptions): Promise<Round[]> {
  const fmt = opts.fmt ?? fmtMs;
  const warmup = opts.warmup ?? 0;
  const out: Round[] = [];
  for (let k = 0; k < warmup + opts.rounds; k++) {
    const first = (k % 2 === 0) === (opts.startWith !== 'ours') ? 'baseline' : 'ours';
    await opts.beforeRound?.(k);
    const run = async (side: Side) => {
      await opts.settle?.();
      return side(k);
    };
    let baselineMs: number;
    let oursMs: number;
    if (first === 'baseline') {
      baselineMs = await run(opts.baseline);
      oursMs = await run(opts.ours);
    } else {
      oursMs = await run(opts.ours);
      baselineMs = await run(opts.baseline);
    }
    const warm = k < warmup;
    const round = warm ? k - warmup : k - warmup + 1;
    log(
      `${opts.label} · ${warm ? 'warm-up' : `round ${round}/${opts.rounds}`} (${first} first): baseline ${fmt(baselineMs)}, ours ${fmt(oursMs)}, ratio ${(baselineMs / oursMs).toFixed(2)}`,
    );
    if (!warm) out.push({ round, first, baselineMs, oursMs, ratio: baselineMs / oursMs });
  }
  return out;
}

/** Rounds of one side alone (no baseline exists): each round's value printed as it ends. */
export async function repeated(
  label: string,
  rounds: number,
  side: Side,
  fmt: (x: number) => string = fmtMs,
): Promise<number[]> {
  const out: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const v = await side(k);
    log(`${label} · round ${k + 1}/${rounds}: ${fmt(v)}`);
    out.push(v);
  }
  return out;
}

/** Runs `fn` `reps` times back to back and returns the median time, for steps too short to time once. */
export async function medianOf(reps: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) times.push((await timed(fn))[0]);
  return median(times);
}

/** `1.02× (spread 0.95–1.10; rounds 1.01, 0.95, 1.10, 1.02, 1.04)` */
export function ratioCell(rounds: readonly Round[]): string {
  const r = spread(rounds.map((x) => x.ratio));
  return `${r.median.toFixed(2)}× (spread ${r.min.toFixed(2)}–${r.max.toFixed(2)}; rounds ${rounds.map((x) => x.ratio.toFixed(2)).join(', ')})`;
}

/** `67 ms median (spread 55–118 ms, 5 rounds)` */
export function absoluteCell(values: readonly number[], fmt: (x: number) => string = fmtMs): string {
  const s = spread(values);
  return `${fmt(s.median)} median (spread ${fmt(s.min)}–${fmt(s.max)}, ${values.length} rounds)`;
}

/** Median and spread of one side's times in paired rounds: `0.41 s (0.38–0.47 s)`. */
export function sideCell(values: readonly number[], fmt: (x: number) => string = fmtMs): string {
  const s = spread(values);
  return `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;
}
