// Records every frame of the page while an interaction runs: a requestAnimationFrame loop
// stores each frame's delta (and when it ended), long animation frames (> 50 ms) are kept with
// the scripts Chromium blames them on, and named marks split the recording into phases.
// Used by test/bench/indexing-ui-bench.ts.
import type { Page } from 'playwright-core';

export interface FrameStats {
  frames: number;
  longest: number;
  p95: number;
  median: number;
  /** Frames of 50 ms or more. */
  slow: number;
}

export interface LongFrame {
  duration: number;
  /** ms since the recording started. */
  at: number;
  blocking: number;
  scripts: string[];
}

export interface FrameRecording {
  all: FrameStats;
  /** Per phase: from its mark to the next one (the first phase, "start", from the beginning). */
  phases: Record<string, FrameStats>;
  longFrames: LongFrame[];
}

const KEY = '__benchFrames';

/** Starts recording (one recording per page at a time). */
export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const rec = { deltas: [], marks: [['start', performance.now()]], long: [], stop: false, t0: performance.now() };
    window[${JSON.stringify(KEY)}] = rec;
    if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
      rec.observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          rec.long.push({
            duration: Math.round(e.duration),
            at: Math.round(e.startTime - rec.t0),
            blocking: Math.round(e.blockingDuration ?? 0),
            scripts: (e.scripts ?? []).map((s) =>
              (s.invoker || '?') + ' ' + (s.sourceFunctionName || '') + ' ' + Math.round(s.duration) + 'ms'),
          });
        }
      });
      rec.observer.observe({ type: 'long-animation-frame' });
    }
    let last = null;
    const step = (now) => {
      if (last !== null) rec.deltas.push([now, now - last]);
      last = now;
      if (!rec.stop) requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  })()`);
}

/** Starts a new phase named `name` now. */
export async function markFrames(page: Page, name: string): Promise<void> {
  await page.evaluate(`window[${JSON.stringify(KEY)}].marks.push([${JSON.stringify(name)}, performance.now()])`);
}

/** Stops the recording after one more frame and returns its statistics. */
export async function stopFrames(page: Page): Promise<FrameRecording> {
  const raw = (await page.evaluate(`(async () => {
    const rec = window[${JSON.stringify(KEY)}];
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    rec.stop = true;
    rec.observer?.disconnect();
    return { deltas: rec.deltas, marks: rec.marks, long: rec.long };
  })()`)) as { deltas: Array<[number, number]>; marks: Array<[string, number]>; long: LongFrame[] };
  const phases: Record<string, FrameStats> = {};
  raw.marks.forEach(([name, from], i) => {
    const to = raw.marks[i + 1]?.[1] ?? Infinity;
    phases[name] = frameStats(raw.deltas.filter(([end]) => end > from && end <= to).map(([, d]) => d));
  });
  return { all: frameStats(raw.deltas.map(([, d]) => d)), phases, longFrames: raw.long };
}

export function frameStats(deltas: readonly number[]): FrameStats {
  const s = [...deltas].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? 0;
  return {
    frames: s.length,
    longest: s[s.length - 1] ?? 0,
    p95: at(0.95),
    median: at(0.5),
    slow: s.filter((d) => d >= 50).length,
  };
}

export function describeFrames(r: FrameStats): string {
  return `${r.frames} frames, median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, longest ${r.longest.toFixed(1)} ms, ${r.slow} ≥ 50 ms`;
}
