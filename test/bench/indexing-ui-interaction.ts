// One measured UI interaction for test/bench/indexing-ui-bench.ts: a scroll fling over the
// message list, then a search typed into the search box until its results are shown, with
// every frame recorded (frame-recorder.ts), the main thread's event-loop delay (the thread that
// answers the bridge, as Electron's main process answers IPC), and how long the bridge's calls
// took meanwhile.
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import type { Dispatcher } from '../../electron/services/api/dispatcher.ts';
import { fling } from '../ui/list-metrics.ts';
import { markFrames, startFrames, stopFrames, type FrameRecording } from './frame-recorder.ts';

export const ROW_HEIGHT = 56;

export interface Interaction {
  frames: FrameRecording;
  /** Node-side wall time of the whole interaction. */
  ms: number;
  /** The fling alone (until the rows where it stopped are loaded). */
  flingMs: number;
  /** Last keystroke → the answer to the search of the whole query (debounce included). */
  searchAnswerMs: number;
  /** Messages whose text was indexed during the interaction, and during the fling alone. */
  indexed: number;
  indexedInFling: number;
  /** The main thread's longest event-loop delay during the interaction. */
  loopDelayMaxMs: number;
  /** CPU time of this process (main thread, sync worker, attachment-text thread) ÷ wall time: 1 = one core. */
  cores: number;
  /** The machine's 1-minute load average when the interaction ended (other work on the machine shows here). */
  load: number;
  /** Longest bridge call per channel during the interaction. */
  slowestCalls: Record<string, number>;
}

/** Wraps a dispatcher to time its calls and to tell when a search for `query` was answered. */
export function timedDispatcher(dispatch: Dispatcher) {
  const state = {
    recording: null as Record<string, number> | null,
    answered: new Map<string, number>(),
  };
  const wrapped: Dispatcher = async (channel, payload) => {
    const t0 = performance.now();
    const out = await dispatch(channel, payload);
    const ms = performance.now() - t0;
    if (state.recording) state.recording[channel] = Math.max(state.recording[channel] ?? 0, ms);
    if (channel === 'cache.search') state.answered.set((payload as { query: string }).query, performance.now());
    return out;
  };
  return { dispatch: wrapped, state };
}

export interface InteractionDeps {
  page: Page;
  timed: ReturnType<typeof timedDispatcher>['state'];
  /** Messages of the folder whose text is indexed now (read from the cache on this thread). */
  indexedCount: () => number;
  scrollRows: number;
  query: string;
}

/** The interaction (measured): fling, then type the query until its answer is shown. */
export async function interact(d: InteractionDeps): Promise<Interaction> {
  const { page, timed } = d;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  timed.recording = {};
  timed.answered.delete(d.query);
  const i0 = d.indexedCount();
  await startFrames(page);
  loop.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const f = await fling(page, d.scrollRows, ROW_HEIGHT);
  if (f.scrolledRows < d.scrollRows) throw new Error(`fling scrolled ${f.scrolledRows} of ${d.scrollRows} rows`);
  const t1 = performance.now();
  const i1 = d.indexedCount();
  await markFrames(page, 'typing');
  await page.getByTestId('search-input').pressSequentially(d.query, { delay: 120 });
  const typed = performance.now();
  // The search of the whole query answered (polled), then its results on screen.
  for (let k = 0; !timed.answered.has(d.query); k++) {
    if (k > 6000) throw new Error(`no answer to the search "${d.query}"`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const answered = timed.answered.get(d.query) as number;
  await page.getByTestId('search-count').waitFor();
  const frames = await stopFrames(page);
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  const i2 = d.indexedCount();
  const slowestCalls = timed.recording;
  timed.recording = null;
  return {
    frames,
    ms: t2 - t0,
    flingMs: t1 - t0,
    searchAnswerMs: answered - typed,
    indexed: i2 - i0,
    indexedInFling: i1 - i0,
    loopDelayMaxMs: loop.max / 1e6,
    cores: (cpu.user + cpu.system) / 1000 / (t2 - t0),
    load: loadavg()[0] ?? NaN,
    slowestCalls,
  };
}

/** Ends the search (Esc) and brings the folder's list back to its top, its first rows loaded (untimed). */
export async function resetView(page: Page, total: number): Promise<void> {
  const input = page.getByTestId('search-input');
  if ((await input.inputValue()) !== '') await input.press('Escape');
  const list = `[data-testid="message-list"][data-total="${total}"]`;
  await page.locator(list).waitFor();
  for (let k = 0; (await input.inputValue()) !== ''; k++) {
    if (k > 1000) throw new Error('the search box did not clear');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await page.evaluate(`document.querySelector('${list}').scrollTop = 0`);
  await page.locator(`${list} [data-testid="message-row"][data-index="0"][data-loaded="true"]`).waitFor();
}

/** Waits (no time limit: indexing a big folder takes what it takes) until the status bar says the sync is done. */
export async function syncDone(page: Page): Promise<void> {
  await page.locator('[data-testid="sync-status"][data-status="done"]').waitFor({ timeout: 0 });
}
