// The identity screen's errors in Chromium, over the production dispatcher and
// the real IdentityService; only the keychain is simulated, locked then
// unlocked (a real locked gnome-keyring cannot be arranged reliably here).
// Also: main answers file-based calls only for paths its own dialogs returned.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../electron/services/api/dispatcher.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expectAccessible } from './axe.ts';
import { installBridge, type Bridge } from './bridge.ts';
import { CONTEXT_OPTIONS, launchChromium } from './browser.ts';
import { ensureRendererBuilt, rendererOut, repoRoot } from './renderer-build.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';

const SCREENSHOTS = join(repoRoot, 'test-artifacts/screenshots');

let web: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let bridge: Bridge;
let services: AppServices;
let dispatch: Dispatcher;
let profile: { dir: string; cleanup: () => void };
const secrets = new MemorySecretStore();
const picks: string[] = [];
const pageErrors: string[] = [];

const byTestId = (id: string) => page.getByTestId(id);

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ensureRendererBuilt();
  profile = tempDir('um-ui-identity-');
  [web, browser] = await Promise.all([startStaticServer(rendererOut), launchChromium()]);
  services = createAppServices({
    clock: systemClock,
    profileDir: profile.dir,
    secrets,
    dialogs: fakeDialogs({ pickFile: async () => picks.shift() ?? null }),
    openExternal: async () => undefined,
    appVersion: 'ui-test',
    platform: process.platform,
  });
  dispatch = createDispatcher(services);
  context = await browser.newContext(CONTEXT_OPTIONS);
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  bridge = await installBridge(page, dispatch, { events: services.events });
  await page.goto(web.url);
});

afterAll(async () => {
  bridge?.dispose();
  await context?.close().catch(() => undefined);
  await browser?.close();
  await services?.dispose().catch(() => undefined);
  profile?.cleanup();
  await web?.close();
});

describe('identity errors', () => {
  it('4b a locked keychain: KEYCHAIN_UNAVAILABLE with what to do, and nothing stored; unlocked, it works', async () => {
    await byTestId('first-run-screen').waitFor({ timeout: 30_000 });
    await byTestId('first-run-identity').click();
    await byTestId('identity-none').waitFor();
    secrets.available = false;
    await byTestId('identity-name').fill('Phạm Quốc Bảo');
    await byTestId('identity-title').fill('Phó Chánh Văn phòng');
    await byTestId('identity-unit').fill('Văn phòng UBND tỉnh Bình Phước');
    await byTestId('identity-email').fill('pqbao@binhphuoc.gov.vn');
    await byTestId('identity-create-submit').click();
    const error = byTestId('identity-create-error');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.getAttribute('data-error-code')).toBe('KEYCHAIN_UNAVAILABLE');
    expect(await error.textContent()).toContain('Không truy cập được kho khóa');
    expect(await error.textContent()).toContain('mở khóa kho khóa');
    expect(existsSync(join(profile.dir, 'identity', 'identity.json'))).toBe(false);
    expect(secrets.entries.size).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, '4b-identity-keychain-locked.png') });
    await expectAccessible(page, '4b-identity-keychain-locked');

    secrets.available = true;
    await byTestId('identity-create-submit').click();
    await byTestId('identity-ready').waitFor({ timeout: 60_000 });
    expect(await byTestId('identity-card-name').textContent()).toBe('Phạm Quốc Bảo');
    expect([...secrets.entries.keys()]).toEqual([
      `identity-key:${await byTestId('identity-card-fingerprint').getAttribute('data-fingerprint')}`,
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('4c a file that is not a .p12 is IDENTITY_INVALID, shown in English too', async () => {
    const notP12 = join(profile.dir, 'khong-phai-p12.p12');
    writeFileSync(notP12, 'đây không phải tệp PKCS#12');
    await byTestId('identity-replace').click();
    picks.push(notP12);
    await byTestId('identity-import-pick').click();
    await expect.poll(() => byTestId('identity-import-file').textContent()).toBe('khong-phai-p12.p12');
    await byTestId('identity-import-password').fill('bat-ky');
    await byTestId('identity-import-submit').click();
    const error = byTestId('identity-import-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-error-code')).toBe('IDENTITY_INVALID');
    expect(await byTestId('identity-import-password').inputValue()).toBe('');
    await byTestId('handover-center').getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => error.textContent()).toContain('the password is wrong');
    expect(await byTestId('handover-tab-identity').textContent()).toContain('Digital signature');
    await byTestId('handover-center').getByTestId('lang-switch').selectOption('vi');
    await expect.poll(() => byTestId('handover-tab-identity').textContent()).toContain('Chữ ký số');
  });

  it('main refuses paths that did not come from its own dialogs', async () => {
    for (const [channel, payload] of [
      ['handover.verify', { path: '/etc' }],
      ['handover.certificate', { path: '/etc/ssl/certs/ca-certificates.crt' }],
      ['identity.importP12', { path: '/etc/passwd', password: 'x' }],
      ['handover.pending', { outDir: '/tmp', bagName: 'ban-giao' }],
    ] as const) {
      const answer = await dispatch(channel, payload);
      expect(answer.ok, channel).toBe(false);
      if (!answer.ok) expect(answer.error.code, channel).toBe('VALIDATION');
    }
    // Once a dialog returned it, the same path is accepted.
    picks.push('/etc/ssl/certs/ca-certificates.crt');
    const picked = await dispatch('handover.pickFile', { purpose: 'ca' });
    expect(picked).toEqual({ ok: true, value: { path: '/etc/ssl/certs/ca-certificates.crt' } });
    const cert = await dispatch('handover.certificate', { path: '/etc/ssl/certs/ca-certificates.crt' });
    expect(cert.ok).toBe(true);
  });
});
