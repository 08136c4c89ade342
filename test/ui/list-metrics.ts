// In-page measurements of the message list, shared by the scale test and
// the benchmark (npm run bench): open-to-first-rows time and a timed fling.
import type { Page } from 'playwright-core';

export interface FlingResult {
  frames: number;
  elapsed: number;
  maxFrame: number;
  p95Frame: number;
  medianFrame: number;
  longFrames: Array<{ type: string; duration: number; at: number; scripts: string[] }>;
  observed: string;
  maxRows: number;
  scrolledRows: number;
  firstVisible: number;
}

/**
 * Scrolls the list down by `rows` in 180 animation frames (a 3-second fling at
 * 60 fps), recording every frame's duration, long animation frames and the
 * number of row elements in the DOM after every mutation.
 */
export async function fling(page: Page, rows: number, rowHeight: number): Promise<FlingResult> {
  return (await page.evaluate(`(async ({ rows, rowHeight }) => {
    const list = document.querySelector('[data-testid="message-list"]');
    const t0 = performance.now();
    const longFrames = [];
    let observer = null;
    for (const type of ['long-animation-frame', 'longtask']) {
      if (!PerformanceObserver.supportedEntryTypes.includes(type)) continue;
      observer = new PerformanceObserver((entries) => {
        for (const e of entries.getEntries()) {
          const scripts = (e.scripts ?? []).map((x) => (x.invoker || '?') + ' ' + Math.round(x.duration) + 'ms');
          longFrames.push({ type, duration: Math.round(e.duration), at: Math.round(e.startTime - t0), scripts });
        }
      });
      observer.observe({ type });
      break;
    }
    const start = list.scrollTop;
    const target = start + rows * rowHeight;
    const perFrame = Math.ceil((rows * rowHeight) / 180);
    const deltas = [];
    let maxRows = 0;
    const domRows = () => list.querySelectorAll('[data-testid="message-row"]').length;
    const mutations = new MutationObserver(() => { maxRows = Math.max(maxRows, domRows()); });
    mutations.observe(list, { childList: true, subtree: true });
    await new Promise((resolve) => {
      let last = null;
      const step = (now) => {
        if (last !== null) deltas.push(now - last);
        last = now;
        maxRows = Math.max(maxRows, domRows());
        if (list.scrollTop >= target) return resolve();
        list.scrollTop = Math.min(target, list.scrollTop + perFrame);
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    const elapsed = performance.now() - t0;
    // Wait for the pages where the fling stopped: until every row in view is a loaded one
    // (checked once a frame; the row count keeps being recorded meanwhile).
    await new Promise((resolve) => {
      const settled = () => {
        const from = Math.floor(list.scrollTop / rowHeight);
        const to = Math.floor((list.scrollTop + list.clientHeight - 1) / rowHeight);
        let loaded = true;
        for (let i = from; i <= to && loaded; i++) {
          const row = list.querySelector('[data-testid="message-row"][data-index="' + i + '"]');
          loaded = row === null ? i >= Number(list.dataset.total) : row.dataset.loaded === 'true';
        }
        if (loaded) resolve();
        else requestAnimationFrame(settled);
      };
      requestAnimationFrame(settled);
    });
    observer?.disconnect();
    mutations.disconnect();
    const sorted = [...deltas].sort((a, b) => a - b);
    return {
      frames: deltas.length,
      elapsed: Math.round(elapsed),
      maxFrame: Math.round(sorted[sorted.length - 1] ?? 0),
      p95Frame: Math.round(sorted[Math.floor(sorted.length * 0.95)] ?? 0),
      medianFrame: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      longFrames,
      observed: observer ? 'yes' : 'no',
      maxRows: Math.max(maxRows, domRows()),
      scrolledRows: Math.round((list.scrollTop - start) / rowHeight),
      firstVisible: Math.floor(list.scrollTop / rowHeight),
    };
  })(${JSON.stringify({ rows, rowHeight })})`)) as FlingResult;
}

/** Clicks a folder and times (in the page) until its first loaded row is in the DOM, and painted. */
export async function openTimed(page: Page, path: string, total: number): Promise<{ inDom: number; painted: number }> {
  return (await page.evaluate(`(async (path) => {
    const button = [...document.querySelectorAll('[data-testid="folder-item"]')]
      .find((li) => li.dataset.path === path)?.querySelector('button');
    if (!button) throw new Error('no folder button for ' + path);
    const ready = () => document.querySelector(
      '[data-testid="message-list"][data-total="${total}"] [data-testid="message-row"][data-loaded="true"]');
    const t0 = performance.now();
    const inDom = await new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (ready()) { observer.disconnect(); resolve(performance.now() - t0); }
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true });
      button.click();
      if (ready()) { observer.disconnect(); resolve(performance.now() - t0); }
    });
    // The frame that paints it.
    const painted = await new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now() - t0)));
    return { inDom, painted };
  })(${JSON.stringify(path)})`)) as { inDom: number; painted: number };
}

export function describeFling(r: FlingResult): string {
  return (
    `${r.scrolledRows} rows in ${r.elapsed} ms over ${r.frames} frames; ` +
    `frame time median ${r.medianFrame} ms, p95 ${r.p95Frame} ms, max ${r.maxFrame} ms; ` +
    `long animation frames (>50 ms${r.observed === 'yes' ? '' : ', not observable'}): ${JSON.stringify(r.longFrames)}; ` +
    `max row elements in the DOM: ${r.maxRows}`
  );
}
