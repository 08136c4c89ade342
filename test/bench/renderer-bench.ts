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

export interface RendererBench {
  firstRowsMs: number;
  longestFrameMs: number;
  frames: number;
  maxRowsInDom: number;
  detail: string;
}

const ROW_HEIGHT = 56;

/**
 * The real renderer in Chromium over the real services and the cache the
 * benchmark just filled (copied into a fresh profile): time from the click on
 * the big folder to its first painted rows, then a 10,000-row fling.
 */
export async function benchRenderer(
  stack: MailStack,
  cacheFile: string,
  folder: string,
  total: number,
): Promise<RendererBench> {
  const profile = tempDir('um-bench-ui-');
  const secrets = new MemorySecretStore();
  const services = createAppServices({
    profileDir: profile.dir,
    secrets,
    logger: nullLogger,
    dialogs: { pickCaFile: async () => null },
    openExternal: async () => {},
    appVersion: 'bench',
    platform: process.platform,
  });
  const [web, browser] = await Promise.all([startStaticServer(rendererOut), launchChromium(), ensureRendererBuilt()]);
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
    await page.waitForTimeout(500);
    const tries: number[] = [];
    for (let i = 0; i < 3; i++) {
      if (i > 0) await page.locator('[data-testid="folder-item"][data-path="INBOX"] button').click();
      await page.waitForTimeout(300);
      tries.push((await openTimed(page, folder, total)).painted);
    }
    await fling(page, 2_000, ROW_HEIGHT);
    await page.getByTestId('message-list').evaluate((el) => {
      (el as unknown as { scrollTop: number }).scrollTop = 0;
    });
    await page.waitForTimeout(300);
    const result = await fling(page, 10_000, ROW_HEIGHT);
    await page.screenshot({ path: join(repoRoot, 'test-artifacts/screenshots/bench-100k-real-cache.png') });
    await context.close();
    return {
      firstRowsMs: Math.min(...tries),
      longestFrameMs: result.maxFrame,
      frames: result.frames,
      maxRowsInDom: result.maxRows,
      detail: `open tries ${tries.map((t) => t.toFixed(0)).join('/')} ms; ${describeFling(result)}`,
    };
  } finally {
    await browser.close();
    await web.close();
    await services.dispose();
    profile.cleanup();
  }
}
