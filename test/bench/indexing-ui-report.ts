// The BENCHMARKS.md section of test/bench/indexing-ui-bench.ts.
import type { Interaction } from './indexing-ui-interaction.ts';
import { table } from './handover/report.ts';
import { fmtMs, ratioCell, sideCell, spread, type Round } from './rounds.ts';

const LIMIT_MS = 50;

export interface IndexingUiFigures {
  title: string;
  count: number;
  windowSize: number;
  rounds: number;
  scrollRows: number;
  query: string;
  cores: number;
  /** paired()'s rounds over the longest frame. */
  rows: Round[];
  baseline: Interaction[];
  ours: Array<Interaction & { passRate: number; covered: boolean }>;
}

const rate = (n: number, ms: number) => (n * 1000) / ms;
const perSecond = (xs: number[]) => {
  const s = spread(xs);
  return `${s.median.toFixed(0)} messages/s (spread ${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
};

export function indexingUiSection(f: IndexingUiFigures): string {
  const p95Rounds: Round[] = f.rows.map((r, k) => {
    const b = f.baseline[k]?.frames.all.p95 ?? NaN;
    const o = f.ours[k]?.frames.all.p95 ?? NaN;
    return { ...r, baselineMs: b, oursMs: o, ratio: b / o };
  });
  const longest = f.ours.map((r) => r.frames.all.longest);
  const worst = Math.max(...longest);
  const during = f.ours.map((r) => rate(r.indexed, r.ms));
  const inFling = f.ours.map((r) => rate(r.indexedInFling, r.flingMs));
  const uncovered = f.ours.filter((r) => !r.covered).length;
  const over = f.ours.map((r) => r.frames.all.slow).reduce((a, b) => a + b, 0);
  const answers = (xs: Interaction[]) => sideCell(xs.map((r) => r.searchAnswerMs));
  const loop = (xs: Interaction[]) => sideCell(xs.map((r) => r.loopDelayMaxMs));
  const started = new Date().toISOString().slice(0, 10);
  const intro = [
    f.title,
    '',
    `Produced by \`npm run bench:search\` (\`node test/bench/indexing-ui-bench.ts --messages ${f.count}\`) on ${started} (${process.platform}, ${f.cores} cores, Node ${process.version}): the real renderer in headless Chromium over the test bridge to the real services (sync in its worker thread, as in the app), a private Dovecot on loopback.`,
    `One interaction: a fling of ${f.scrollRows} rows over the message list (3 s), then \`${f.query}\` typed into the search box (120 ms a key) until its results are shown; every frame recorded (requestAnimationFrame deltas). Baseline: nothing else running. Ours: the same while the sync worker indexes the text of ${f.windowSize} messages (read from Dovecot, decoded, indexed), started with the status bar's "sync now"; typing pauses the indexer (by design). ${f.rounds} rounds, order alternating, a warm-up round first.`,
    '',
  ].join('\n');
  const body = table([
    {
      name: `Longest frame of the interaction while indexing ${f.windowSize} of ${f.count} messages`,
      baseline: `no indexing: ${sideCell(f.rows.map((r) => r.baselineMs))}`,
      ours: sideCell(longest),
      result: `${ratioCell(f.rows)} (baseline ÷ ours)`,
      target: `every frame < ${LIMIT_MS} ms: ${worst < LIMIT_MS ? 'met' : 'not met'} (longest ${fmtMs(worst)}; ${over} frames ≥ ${LIMIT_MS} ms in ${f.ours.length} rounds)`,
    },
    {
      name: 'p95 frame of the interaction',
      baseline: `no indexing: ${sideCell(p95Rounds.map((r) => r.baselineMs))}`,
      ours: sideCell(p95Rounds.map((r) => r.oursMs)),
      result: `${ratioCell(p95Rounds)} (baseline ÷ ours)`,
      target: `< ${LIMIT_MS} ms`,
    },
    {
      name: 'Background indexing rate during the interaction (the fling alone; the whole pass from "sync now" to done)',
      baseline: '—',
      ours: `${perSecond(during)}; fling alone ${perSecond(inFling)}; whole pass ${perSecond(f.ours.map((r) => r.passRate))}`,
      result: uncovered
        ? `indexing ended before the interaction in ${uncovered} rounds`
        : 'indexing ran through every interaction',
      target: 'rate reported while frames stay < 50 ms',
    },
  ]);
  const notes = [
    `Search answered after the last key (debounce included): no indexing ${answers(f.baseline)}; indexing ${answers(f.ours)}.`,
    `CPU of the process running the services (main thread, sync worker, attachment-text thread), in cores: no indexing ${sideCell(
      f.baseline.map((r) => r.cores),
      (x) => x.toFixed(2),
    )}; indexing ${sideCell(
      f.ours.map((r) => r.cores),
      (x) => x.toFixed(2),
    )}. The machine's 1-minute load average at the end of each interaction: ${[...f.baseline, ...f.ours].map((r) => r.load.toFixed(1)).join(', ')}.`,
    `Longest event-loop delay of the thread answering the bridge (Electron's main process in the app): no indexing ${loop(f.baseline)}; indexing ${loop(f.ours)}.`,
  ];
  return `${intro}\n${body}\n\n${notes.join('\n')}\n`;
}
