// The mailbox view in Chromium against the REAL stack: the production
// dispatcher over real services (cache, sync, actions), Dovecot + Postfix from
// test/stack and the OS keychain (gnome-keyring from with-keyring.sh). Events
// from services.events reach the page through the bridge, as main forwards them.
// What the UI does is checked on the server with a separate IMAP client.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/services/api/dispatcher.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { directive, draftFor, withAttachment } from '../support/fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expectAccessible } from './axe.ts';
import { installBridge, type Bridge } from './bridge.ts';
import { CONTEXT_OPTIONS, launchChromium } from './browser.ts';
import { channelCheck } from './channel-check.ts';
import { ensureRendererBuilt, rendererOut, repoRoot } from './renderer-build.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';

const EMAIL = 'vanphong@binhphuoc.gov.vn';
const PASSWORD = 'ChiDao#2026!';
const WRONG_PASSWORD = 'sai-mat-khau-123';
const SCREENSHOTS = join(repoRoot, 'test-artifacts/screenshots');
const DONE = 'Đã xử lý';

const CHI_DAO = 'Chỉ đạo về triển khai Đề án 06 tại các xã, phường';
const HOA_TOC = 'Hỏa tốc: Ứng phó áp thấp nhiệt đới trên Biển Đông';
const KHAN = 'Khẩn: Báo cáo số liệu giải ngân vốn đầu tư công';
const LICH = 'Lịch công tác tuần 48 của Lãnh đạo UBND tỉnh';
const BAO_CAO = 'Báo cáo tiến độ chuyển đổi số quý IV';
const GIAY_MOI = 'Giấy mời dự hội nghị tổng kết năm 2026';

let stack: MailStack;
let web: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let bridge: Bridge;
let services: AppServices;
let accountId: string;
let cleanupProfile: () => void;
let imap: ImapFlow;
const keychain = new OsKeychain();
const pageErrors: string[] = [];

const byTestId = (id: string) => page.getByTestId(id);
/** A screenshot of the step, and axe on the same screen (0 serious or critical violations). */
const shot = async (name: string) => {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  await expectAccessible(page, name);
};
const rowWith = (subject: string) => byTestId('message-row').filter({ hasText: subject });

/** What the server holds in a folder, read with our own IMAP connection (never the app's). */
async function onServer(folder: string): Promise<Array<{ uid: number; subject: string; flags: string[] }>> {
  const lock = await imap.getMailboxLock(folder, { readOnly: true });
  try {
    // Already selected by an earlier call, the folder's count is only news the server gives in
    // answer to a command: without one, a folder seen empty stays "empty" here forever.
    await imap.noop();
    const out: Array<{ uid: number; subject: string; flags: string[] }> = [];
    if (!imap.mailbox || imap.mailbox.exists === 0) return out;
    for await (const m of imap.fetch('1:*', { uid: true, flags: true, envelope: true })) {
      out.push({ uid: m.uid, subject: m.envelope?.subject ?? '', flags: [...(m.flags ?? [])] });
    }
    return out;
  } finally {
    lock.release();
  }
}
/** 'saved', or the typed error main answered with (its code then shows in the failure). */
async function saveOutcome(): Promise<string | null> {
  if (await byTestId('toast-settings-saved').count()) return 'saved';
  const error = byTestId('account-settings').getByTestId('form-error');
  return (await error.count()) ? `${await error.getAttribute('data-error-code')}: ${await error.textContent()}` : null;
}
const flagsOf = async (folder: string, subject: string) =>
  (await onServer(folder)).find((m) => m.subject === subject)?.flags ?? null;
const subjectsIn = async (folder: string) => (await onServer(folder)).map((m) => m.subject);
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ensureRendererBuilt();
  [stack, web, browser] = await Promise.all([
    startMailStack({
      users: [{ email: EMAIL, password: PASSWORD }],
      folders: { [EMAIL]: ['Chỉ đạo', DONE, 'Hồ sơ & Lưu trữ'] },
    }),
    startStaticServer(rendererOut),
    launchChromium(),
  ]);
  const lanhDao = 'chutich@binhphuoc.gov.vn';
  await stack.appendMessage(
    EMAIL,
    'INBOX',
    directive(GIAY_MOI, 'Kính mời dự hội nghị.', lanhDao, 'Fri, 20 Nov 2026 08:00:00 +0700'),
  );
  await stack.appendMessage(
    EMAIL,
    'INBOX',
    directive(LICH, 'Lịch công tác tuần.', 'vanphong@binhphuoc.gov.vn', 'Sat, 21 Nov 2026 08:00:00 +0700'),
    ['\\Seen'],
  );
  await stack.appendMessage(
    EMAIL,
    'INBOX',
    directive(KHAN, 'Đề nghị báo cáo trước 16 giờ.', 'sotaichinh@binhphuoc.gov.vn', 'Sun, 22 Nov 2026 08:00:00 +0700'),
  );
  await stack.appendMessage(
    EMAIL,
    'INBOX',
    directive(
      CHI_DAO,
      'Chủ tịch UBND tỉnh chỉ đạo các xã, phường triển khai Đề án 06.',
      lanhDao,
      'Mon, 23 Nov 2026 08:00:00 +0700',
    ),
  );
  await stack.appendMessage(EMAIL, 'INBOX', withAttachment(BAO_CAO), ['\\Seen']);
  await stack.appendMessage(
    EMAIL,
    'INBOX',
    directive(
      HOA_TOC,
      'Yêu cầu các địa phương triển khai ngay phương án ứng phó.',
      lanhDao,
      'Wed, 25 Nov 2026 07:00:00 +0700',
    ),
  );

  const profile = tempDir('um-ui-mailbox-');
  cleanupProfile = profile.cleanup;
  services = createAppServices({
    clock: systemClock,
    profileDir: profile.dir,
    secrets: keychain,
    dialogs: fakeDialogs({ pickCaFile: async () => ({ path: stack.caFile, pem: stack.caPem }) }),
    openExternal: async () => undefined,
    appVersion: 'ui-test',
    platform: process.platform,
  });
  accountId = (await services.accounts.add(draftFor(stack, EMAIL), PASSWORD)).id;

  imap = new ImapFlow({
    host: stack.host,
    port: stack.imapPort,
    secure: false,
    doSTARTTLS: true,
    auth: { user: EMAIL, pass: PASSWORD },
    tls: { ca: stack.caPem },
    logger: false,
  });
  await imap.connect();

  context = await browser.newContext(CONTEXT_OPTIONS);
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // The real services' events reach the page like main forwards them to the window.
  bridge = await installBridge(page, createDispatcher(services), { events: services.events });
  await page.goto(web.url);
});

afterAll(async () => {
  bridge?.dispose();
  await context?.close().catch(() => undefined);
  await browser?.close();
  await imap?.logout().catch(() => undefined);
  await services?.dispose().catch(() => undefined);
  cleanupProfile?.();
  await keychain.delete(secretKeys.accountPassword(EMAIL)).catch(() => false);
  await Promise.all([stack?.stop(), web?.close()]);
});

describe('mailbox against the real server', () => {
  it('21 syncs the account into the cache and lists it from there', async () => {
    await byTestId('main-screen').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => byTestId('sync-status-text').textContent(), { timeout: 60_000 })
      .toMatch(/Đã đồng bộ lúc \d\d:\d\d/);
    const rows = byTestId('message-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(6);
    expect(await byTestId('message-list').getByTestId('message-subject').allTextContents()).toEqual([
      HOA_TOC,
      BAO_CAO,
      CHI_DAO,
      KHAN,
      LICH,
      GIAY_MOI,
    ]);
    // Rows came from the cache after sync.start, pushed by sync.progress / cache.changed events.
    const channels = bridge.calls.map((c) => c.channel);
    expect(channels).toContain('sync.start');
    expect(channels).toContain('cache.list');
    expect(channels).not.toContain('mail.messages');
    expect(bridge.events.some((e) => e.event === 'sync.progress')).toBe(true);
    expect(bridge.events.some((e) => e.event === 'cache.changed')).toBe(true);
    expect(await rowWith(HOA_TOC).getByTestId('urgency-badge').textContent()).toBe('Hỏa tốc');
    await shot('21-real-inbox-synced');
  });

  it('22 opens without marking read; "Đánh dấu đã đọc" and "Gắn cờ" change the flags on the server', async () => {
    const before = bridge.calls.length;
    await rowWith(HOA_TOC).click();
    await expect.poll(() => byTestId('reader-subject').textContent(), { timeout: 30_000 }).toBe(HOA_TOC);
    // The body was fetched (mail.message answered): a FETCH without PEEK would have set \Seen by now.
    // A mark-read by the page would be a mail.setFlags call, which arrives before channelCheck's call.
    await channelCheck(page, bridge);
    expect(bridge.calls.slice(before).filter((c) => c.channel === 'mail.setFlags')).toEqual([]);
    expect(await flagsOf('INBOX', HOA_TOC)).not.toContain('\\Seen');
    expect(await rowWith(HOA_TOC).getAttribute('data-unread')).toBe('true');

    await byTestId('action-mark-read').click();
    await expect.poll(() => flagsOf('INBOX', HOA_TOC), { timeout: 15_000 }).toContain('\\Seen');
    await expect.poll(() => rowWith(HOA_TOC).getAttribute('data-unread')).toBe('false');
    await byTestId('action-flag').click();
    await expect.poll(() => flagsOf('INBOX', HOA_TOC), { timeout: 15_000 }).toContain('\\Flagged');
    await expect.poll(() => rowWith(HOA_TOC).getAttribute('data-flagged')).toBe('true');
    // Back to unread with the Outlook shortcut, from the list.
    await byTestId('message-list').focus();
    await page.keyboard.press('Control+u');
    await expect.poll(() => flagsOf('INBOX', HOA_TOC), { timeout: 15_000 }).not.toContain('\\Seen');
    await shot('22-real-flags');
  });

  it(`23 moves a message to "${DONE}" from the "Chuyển tới…" menu`, async () => {
    await rowWith(LICH).click();
    await byTestId('action-move').click();
    await byTestId('move-menu').getByTestId('move-target').filter({ hasText: DONE }).click();
    await expect.poll(() => subjectsIn(DONE), { timeout: 15_000 }).toContain(LICH);
    expect(await subjectsIn('INBOX')).not.toContain(LICH);
    await expect.poll(() => rowWith(LICH).count()).toBe(0);
    expect(await byTestId('toast-moved').textContent()).toContain(`Đã chuyển 1 thư tới “${DONE}”`);
    await byTestId('folder-item').filter({ hasText: DONE }).locator('button').click();
    await expect.poll(() => rowWith(LICH).count(), { timeout: 15_000 }).toBe(1);
    await byTestId('folder-item').filter({ hasText: 'Hộp thư đến' }).locator('button').click();
    await expect.poll(() => byTestId('list-title').textContent()).toBe('Hộp thư đến');
  });

  it('24 Delete moves to Thùng rác on the server; "Hoàn tác" brings it back to INBOX', async () => {
    await rowWith(KHAN).click();
    await page.keyboard.press('Delete');
    const toast = byTestId('toast-trashed');
    await toast.waitFor({ timeout: 15_000 });
    expect(await toast.textContent()).toContain('Đã chuyển 1 thư vào Thùng rác');
    await expect.poll(() => subjectsIn('Trash'), { timeout: 15_000 }).toContain(KHAN);
    expect(await subjectsIn('INBOX')).not.toContain(KHAN);
    await expect.poll(() => rowWith(KHAN).count()).toBe(0);
    await shot('24-real-trash-toast');
    await toast.getByTestId('toast-undo').click();
    await expect.poll(() => subjectsIn('INBOX'), { timeout: 15_000 }).toContain(KHAN);
    expect(await subjectsIn('Trash')).not.toContain(KHAN);
    await expect.poll(() => rowWith(KHAN).count(), { timeout: 15_000 }).toBe(1);
  });

  it('25 finds the "Chỉ đạo" message by searching "chi dao"', async () => {
    await byTestId('search-input').fill('chi dao');
    await expect
      .poll(() => byTestId('list-title').textContent(), { timeout: 15_000 })
      .toMatch(/^Kết quả tìm kiếm \(\d+\)$/);
    const found = await byTestId('message-list').getByTestId('message-subject').allTextContents();
    expect(found).toContain(CHI_DAO);
    expect(await rowWith(CHI_DAO).getByTestId('row-folder').textContent()).toBe('Hộp thư đến');
    await shot('25-real-search');
    await byTestId('search-input').press('Escape');
    await expect.poll(() => byTestId('list-title').textContent()).toBe('Hộp thư đến');
  });

  it('26 the directives view puts the "Hỏa tốc" message first', async () => {
    await byTestId('view-directives').click();
    await expect.poll(() => byTestId('list-title').textContent()).toBe('Chỉ đạo & văn bản đến');
    const first = page.locator('[data-testid="message-row"][data-index="0"]');
    await expect.poll(() => first.getByTestId('message-subject').textContent(), { timeout: 15_000 }).toBe(HOA_TOC);
    expect(await first.getByTestId('urgency-badge').textContent()).toBe('Hỏa tốc');
    const subjects = await byTestId('message-list').getByTestId('message-subject').allTextContents();
    expect(subjects.indexOf(KHAN)).toBeGreaterThan(0);
    expect(subjects).toContain(CHI_DAO);
    await shot('26-real-directives');
    expect(pageErrors).toEqual([]);
  });
});

describe('account settings against the real server and keychain', () => {
  /** Closes the settings overlay if a previous step left it open. */
  async function closeSettings(): Promise<void> {
    if (await byTestId('account-settings').count()) await byTestId('btn-close-settings').click();
  }

  // AccountSummary only says hasCustomCa, so the form cannot send the PEM back:
  // update keeps the stored CA when the draft has none ('' removes it).
  it('27a keeps the stored CA when only the display name changes', async () => {
    await byTestId('btn-account-settings').click();
    const settings = byTestId('account-settings');
    await settings.waitFor();
    expect(await settings.getByTestId('ca-file-name').textContent()).toContain('Đang dùng chứng chỉ CA riêng đã lưu');
    await settings.getByTestId('field-display-name').fill('Văn phòng UBND tỉnh (đổi tên)');
    await settings.getByTestId('btn-save').click();
    await expect.poll(() => saveOutcome(), { timeout: 30_000 }).not.toBeNull();
    expect(await saveOutcome()).toBe('saved');
    expect(services.accounts.get(accountId).caPem).toBe(stack.caPem);
    // Dismiss the toast, or the next test would read this save's outcome as its own.
    await byTestId('toast-settings-saved').locator('.toast-close').click();
    await byTestId('toast-settings-saved').waitFor({ state: 'detached' });
  });

  it('27 edits the display name and the CA file; the connection is tested again with the stored password', async () => {
    await closeSettings();
    await byTestId('btn-account-settings').click();
    const settings = byTestId('account-settings');
    await settings.waitFor();
    expect(await settings.getByTestId('field-email').inputValue()).toBe(EMAIL);
    expect(await settings.getByTestId('field-email').getAttribute('readonly')).not.toBeNull();
    expect(await settings.getByTestId('imap-port').inputValue()).toBe(String(stack.imapPort));
    expect(await settings.getByTestId('imap-security').inputValue()).toBe('starttls');
    expect(await settings.getByTestId('ca-file-name').textContent()).toContain('Đang dùng chứng chỉ CA riêng đã lưu');
    expect(await settings.getByTestId('field-password').inputValue()).toBe('');
    await settings.getByTestId('field-display-name').fill('Văn phòng UBND tỉnh Bình Phước');
    // "Chọn tệp CA khác": the native dialog (faked) hands back the unit's CA file.
    await settings.getByTestId('btn-pick-ca').click();
    await expect.poll(() => settings.getByTestId('ca-file-name').textContent()).toContain('Đã chọn');
    await shot('27-real-account-settings');
    await settings.getByTestId('btn-save').click();
    await expect.poll(() => saveOutcome(), { timeout: 30_000 }).not.toBeNull();
    expect(await saveOutcome()).toBe('saved');
    expect(await settings.count()).toBe(0);
    await expect
      .poll(() => byTestId('account-switcher').locator('option').first().textContent())
      .toContain('Văn phòng UBND tỉnh Bình Phước');
    const stored = services.accounts.get(accountId);
    expect(stored.displayName).toBe('Văn phòng UBND tỉnh Bình Phước');
    expect(stored.caPem).toBe(stack.caPem);
    expect(await keychain.get(secretKeys.accountPassword(EMAIL))).toBe(PASSWORD);
  });

  it('28 a wrong new password shows the Vietnamese error and keeps the old settings', async () => {
    const before = services.accounts.get(accountId);
    await byTestId('btn-account-settings').click();
    const settings = byTestId('account-settings');
    await settings.getByTestId('field-display-name').fill('Tên không được lưu');
    await settings.getByTestId('btn-pick-ca').click(); // see 27a
    await expect.poll(() => settings.getByTestId('ca-file-name').textContent()).toContain('Đã chọn');
    await settings.getByTestId('field-password').fill(WRONG_PASSWORD);
    await settings.getByTestId('btn-save').click();
    const error = settings.getByTestId('form-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-error-code')).toBe('AUTH_FAILED');
    expect(await settings.getByTestId('form-error-message').textContent()).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    expect(await page.locator('body').textContent()).not.toContain(WRONG_PASSWORD);
    await shot('28-real-wrong-password');
    expect(services.accounts.get(accountId)).toEqual(before);
    expect(await keychain.get(secretKeys.accountPassword(EMAIL))).toBe(PASSWORD);
    await settings.getByTestId('btn-close-settings').click();
    expect(await byTestId('account-switcher').locator('option').first().textContent()).toContain(
      'Văn phòng UBND tỉnh Bình Phước',
    );
  });

  it('29 removes the account: keychain entry and cache gone, back to the first-run screen', async () => {
    const cacheFile = services.caches.fileFor(accountId);
    expect(existsSync(cacheFile)).toBe(true);
    await byTestId('btn-account-settings').click();
    await byTestId('btn-remove-account').click();
    const dialog = byTestId('remove-account-dialog');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain(`Xóa hộp thư ${EMAIL} khỏi ứng dụng?`);
    expect(text).toContain('Mật khẩu của hộp thư sẽ bị xóa khỏi kho khóa của hệ điều hành.');
    expect(text).toContain('Bản lưu thư trên máy này');
    await shot('29-real-remove-account');
    await dialog.getByTestId('dialog-confirm').click();
    await byTestId('first-run-screen').waitFor({ timeout: 30_000 });
    expect(await keychain.get(secretKeys.accountPassword(EMAIL))).toBeNull();
    expect(services.accounts.list()).toEqual([]);
    expect(existsSync(cacheFile)).toBe(false);
    // The mail itself is still on the server.
    expect(await subjectsIn('INBOX')).toContain(HOA_TOC);
    await shot('30-real-first-run-again');
    expect(pageErrors).toEqual([]);
  });
});
