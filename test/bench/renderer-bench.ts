import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher } from '../../electron/services/api/dispatcher.ts';
import { createAppServices } from '../../electron/services/app-services.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import type { MailStack } from '../stack/mail-stack.ts';
import { UNIT_EMAIL, draftFor, passwordOf } from '../support/fixtures.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { tempDir } from '../support/temp-dir.ts';
import { installBridge } from '../ui/bridge.ts';
import { CONTEXT_OPTIONS, launchChromium } from '../ui/browser.ts';
import { describeFling, fling, openTimed } from '../ui/list-metrics.ts';
import { ensureRendererBuilt, rendererOut, repoRoot } from '../ui/renderer-build.ts';
import { startStaticServer } from '../ui/static-server.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';

export interface RendererBench {
  /** Per round: click on the folder → its first rows painted. */
  paintedMs: number[];
  /** Per round: the longest frame of a fling over `scrollRows` rows. */
  longestFrameMs: number[];
  scrollRows: number;
  frames: number;
  maxRowsInDom: number;
  detail: string;
}

const ROW_HEIGHT = 56;
const SCROLL_ROWS = 10_000;

/**
 * The real renderer in Chromium over the real services and the cache the
 * benchmark just filled (copied into a fresh profile). After an unmeasured
 * warm-up (one open, one 2,000-row fling), every round leaves the folder,
 * times the click on it to its first painted rows, then times a fling of
 * 10,000 rows (fewer in a smaller folder) from the top.
 */
export async function benchRenderer(
  stack: MailStack,
  cacheFile: string,
  folder: string,
  total: number,
  rounds: number,
): Promise<RendererBench> {
  const profile = tempDir('um-bench-ui-');
  const secrets = new MemorySecretStore();
  const services = createAppServices({
    clock: systemClock,
    profileDir: profile.dir,
    secrets,
    logger: nullLogger,
    dialogs: fakeDialogs(),
    openExternal: async () => {},
    appVersion: 'bench',
    platform: process.platform,
  });
  const [web, browser] = await Promise.all([startStaticServer(rendererOut), launchChromium(), ensureRendererBuilt()]);
  // A smaller folder (the smoke run) cannot be scrolled 10,000 rows: stop well before its end.
  const scrollRows = Math.max(1, Math.min(SCROLL_ROWS, total - 40));
  try {
    const account = await services.accounts.add(
      draftFor(stack, UNIT_EMAIL, { imap: { host: stack.host, port: stack.imapsPort, security: 'tls' } }),
      passwordOf(stack, UNIT_EMAIL),
    );
    mkdirSync(join(profile.dir, 'cache'), { recursive: true });
    copyFileSync(cacheFile, services.caches.fileFor(account.id));
    const context = await browser.newContext(CONTEXT_OPTIONS);
    const page = await context.newPage();
    await installBridge(page, createDispatcher(services), { events: services.events });
    await page.goto(web.url);
    await page.getByTestId('folder-tree').waitFor();
    // Let the start-up sync (an unchanged-folder check) finish so it does not share the CPU with the measurement.
    await services.sync.whenIdle(account.id);
    const list = page.getByTestId('message-list');
    const toTop = () =>
      list.evaluate((el) => {
        (el as unknown as { scrollTop: number }).scrollTop = 0;
      });
    /** Leaves the big folder for INBOX and waits until its list is gone, then lets the page go idle. */
    const leave = async () => {
      await page.locator('[data-testid="folder-item"][data-path="INBOX"] button').click();
      await page.waitForFunction(`!document.querySelector('[data-testid="message-list"][data-total="${total}"]')`);
      await page.waitForTimeout(300);
    };
    await page.waitForTimeout(300);
    const warm = await openTimed(page, folder, total);
    const warmFling = await fling(page, Math.min(2_000, scrollRows), ROW_HEIGHT);
    const log = (s: string) => process.stderr.write(`${s}\n`);
    log(`renderer · warm-up: painted ${warm.painted.toFixed(0)} ms; fling ${describeFling(warmFling)}`);
    const paintedMs: number[] = [];
    const longestFrameMs: number[] = [];
    let frames = 0;
    let maxRowsInDom = 0;
    for (let k = 0; k < rounds; k++) {
      await leave();
      const { painted } = await openTimed(page, folder, total);
      await toTop();
      await page.waitForTimeout(300);
      const r = await fling(page, scrollRows, ROW_HEIGHT);
      if (r.scrolledRows < scrollRows) throw new Error(`fling scrolled ${r.scrolledRows} of ${scrollRows} rows`);
      log(
        `renderer · round ${k + 1}/${rounds}: first rows painted ${painted.toFixed(0)} ms; longest frame ${r.maxFrame} ms (${describeFling(r)})`,
      );
      paintedMs.push(painted);
      longestFrameMs.push(r.maxFrame);
      frames = r.frames;
      maxRowsInDom = Math.max(maxRowsInDom, r.maxRows);
    }
    await page.screenshot({ path: join(repoRoot, `test-artifacts/screenshots/bench-${total}-real-cache.png`) });
    await context.close();
    return {
      paintedMs,
      longestFrameMs,
      scrollRows,
      frames,
      maxRowsInDom,
      detail: `first rows painted per round ${paintedMs.map((t) => t.toFixed(0)).join(', ')} ms; longest frame per round ${longestFrameMs.map((t) => t.toFixed(0)).join(', ')} ms (warm-up, not counted: ${warm.painted.toFixed(0)} ms, ${warmFling.maxFrame} ms)`,
    };
  } finally {
    await browser.close();
    await web.close();
    await services.dispose();
    profile.cleanup();
  }
}
