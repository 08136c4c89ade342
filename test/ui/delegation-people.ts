// The people of the delegation UI tests, each at "their own computer": own
// profile folder, own Secret Service name (other test files may use
// 'unit-mailbox' for the same addresses at the same time), own app services
// behind the production dispatcher, own browser context with the app.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createDispatcher } from '../../electron/services/api/dispatcher.ts';
import { createAppServices, type AppServices, type Dialogs } from '../../electron/services/app-services.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import type { MailStack } from '../stack/mail-stack.ts';
import { draftFor, passwordOf } from '../support/fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expectAccessible } from './axe.ts';
import { installBridge } from './bridge.ts';
import { CONTEXT_OPTIONS } from './browser.ts';
import { repoRoot } from './renderer-build.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';

export const SCREENSHOTS = join(repoRoot, 'test-artifacts/screenshots');

export interface Person {
  email: string;
  profileDir: string;
  services: AppServices;
  keychain: OsKeychain;
  page: Page;
  context: BrowserContext;
  /** Uncaught errors of the page (none expected). */
  errors: string[];
  cleanup: () => void;
}

export async function person(
  stack: MailStack,
  browser: Browser,
  email: string,
  kind: 'unit' | 'personal',
  dialogs: Partial<Dialogs> = {},
): Promise<Person> {
  const { dir, cleanup } = tempDir(kind === 'unit' ? 'um-ui-head-' : 'um-ui-delegate-');
  const keychain = new OsKeychain(`unit-mailbox-ui-${email.split('@')[0]}-${process.pid}`);
  const services = createAppServices({
    clock: systemClock,
    profileDir: dir,
    secrets: keychain,
    logger: nullLogger,
    dialogs: fakeDialogs(dialogs),
    openExternal: async () => undefined,
    appVersion: 'ui-test',
    platform: process.platform,
  });
  await services.accounts.add(draftFor(stack, email, { kind }), passwordOf(stack, email));
  const context = await browser.newContext(CONTEXT_OPTIONS);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await installBridge(page, createDispatcher(services), { events: services.events });
  return { email, profileDir: dir, services, keychain, page, context, errors, cleanup };
}

/** Starts the app in the person's page and waits for the mail view. */
export async function openApp(p: Person, url: string): Promise<void> {
  await p.page.goto(url);
  await p.page.getByTestId('main-screen').waitFor({ timeout: 30_000 });
}

/** A screenshot of the step, and axe on the same screen (0 serious or critical violations). */
export const shot = async (p: Person, name: string) => {
  await p.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  await expectAccessible(p.page, name);
};

/** Closes the page, removes the identity, every keychain entry and the profile. */
export async function leave(p: Person | undefined): Promise<void> {
  if (!p) return;
  await p.context.close().catch(() => undefined);
  await p.services.identity.remove().catch(() => undefined);
  for (const a of p.services.accounts.list())
    await p.keychain.delete(secretKeys.accountPassword(a.email)).catch(() => false);
  await p.services.dispose().catch(() => undefined);
  p.cleanup();
}
