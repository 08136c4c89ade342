// The page the suites against the scripted dispatcher (fake-mailbox.ts) share: the renderer built
// and served, Chromium with one page whose bridge is the fake's dispatcher (the fake's events
// pushed to the page), the page's uncaught errors collected, and screenshots checked with axe.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectAccessible } from './axe.ts';
import { installBridge, type Bridge } from './bridge.ts';
import { CONTEXT_OPTIONS, launchChromium } from './browser.ts';
import type { FakeMailbox } from './fake-mailbox.ts';
import { ensureRendererBuilt, rendererOut, repoRoot } from './renderer-build.ts';
import { startStaticServer } from './static-server.ts';

export const SCREENSHOTS = join(repoRoot, 'test-artifacts/screenshots');

export interface FakePage {
  page: Page;
  bridge: Bridge;
  /** The page's uncaught errors, for the suite's last check. */
  pageErrors: string[];
  /** test-artifacts/screenshots/<name>.png of the page as it is, then axe on the screen shown. */
  shot(name: string): Promise<void>;
  /** Closes the page, the browser and the server. */
  close(): Promise<void>;
}

/** Opens the app's page on `fake` (the renderer built first when it is not); the suite waits for its first screen. */
export async function openFakePage(fake: FakeMailbox): Promise<FakePage> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ensureRendererBuilt();
  const [web, browser] = await Promise.all([startStaticServer(rendererOut), launchChromium()]);
  const close = async () => {
    await browser.close();
    await web.close();
  };
  try {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const bridge = await installBridge(page, fake.dispatch);
    fake.attach((event, payload) => bridge.emit(event, payload));
    await page.goto(web.url);
    const shot = async (name: string) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
      await expectAccessible(page, name);
    };
    const closeAll = async () => {
      await context.close();
      await close();
    };
    return { page, bridge, pageErrors, shot, close: closeAll };
  } catch (e) {
    await close();
    throw e;
  }
}
