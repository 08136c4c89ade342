// The mail view and a form at 200 % zoom and in forced-colors (Windows high
// contrast) mode, in Chromium against the scripted services
// (test/ui/fake-mailbox.ts): what a user who enlarges everything, or who needs
// the system's own colours, must still be able to do.
//
// 200 %: a 1280×800 screen at 200 % is a 640×400 CSS viewport (drawn at
// deviceScaleFactor 2, so the screenshots look like it). The app must reflow
// (WCAG 1.4.10): no horizontal scroll of the whole window, every action of the
// toolbar and the top bar on screen once scrolled to, not clipped or covered.
// Forced colours: Chromium replaces the app's colours with the system's; a
// box-shadow disappears, an outline stays, so the focus must be an outline and
// states (selected, pressed, active) must not be told by background alone.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CachedSummary } from '../../shared/mail.ts';
import { expectAccessible } from './axe.ts';
import { installBridge } from './bridge.ts';
import { CONTEXT_OPTIONS, launchChromium } from './browser.ts';
import { cached, FakeMailbox, fakeAccount, folderInfo } from './fake-mailbox.ts';
import { expectVisibleFocus, tabUntil } from './focus.ts';
import { ensureRendererBuilt, rendererOut, repoRoot } from './renderer-build.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

const SCREENSHOTS = join(repoRoot, 'test-artifacts/screenshots');
const LANH_DAO = { name: 'Chủ tịch UBND tỉnh', address: 'chutich@binhphuoc.gov.vn' };
const SO_NV = { name: 'Sở Nội vụ', address: 'sonoivu@binhphuoc.gov.vn' };
const HOA_TOC = 'Hỏa tốc: Chỉ đạo ứng phó áp thấp nhiệt đới trên Biển Đông';

const MESSAGES: CachedSummary[] = [
  cached('INBOX', 1, 'Giấy mời họp giao ban tuần 48', { from: [SO_NV], flags: ['\\Seen'] }),
  cached('INBOX', 2, 'Báo cáo tiến độ cải cách hành chính quý IV', { from: [SO_NV], hasAttachments: true }),
  cached('INBOX', 3, HOA_TOC, { from: [LANH_DAO], urgency: 3, isDirective: true, flags: ['\\Flagged'] }),
  cached('Chỉ đạo', 1, 'Chỉ đạo của Chủ tịch UBND tỉnh về cải cách hành chính', {
    from: [LANH_DAO],
    flags: ['\\Seen'],
    isDirective: true,
  }),
];

let web: StaticServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

/** The app in a fresh page with the given viewport and scale, on the scripted services. */
async function openApp(options: { width: number; height: number; scale: number }): Promise<Page> {
  const fake = new FakeMailbox({
    account: fakeAccount(),
    sync: 'instant',
    folders: [
      folderInfo('INBOX', { specialUse: '\\Inbox' }),
      folderInfo('Sent', { specialUse: '\\Sent' }),
      folderInfo('Trash', { specialUse: '\\Trash' }),
      folderInfo('Chỉ đạo'),
      folderInfo('Đã xử lý'),
    ],
    messages: MESSAGES.map((m) => ({ ...m })),
  });
  const context = await browser.newContext({
    ...CONTEXT_OPTIONS,
    viewport: { width: options.width, height: options.height },
    deviceScaleFactor: options.scale,
  });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  const bridge = await installBridge(page, fake.dispatch);
  fake.attach((event, payload) => bridge.emit(event, payload));
  await page.goto(web.url);
  await page.getByTestId('message-row').first().waitFor({ timeout: 30_000 });
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

/** The whole window does not scroll sideways (the panes may scroll inside themselves, downwards). */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const doc = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return doc.scrollWidth - doc.clientWidth;
  });
}

/**
 * Scrolled to, the control is inside the viewport and it is what is drawn at
 * its centre (not clipped by a pane, not under another element).
 */
async function expectReachable(page: Page, control: Locator, what: string): Promise<void> {
  await control.scrollIntoViewIfNeeded();
  const seen = await control.evaluate((el) => {
    /* eslint-disable @typescript-eslint/no-explicit-any */
    const w = globalThis as any;
    const box = (el as any).getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const hit = w.document.elementFromPoint(x, y);
    return {
      box: { left: box.left, top: box.top, right: box.right, bottom: box.bottom },
      viewport: { width: w.innerWidth, height: w.innerHeight },
      hitsItself: hit !== null && ((el as any) === hit || (el as any).contains(hit) || (hit as any).control === el),
      hit: hit ? `${hit.tagName.toLowerCase()}.${String(hit.className)}` : null,
    };
    /* eslint-enable @typescript-eslint/no-explicit-any */
  });
  const where = `${what}: ${JSON.stringify(seen)}`;
  expect(seen.box.left, where).toBeGreaterThanOrEqual(0);
  expect(seen.box.right, where).toBeLessThanOrEqual(seen.viewport.width + 0.5);
  expect(seen.box.right - seen.box.left, where).toBeGreaterThan(4);
  expect(seen.hitsItself, where).toBe(true);
}

/** Every visible control of the top bar and of the command bar. */
async function expectBarsReachable(page: Page): Promise<number> {
  const controls = page.locator(
    '.topbar button, .topbar select, [data-testid="toolbar"] button, [data-testid="toolbar"] input',
  );
  const n = await controls.count();
  for (let i = 0; i < n; i++) {
    const control = controls.nth(i);
    const name = (await control.getAttribute('data-testid')) ?? (await control.textContent()) ?? `control ${i}`;
    await expectReachable(page, control, name);
  }
  return n;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ensureRendererBuilt();
  [web, browser] = await Promise.all([startStaticServer(rendererOut), launchChromium()]);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await web?.close();
});

describe('200 % zoom (640×400 CSS pixels)', () => {
  let page: Page;

  it('80 the mail view reflows: no sideways scroll, every action of the bars reachable, focus visible', async () => {
    page = await openApp({ width: 640, height: 400, scale: 2 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await expectBarsReachable(page)).toBeGreaterThanOrEqual(8);
    await expectReachable(page, page.getByRole('searchbox', { name: 'Tìm thư' }), 'search box');
    await expectReachable(page, page.getByRole('navigation', { name: 'Thư mục' }).getByText('Hộp thư đến'), 'Inbox');
    await expectReachable(page, page.getByTestId('message-row').filter({ hasText: HOA_TOC }), 'a message');
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, '80-zoom-200-main');
    await expectAccessible(page, 'zoom-200-main');
  });

  it('81 a message opened with the keyboard is readable in the narrow window', async () => {
    await tabUntil(page, (f) => f.testId === 'message-list', { check: true, step: 'zoom: to the list' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('reader-subject').textContent()).toBe(HOA_TOC);
    await expectReachable(page, page.getByTestId('reader-subject'), 'the subject in the reading pane');
    await expectReachable(page, page.getByTestId('reader-flag'), 'the reader’s flag button');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '81-zoom-200-message');
    await expectAccessible(page, 'zoom-200-message');
  });

  it('82 the "Thêm hộp thư" form fits: every field and button reachable, the focus visible', async () => {
    await tabUntil(page, (f) => f.testId === 'btn-add-account', { back: true, check: true, step: 'zoom: to add' });
    await page.keyboard.press('Enter');
    const form = page.getByTestId('add-account-overlay');
    await form.waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const fields = form.locator('input:visible, select:visible, button:visible');
    const n = await fields.count();
    expect(n).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < n; i++) await expectReachable(page, fields.nth(i), `form control ${i}`);
    await form.getByTestId('field-email').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expectVisibleFocus(page, 'zoom: the e-mail field');
    await form.evaluate((el) => (el as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await shot(page, '82-zoom-200-form');
    await expectAccessible(page, 'zoom-200-form');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
  });
});

describe('forced colours (high contrast)', () => {
  let page: Page;

  it('83 the mail view keeps its focus ring and shows the selected row without background colours', async () => {
    page = await openApp({ width: 1280, height: 800, scale: 1 });
    await page.emulateMedia({ forcedColors: 'active' });
    expect(await page.evaluate("matchMedia('(forced-colors: active)').matches")).toBe(true);
    // Every stop on the way to the list keeps an outline the system colours draw.
    await tabUntil(page, (f) => f.testId === 'message-list', { check: true, step: 'forced colours: to the list' });
    await page.keyboard.press('ArrowDown');
    const row = await expectVisibleFocus(page, 'forced colours: the first row');
    expect(row.ringOn).toContain('message-row');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('reader-subject').textContent()).toBe(HOA_TOC);
    // Selected and opened rows are marked by a border, which forced colours keep (a background alone is lost).
    const selected = page.locator('[data-testid="message-row"][aria-selected="true"]');
    const border = await selected.evaluate((el) => {
      const style = (
        globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }
      ).getComputedStyle(el);
      return { style: style.borderLeftStyle, width: parseFloat(style.borderLeftWidth ?? '0') };
    });
    expect(border.style).not.toBe('none');
    expect(border.width).toBeGreaterThanOrEqual(3);
    // The pressed filter ("Tất cả") is told apart from the others by more than its background.
    const pressed = page.getByRole('button', { name: 'Tất cả', exact: true, pressed: true });
    const unpressed = page.getByRole('button', { name: 'Chưa đọc', exact: true, pressed: false });
    const borderOf = (l: Locator) =>
      l.evaluate((el) => {
        const s = (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(
          el,
        );
        return `${s.borderTopWidth} ${s.borderTopStyle} ${s.textDecorationLine}`;
      });
    expect(await borderOf(pressed)).not.toBe(await borderOf(unpressed));
    await shot(page, '83-forced-colors-main');
    await expectAccessible(page, 'forced-colors-main');
  });

  it('84 the "Thêm hộp thư" form and the shortcuts window in forced colours', async () => {
    await tabUntil(page, (f) => f.testId === 'btn-add-account', { back: true, check: true, step: 'forced: to add' });
    await page.keyboard.press('Enter');
    const form = page.getByTestId('add-account-overlay');
    await form.waitFor();
    await tabUntil(page, (f) => f.testId === 'field-email', { check: true, step: 'forced: to the e-mail field' });
    await shot(page, '84-forced-colors-form');
    await expectAccessible(page, 'forced-colors-form');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    await tabUntil(page, (f) => f.testId === 'message-list', { step: 'forced: back to the list' });
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Phím tắt' }).waitFor();
    await expectVisibleFocus(page, 'forced colours: shortcuts window');
    await shot(page, '85-forced-colors-shortcuts');
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
  });
});
