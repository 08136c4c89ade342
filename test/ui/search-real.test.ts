// Search in Chromium against the REAL stack (issue 16): 130 messages synced and indexed from
// Dovecot, a search with its total ("1–50 / 120 kết quả") and paging, a word found only in a
// body older than the offline window, and a bad date refused in Vietnamese. Screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/services/api/dispatcher.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { DAY_MS, ManualClock } from '../../electron/services/clock/clock.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';
import { draftFor } from '../support/fixtures.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { rawMessage } from '../support/search-documents.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expectAccessible } from './axe.ts';
import { installBridge, type Bridge } from './bridge.ts';
import { CONTEXT_OPTIONS, launchChromium } from './browser.ts';
import { ensureRendererBuilt, rendererOut, repoRoot } from './renderer-build.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

const EMAIL = 'uitimkiem@binhphuoc.gov.vn';
const PASSWORD = 'TimKiem#UI2026';
const SCREENSHOTS = join(repoRoot, 'test-artifacts/screenshots');
const NEWEST = Date.UTC(2026, 5, 1, 1, 0, 0);
const MATCHING = 120;
const OTHERS = 10;

let stack: MailStack;
let web: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let bridge: Bridge;
let services: AppServices;
let cleanupProfile: () => void;

const byTestId = (id: string) => page.getByTestId(id);
const shot = async (name: string) => {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  await expectAccessible(page, name);
};

function message(i: number): Buffer {
  const matching = i < MATCHING;
  return rawMessage({
    from: { name: 'Văn phòng UBND tỉnh', address: 'vanphong@binhphuoc.gov.vn' },
    to: [{ name: '', address: EMAIL }],
    subject: matching ? `Nghị quyết số ${i + 1}/NQ-HĐND` : `Thông báo ${i}`,
    // Every fifth day back: all but the newest bodies are older than the 30-day window.
    date: new Date(NEWEST - i * 5 * DAY_MS),
    body: matching
      ? `Triển khai nghị quyết về phát triển kinh tế.${i === MATCHING - 1 ? ' Mã lưu trữ luutrucu.' : ''}`
      : 'Lịch trực cơ quan.',
    messageId: `ui-search-${i}@binhphuoc.gov.vn`,
  });
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ensureRendererBuilt();
  [stack, web, browser] = await Promise.all([
    startMailStack({ users: [{ email: EMAIL, password: PASSWORD }] }),
    startStaticServer(rendererOut),
    launchChromium(),
  ]);
  for (let i = 0; i < MATCHING + OTHERS; i++) await stack.appendMessage(EMAIL, 'INBOX', message(i));
  const profile = tempDir('um-ui-search-');
  cleanupProfile = profile.cleanup;
  services = createAppServices({
    clock: new ManualClock(NEWEST + DAY_MS),
    profileDir: profile.dir,
    secrets: new MemorySecretStore(),
    dialogs: fakeDialogs(),
    openExternal: async () => undefined,
    appVersion: 'ui-test',
    platform: process.platform,
  });
  await services.accounts.add(draftFor(stack, EMAIL), PASSWORD);
  context = await browser.newContext(CONTEXT_OPTIONS);
  page = await context.newPage();
  bridge = await installBridge(page, createDispatcher(services), { events: services.events });
  await page.goto(web.url);
}, 300_000);

afterAll(async () => {
  bridge?.dispose();
  await context?.close().catch(() => undefined);
  await browser?.close();
  await services?.dispose().catch(() => undefined);
  cleanupProfile?.();
  await Promise.all([stack?.stop(), web?.close()]);
});

describe('search with a total and pages', () => {
  it('61 shows "1–50 / 120 kết quả" and pages through every hit', async () => {
    await byTestId('main-screen').waitFor({ timeout: 60_000 });
    await expect
      .poll(() => byTestId('sync-status-text').textContent(), { timeout: 120_000 })
      .toMatch(/Đã đồng bộ lúc \d\d:\d\d/);
    await byTestId('search-input').fill('nghi quyet');
    await expect.poll(() => byTestId('search-count').textContent(), { timeout: 30_000 }).toBe('1–50 / 120 kết quả');
    expect(await byTestId('list-title').textContent()).toBe('Kết quả tìm kiếm (120)');
    expect(await byTestId('search-prev').isDisabled()).toBe(true);
    const payload = bridge.calls.filter((c) => c.channel === 'cache.search').at(-1)?.payload;
    expect(payload).toMatchObject({ query: 'nghi quyet', offset: 0, limit: 50, typing: true });
    await shot('61-search-total');

    await byTestId('search-next').click();
    await expect.poll(() => byTestId('search-count').textContent()).toBe('51–100 / 120 kết quả');
    await byTestId('search-next').click();
    await expect.poll(() => byTestId('search-count').textContent()).toBe('101–120 / 120 kết quả');
    expect(await byTestId('search-next').isDisabled()).toBe(true);
    await shot('62-search-last-page');
    await byTestId('search-prev').click();
    await expect.poll(() => byTestId('search-count').textContent()).toBe('51–100 / 120 kết quả');
  });

  it('62 finds a word only in a body older than the offline window; whole words unless typing', async () => {
    await byTestId('search-input').fill('luutrucu ');
    await expect.poll(() => byTestId('search-count').textContent(), { timeout: 30_000 }).toBe('1–1 / 1 kết quả');
    expect(await byTestId('message-subject').first().textContent()).toBe(`Nghị quyết số ${MATCHING}/NQ-HĐND`);
    // "luutru" is not a word of any message; typed as the last word it is a prefix.
    await byTestId('search-input').fill('luutru ');
    await expect.poll(() => byTestId('list-title').textContent(), { timeout: 30_000 }).toBe('Kết quả tìm kiếm (0)');
    await byTestId('search-input').fill('luutru');
    await expect.poll(() => byTestId('search-count').textContent(), { timeout: 30_000 }).toBe('1–1 / 1 kết quả');
  });

  it('63 refuses a bad date in Vietnamese', async () => {
    await byTestId('search-input').fill('before:31/02/2026');
    await expect
      .poll(() => byTestId('messages-error').textContent(), { timeout: 30_000 })
      .toContain('"31/02/2026" không phải là ngày');
    expect(await byTestId('list-title').textContent()).toBe('Kết quả tìm kiếm (0)');
    await shot('63-search-bad-date');
    await byTestId('search-input').press('Escape');
  });
});
