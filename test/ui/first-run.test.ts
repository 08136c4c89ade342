// The renderer in headless Chromium against REAL services: Dovecot + Postfix
// (test/stack), the OS keychain (gnome-keyring from with-keyring.sh) and the
// production dispatcher. The page talks to them through test/ui/bridge.ts,
// which stands in for the preload. Screenshots of every step go to
// test-artifacts/screenshots/ for a human to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/services/api/dispatcher.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import type { AccountSummary } from '../../shared/account.ts';
import { MAIL_FRAME_CSP, APP_CSP } from '../../shared/security.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expectAccessible } from './axe.ts';
import { installBridge, type Bridge } from './bridge.ts';
import { CONTEXT_OPTIONS, launchChromium } from './browser.ts';
import { ensureRendererBuilt, rendererOut, repoRoot } from './renderer-build.ts';
import {
  HTML_SUBJECT,
  LINK_URL,
  PDF_NAME,
  PLAIN_SUBJECT,
  PWNED_TITLE,
  hostileHtml,
  plainDirective,
} from './seed-messages.ts';
import { startCountingServer, startStaticServer, type StaticServer } from './static-server.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';

const EMAIL = 'vanphong@binhphuoc.gov.vn';
const PASSWORD = 'ChiDao#2026!';
const WRONG_PASSWORD = 'sai-mat-khau-123';
const FOLDERS = ['Chỉ đạo', 'Đã xử lý', 'Hồ sơ & Lưu trữ'];
const SUBFOLDER = 'Đã xử lý/2026';
const SCREENSHOTS = join(repoRoot, 'test-artifacts/screenshots');

/** One app instance: its own profile dir, services, browser context and page. */
interface AppUnderTest {
  page: Page;
  context: BrowserContext;
  services: AppServices;
  bridge: Bridge;
  opened: string[];
  pageErrors: string[];
  consoleErrors: string[];
  cleanupProfile(): void;
}

let stack: MailStack;
let tracker: Awaited<ReturnType<typeof startCountingServer>>;
let web: StaticServer;
let browser: Browser;
const keychain = new OsKeychain();
const apps: AppUnderTest[] = [];

async function openApp(): Promise<AppUnderTest> {
  const profile = tempDir('um-ui-profile-');
  const opened: string[] = [];
  const services = createAppServices({
    clock: systemClock,
    profileDir: profile.dir,
    secrets: keychain,
    // The "user" picks the stack's CA file in the native dialog.
    dialogs: fakeDialogs({ pickCaFile: async () => ({ path: stack.caFile, pem: stack.caPem }) }),
    openExternal: async (url) => {
      opened.push(url);
    },
    appVersion: 'ui-test',
    platform: process.platform,
  });
  const context = await browser.newContext(CONTEXT_OPTIONS);
  const page = await context.newPage();
  // services.events reach the page like main forwards them to the window.
  const bridge = await installBridge(page, createDispatcher(services), { events: services.events });
  const app: AppUnderTest = {
    page,
    context,
    services,
    bridge,
    opened,
    pageErrors: [],
    consoleErrors: [],
    cleanupProfile: profile.cleanup,
  };
  page.on('pageerror', (e) => app.pageErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && app.consoleErrors.push(m.text()));
  apps.push(app);
  await page.goto(web.url);
  return app;
}

/** Viewport screenshots (the long first-run form is captured whole), and axe on the same screen. */
const shot = async (page: Page, name: string, fullPage = false) => {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
  await expectAccessible(page, name);
};
const byTestId = (page: Page, id: string) => page.getByTestId(id);

/** Fills the first-run form with the stack's STARTTLS IMAP and submission settings. */
async function fillForm(page: Page, password: string): Promise<void> {
  await byTestId(page, 'field-email').fill(EMAIL);
  await byTestId(page, 'field-display-name').fill('Văn phòng UBND tỉnh');
  await byTestId(page, 'kind-unit').check();
  await byTestId(page, 'field-password').fill(password);
  await byTestId(page, 'imap-host').fill(stack.host);
  await byTestId(page, 'imap-security').selectOption('starttls');
  await byTestId(page, 'imap-port').fill(String(stack.imapPort));
  await byTestId(page, 'smtp-host').fill(stack.host);
  await byTestId(page, 'smtp-security').selectOption('starttls');
  await byTestId(page, 'smtp-port').fill(String(stack.submissionPort));
}

/** SHA-256 fingerprint of the certificate the stack's IMAP server presents. */
function serverFingerprint(): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: stack.host, port: stack.imapsPort, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.destroy();
    });
    socket.on('error', reject);
  });
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ensureRendererBuilt();
  [stack, tracker, web] = await Promise.all([
    // Plus one sub-folder, to see the hierarchy the server reports.
    startMailStack({ users: [{ email: EMAIL, password: PASSWORD }], folders: { [EMAIL]: [...FOLDERS, SUBFOLDER] } }),
    startCountingServer(),
    startStaticServer(rendererOut),
  ]);
  await stack.appendMessage(EMAIL, 'INBOX', plainDirective(EMAIL));
  await stack.appendMessage(EMAIL, 'INBOX', hostileHtml(EMAIL, tracker.origin));
  browser = await launchChromium();
});

afterAll(async () => {
  for (const app of apps) {
    await app.context.close().catch(() => undefined);
    await app.services.dispose().catch(() => undefined);
    app.cleanupProfile();
  }
  await browser?.close();
  await keychain.delete(secretKeys.accountPassword(EMAIL)).catch(() => false);
  await Promise.all([stack?.stop(), tracker?.close(), web?.close()]);
});

describe('first run, reading and safe HTML mail', () => {
  let app: AppUnderTest;
  let page: Page;

  it('01 shows the first-run screen when there is no account', async () => {
    app = await openApp();
    page = app.page;
    await expect.poll(() => byTestId(page, 'first-run-screen').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Thêm hộp thư đơn vị');
    expect(await page.title()).toBe('Hộp thư đơn vị');
    // The page runs under the same CSP as the app (header from APP_CSP; the meta copy must match it).
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(APP_CSP);
    expect(await byTestId(page, 'ca-file-name').textContent()).toContain('Chưa chọn');
    await shot(page, '01-first-run', true);
  });

  it('02 fills the form, picks the CA file and tests the connection', async () => {
    await fillForm(page, PASSWORD);
    await byTestId(page, 'btn-pick-ca').click();
    await expect.poll(() => byTestId(page, 'ca-file-name').textContent()).toContain(stack.caFile.split('/').pop());
    await byTestId(page, 'btn-test').click();
    await byTestId(page, 'test-success').waitFor({ timeout: 30_000 });
    expect(await byTestId(page, 'test-success').textContent()).toContain('Kết nối thành công');
    await shot(page, '02-filled-form', true);
  });

  it('03 saves the account (password in the keychain) and shows the folder tree', async () => {
    await byTestId(page, 'btn-save').click();
    await byTestId(page, 'main-screen').waitFor({ timeout: 30_000 });
    await byTestId(page, 'folder-tree').waitFor({ timeout: 30_000 });
    const tree = byTestId(page, 'folder-tree');
    for (const name of ['Hộp thư đến', ...FOLDERS]) {
      await expect.poll(() => tree.getByText(name, { exact: true }).count()).toBe(1);
    }
    const child = page.locator(`[data-testid="folder-item"][data-path="${SUBFOLDER}"]`);
    expect(await child.getAttribute('aria-level')).toBe('2');
    const paths = await byTestId(page, 'folder-item').evaluateAll((items) =>
      items.map((i) => (i as unknown as { dataset: { path: string } }).dataset.path),
    );
    expect(paths.indexOf(SUBFOLDER)).toBe(paths.indexOf('Đã xử lý') + 1);
    expect(await keychain.get(secretKeys.accountPassword(EMAIL))).toBe(PASSWORD);
    expect(await byTestId(page, 'insecure-banner').count()).toBe(0);
    await shot(page, '03-folders');
  });

  it('04 lists INBOX newest first with unread, attachment and size markers', async () => {
    const rows = byTestId(page, 'message-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
    const subjects = await byTestId(page, 'message-list').getByTestId('message-subject').allTextContents();
    expect(subjects).toEqual([HTML_SUBJECT, PLAIN_SUBJECT]);
    expect(await rows.nth(0).getAttribute('data-unread')).toBe('true');
    expect(await rows.nth(0).locator('[data-icon="paperclip"]').count()).toBe(1);
    expect(await rows.nth(1).locator('[data-icon="paperclip"]').count()).toBe(0);
    expect(await rows.nth(1).getByTestId('message-from').textContent()).toContain('Lãnh đạo UBND tỉnh');
    // vi-VN dates: dd/MM/yyyy.
    expect(await rows.nth(1).locator('time').textContent()).toBe('23/11/2026');
    await shot(page, '04-inbox');
  });

  it('05 opens the plain directive with the keyboard', async () => {
    await byTestId(page, 'message-list').focus();
    await page.keyboard.press('ArrowDown'); // selects the first (newest) message
    await page.keyboard.press('ArrowDown'); // moves to the directive
    await page.keyboard.press('Enter');
    await expect.poll(() => byTestId(page, 'reader-subject').textContent(), { timeout: 30_000 }).toBe(PLAIN_SUBJECT);
    expect(await byTestId(page, 'reader-from').textContent()).toBe('Lãnh đạo UBND tỉnh <lanhdao@binhphuoc.gov.vn>');
    const body = await byTestId(page, 'plain-body').textContent();
    expect(body).toContain('Sở Khoa học và Công nghệ');
    expect(body).toContain('Trân trọng./.');
    expect(await byTestId(page, 'mail-frame').count()).toBe(0);
    await shot(page, '05-plain-message');
  });

  it('06 shows the hostile HTML message sandboxed: no script, no remote load, cid image inline', async () => {
    const requestsBefore = web.requests.length;
    await byTestId(page, 'message-row').nth(0).click();
    await expect.poll(() => byTestId(page, 'reader-subject').textContent(), { timeout: 30_000 }).toBe(HTML_SUBJECT);
    const frame = byTestId(page, 'mail-frame');
    await frame.waitFor();

    // The frame: empty sandbox (no allow-scripts, no allow-same-origin), CSP first.
    expect(await frame.getAttribute('sandbox')).toBe('');
    const srcdoc = (await frame.getAttribute('srcdoc')) ?? '';
    expect(srcdoc.indexOf(`<meta http-equiv="Content-Security-Policy" content="${MAIL_FRAME_CSP}">`)).toBeGreaterThan(
      0,
    );
    expect(srcdoc.indexOf('Content-Security-Policy')).toBeLessThan(srcdoc.indexOf('<body'));
    for (const banned of [
      '<script',
      'onerror',
      'onclick',
      'javascript:',
      '<form',
      '<base',
      'http-equiv="refresh"',
      tracker.origin,
    ]) {
      expect(srcdoc).not.toContain(banned);
    }
    expect(srcdoc).toContain('Báo cáo tiến độ chuyển đổi số quý IV');
    expect(srcdoc).toMatch(/<img[^>]+src="data:image\/png;base64,/);
    // Links can't navigate the frame: href moved to data-href.
    expect(srcdoc).toContain(`data-href="${LINK_URL.replace(/&/g, '&amp;')}"`);
    expect(srcdoc).not.toMatch(/<a\s(?:[^>]*\s)?href=/);

    // Read the frame's DOM from the test side (DevTools can, page scripts can't).
    const content = await (await frame.elementHandle())?.contentFrame();
    if (!content) throw new Error('mail frame has no content frame');
    // Instead of a fixed wait: the frame's load event. Every script and error handler its document
    // could run, and every resource it could request (the tracker's included), has run or been
    // requested before it. Then look for traces: nothing marked pwned.
    await content.waitForLoadState('load');
    expect(await page.title()).not.toBe(PWNED_TITLE);
    expect(
      await page.evaluate(() => (globalThis as unknown as { localStorage: Storage }).localStorage.getItem('pwned')),
    ).toBeNull();
    expect(await content.locator('html').getAttribute('data-pwned')).toBeNull();
    // The cid: image decoded (the frame's images went through the same pipeline as the tracker's
    // would have), the tracker image an empty placeholder.
    const naturalWidth = (img: unknown) => (img as { naturalWidth: number }).naturalWidth;
    await expect.poll(() => content.locator('img[alt="Logo Sở TT&TT"]').evaluate(naturalWidth)).toBe(96);
    expect(await content.locator('img[data-blocked="remote"]').count()).toBe(1);
    expect(tracker.hits).toEqual([]);
    expect(web.requests.slice(requestsBefore)).toEqual([]);

    // Remote-content bar: one tracker image blocked; loading it is offered (through main, on request
    // only), and nothing was loaded by showing the message.
    expect(await byTestId(page, 'remote-content-bar').textContent()).toContain('Đã chặn nội dung từ xa (1)');
    expect(await byTestId(page, 'btn-load-remote').isDisabled()).toBe(false);

    // The PDF is listed; the inline logo is shown in the body, not listed again.
    const attachments = await byTestId(page, 'attachment-name').allTextContents();
    expect(attachments).toEqual([PDF_NAME]);
    expect(await byTestId(page, 'attachment-list').textContent()).toContain('application/pdf');
    await shot(page, '06-html-message');

    // Links: only the https one is offered, with its real target, via a confirmation.
    await byTestId(page, 'link-list').locator('summary').click();
    expect(await byTestId(page, 'link-url').allTextContents()).toEqual([LINK_URL]);
    await byTestId(page, 'link-open').click();
    await byTestId(page, 'link-confirm').waitFor();
    expect(await byTestId(page, 'link-confirm-url').textContent()).toBe(LINK_URL);
    await shot(page, '06b-link-confirm');
    await byTestId(page, 'dialog-confirm').click();
    await expect.poll(() => app.opened).toEqual([LINK_URL]);
    expect(app.pageErrors).toEqual([]);
  });

  it('09 switches the interface to English and remembers it', async () => {
    await byTestId(page, 'link-list').locator('summary').click(); // fold the link list again
    await page.locator('.pane-reader').evaluate((pane) => pane.scrollTo(0, 0));
    await byTestId(page, 'lang-switch').selectOption('en');
    await expect.poll(() => byTestId(page, 'folder-tree').getByText('Inbox', { exact: true }).count()).toBe(1);
    // The unit's own folder names stay as they are on the server.
    expect(await byTestId(page, 'folder-tree').getByText('Hồ sơ & Lưu trữ', { exact: true }).count()).toBe(1);
    expect(await byTestId(page, 'remote-content-bar').textContent()).toContain('Remote content blocked (1)');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => app.services.settings.preferences().language).toBe('en');
    await shot(page, '09-english');
  });
});

describe('first-run errors', () => {
  it('07 shows the Vietnamese message for a wrong password', async () => {
    const { page } = await openApp();
    await byTestId(page, 'first-run-screen').waitFor();
    // Choosing "Không mã hóa" asks for explicit consent before anything is sent.
    await byTestId(page, 'imap-security').selectOption('none');
    expect(await byTestId(page, 'imap-port').inputValue()).toBe('143');
    expect(await byTestId(page, 'insecure-consent-box').textContent()).toContain('Tôi hiểu kết nối không mã hóa');
    await fillForm(page, WRONG_PASSWORD);
    expect(await byTestId(page, 'insecure-consent-box').count()).toBe(0);
    await byTestId(page, 'btn-pick-ca').click();
    await expect.poll(() => byTestId(page, 'ca-file-name').textContent()).toContain('Đã chọn');
    await byTestId(page, 'btn-save').click();
    const error = byTestId(page, 'form-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-error-code')).toBe('AUTH_FAILED');
    expect(await byTestId(page, 'form-error-message').textContent()).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    expect(await page.locator('body').textContent()).not.toContain(WRONG_PASSWORD);
    expect(await byTestId(page, 'main-screen').count()).toBe(0);
    await shot(page, '07-wrong-password', true);
  });

  it('08 shows the certificate fingerprint for an untrusted CA, then trusts the chosen CA file', async () => {
    const { page } = await openApp();
    await byTestId(page, 'first-run-screen').waitFor();
    await fillForm(page, PASSWORD);
    await byTestId(page, 'btn-test').click();
    const error = byTestId(page, 'form-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-error-code')).toBe('TLS_UNTRUSTED');
    const expected = await serverFingerprint();
    expect(await byTestId(page, 'error-fingerprint').getAttribute('data-fingerprint')).toBe(expected);
    expect(await byTestId(page, 'error-fingerprint').textContent()).toBe(expected);
    await shot(page, '08-untrusted-ca', true);

    await byTestId(page, 'btn-trust-ca').click();
    await byTestId(page, 'test-success').waitFor({ timeout: 30_000 });
    expect(await byTestId(page, 'form-error').count()).toBe(0);
    expect(await byTestId(page, 'ca-file-name').textContent()).toContain(stack.caFile.split('/').pop());
  });
});

describe('events from main', () => {
  it('updates the account list when main pushes accounts.changed', async () => {
    const app = apps[0];
    if (!app) throw new Error('first app missing');
    const [account]: AccountSummary[] = app.services.accounts.list();
    if (!account) throw new Error('no account');
    const renamed = { ...account, displayName: 'Văn phòng (đã đổi tên)' };
    await app.bridge.emit('accounts.changed', { accounts: [renamed] });
    await expect
      .poll(() => app.page.getByTestId('account-switcher').locator('option').first().textContent())
      .toContain('Văn phòng (đã đổi tên)');
  });
});
