// What a screen reader says for the controls of the mail view: every control
// has a name, in Vietnamese (English when the interface is English), the
// icon-only buttons included, and the window has its landmarks. Checked with
// role + name queries, as assistive technology finds them, in Chromium against
// the scripted services (test/ui/fake-mailbox.ts).
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CachedSummary } from '../../shared/mail.ts';
import { expectAccessible, runAxe } from './axe.ts';
import { installBridge } from './bridge.ts';
import { CONTEXT_OPTIONS, launchChromium } from './browser.ts';
import { cached, FakeMailbox, fakeAccount, folderInfo } from './fake-mailbox.ts';
import { ensureRendererBuilt, rendererOut, repoRoot } from './renderer-build.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

const SCREENSHOTS = join(repoRoot, 'test-artifacts/screenshots');
const LANH_DAO = { name: 'Chủ tịch UBND tỉnh', address: 'chutich@binhphuoc.gov.vn' };
const SO_NV = { name: 'Sở Nội vụ', address: 'sonoivu@binhphuoc.gov.vn' };

const MESSAGES: CachedSummary[] = [
  cached('INBOX', 1, 'Kế hoạch chuyển đổi số năm 2027', { from: [LANH_DAO], threadId: 'kh', flags: ['\\Seen'] }),
  cached('INBOX', 2, 'Re: Kế hoạch chuyển đổi số năm 2027', { from: [SO_NV], threadId: 'kh' }),
  cached('INBOX', 3, 'Hỏa tốc: Ứng phó áp thấp nhiệt đới', { from: [LANH_DAO], urgency: 3, isDirective: true }),
  cached('INBOX', 4, 'Báo cáo tiến độ quý IV', { from: [SO_NV], hasAttachments: true, flags: ['\\Flagged'] }),
];

/** Roles whose elements must always have a name (ARIA: name required, or useless without one). */
const NAMED_ROLES = [
  'button',
  'link',
  'textbox',
  'searchbox',
  'checkbox',
  'radio',
  'combobox',
  'spinbutton',
  'listbox',
  'option',
  'tab',
  'tree',
  'treeitem',
  'toolbar',
  'dialog',
  'progressbar',
] as const;

let web: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

/**
 * The controls of `scope` that have no accessible name, from the accessibility
 * tree Chromium builds (ariaSnapshot: `- button "Name"`, or `- button` alone).
 */
async function unnamed(scope: Locator): Promise<string[]> {
  const tree = await scope.ariaSnapshot();
  const roles = NAMED_ROLES.join('|');
  const bare = new RegExp(`^\\s*- (${roles})(?: \\[[^\\]]*\\])*:?\\s*$`);
  return tree.split('\n').filter((line) => bare.test(line));
}

beforeAll(async () => {
  await ensureRendererBuilt();
  const fake = new FakeMailbox({
    account: fakeAccount(),
    sync: 'instant',
    folders: [
      folderInfo('INBOX', { specialUse: '\\Inbox' }),
      folderInfo('Sent', { specialUse: '\\Sent' }),
      folderInfo('Trash', { specialUse: '\\Trash' }),
      folderInfo('Chỉ đạo'),
    ],
    messages: MESSAGES.map((m) => ({ ...m })),
  });
  [web, browser] = await Promise.all([startStaticServer(rendererOut), launchChromium()]);
  context = await browser.newContext(CONTEXT_OPTIONS);
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  const bridge = await installBridge(page, fake.dispatch);
  fake.attach((event, payload) => bridge.emit(event, payload));
  await page.goto(web.url);
  await page.getByTestId('message-row').first().waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await web?.close();
});

describe('accessible names in Vietnamese', () => {
  it('90 the landmarks and the controls of the mail view are found by role and Vietnamese name', async () => {
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Thư mục' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Danh sách thư' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Khung đọc thư' }).count()).toBe(1);
    expect(await page.getByRole('search').count()).toBe(1);
    expect(await page.getByRole('contentinfo', { name: 'Trạng thái đồng bộ' }).count()).toBe(1);

    const named = (role: Parameters<Page['getByRole']>[0], name: string) =>
      page.getByRole(role, { name, exact: true }).count();
    expect(await named('combobox', 'Hộp thư')).toBe(1);
    expect(await named('combobox', 'Ngôn ngữ')).toBe(1);
    expect(await named('button', 'Cài đặt hộp thư')).toBe(1);
    expect(await named('button', 'Thêm hộp thư')).toBe(1);
    expect(await named('button', 'Ủy quyền')).toBe(1);
    expect(await named('toolbar', 'Thao tác với thư')).toBe(1);
    for (const action of ['Đánh dấu đã đọc', 'Đánh dấu chưa đọc', 'Gắn cờ', 'Chuyển tới thư mục…', 'Xóa', 'Hoàn tác'])
      expect(await page.getByRole('toolbar').getByRole('button', { name: action, exact: true }).count(), action).toBe(
        1,
      );
    // The label holds the seconds field: its value is read within the name, as on screen.
    expect(await page.getByRole('checkbox', { name: /^Tự đánh dấu đã đọc sau 5 giây$/ }).count()).toBe(1);
    expect(await named('spinbutton', 'Tự đánh dấu đã đọc sau (giây)')).toBe(1);
    expect(await named('searchbox', 'Tìm thư')).toBe(1);
    expect(await named('group', 'Lọc thư')).toBe(1);
    expect(await named('group', 'Sắp xếp')).toBe(1);
    expect(await named('checkbox', 'Theo hội thoại')).toBe(1);
    expect(await named('tree', 'Thư mục')).toBe(1);
    expect(await named('treeitem', 'Hộp thư đến 3')).toBe(1);
    expect(await named('listbox', 'Hộp thư đến')).toBe(1);
    // A row says what a sighted user reads on it, its markers included (the icons have names).
    const flagged = page.getByRole('option', { name: /Báo cáo tiến độ quý IV/ });
    expect(await flagged.getAttribute('aria-selected')).toBe('false');
    expect(await page.getByRole('option', { name: /Được gắn cờ/ }).count()).toBe(1);
    expect(await page.getByRole('option', { name: /Có tệp đính kèm/ }).count()).toBe(1);
    expect(await page.getByRole('option', { name: /Hỏa tốc/ }).count()).toBe(1);
    expect(await unnamed(page.locator('body'))).toEqual([]);
  });

  it('91 the icon-only buttons: "Xóa tìm kiếm" and "Đóng thông báo"', async () => {
    const box = page.getByRole('searchbox', { name: 'Tìm thư' });
    await box.fill('quý IV');
    const clear = page.getByRole('button', { name: 'Xóa tìm kiếm (Esc)', exact: true });
    await clear.waitFor();
    // Only an icon is drawn: the name is the only thing a screen reader has.
    expect((await clear.textContent())?.trim()).toBe('');
    await clear.click();
    await expect.poll(() => box.inputValue()).toBe('');
    // A toast: moving a message to Thùng rác with the keyboard.
    await page.getByRole('option', { name: /Báo cáo tiến độ quý IV/ }).click();
    await page.keyboard.press('Delete');
    const dismiss = page.getByRole('button', { name: 'Đóng thông báo', exact: true });
    await dismiss.waitFor();
    expect((await dismiss.textContent())?.trim()).toBe('');
    expect(await page.getByRole('status').filter({ hasText: 'Đã chuyển 1 thư vào Thùng rác' }).count()).toBe(1);
    expect(await unnamed(page.locator('body'))).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, '90-accessible-names.png') });
    await expectAccessible(page, '90-accessible-names');
    await dismiss.click();
    await page.keyboard.press('Control+z');
  });

  it('92 conversations: the size and the state of a conversation are part of its row', async () => {
    await page.getByRole('checkbox', { name: 'Theo hội thoại', exact: true }).check();
    const head = page.getByRole('option', { name: /2 thư trong hội thoại, đang thu gọn/ });
    await head.waitFor();
    await head.click();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('option', { name: /2 thư trong hội thoại, đang mở/ }).waitFor();
    expect(await unnamed(page.locator('body'))).toEqual([]);
    await expectAccessible(page, '92-conversations-names');
    await page.getByRole('checkbox', { name: 'Theo hội thoại', exact: true }).uncheck();
  });

  it('94 the checks can fail: a button without a name and grey-on-grey text are caught', async () => {
    await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { body: { insertAdjacentHTML(w: string, h: string): void } } })
        .document;
      doc.body.insertAdjacentHTML(
        'beforeend',
        '<div id="planted"><button type="button"><svg width="16" height="16"></svg></button>' +
          '<p style="color:#aaa;background:#fff">Chữ mờ khó đọc</p></div>',
      );
    });
    try {
      const found = (await runAxe(page)).violations.map((v) => `${v.id}:${v.impact}`);
      expect(found).toContain('button-name:critical');
      expect(found).toContain('color-contrast:serious');
      // And so can the tests' own search for controls without a name.
      expect(await unnamed(page.locator('#planted'))).toHaveLength(1);
    } finally {
      await page.evaluate(() =>
        (globalThis as unknown as { document: { getElementById(id: string): { remove(): void } | null } }).document
          .getElementById('planted')
          ?.remove(),
      );
    }
  });

  it('93 the same controls in English when the interface is English', async () => {
    await page.getByRole('combobox', { name: 'Ngôn ngữ' }).selectOption('en');
    await page.getByRole('combobox', { name: 'Language', exact: true }).waitFor();
    const named = (role: Parameters<Page['getByRole']>[0], name: string) =>
      page.getByRole(role, { name, exact: true }).count();
    expect(await named('navigation', 'Folders')).toBe(1);
    expect(await named('toolbar', 'Message actions')).toBe(1);
    expect(await named('searchbox', 'Search mail')).toBe(1);
    expect(await named('region', 'Reading pane')).toBe(1);
    expect(await named('button', 'Delegation')).toBe(1);
    expect(await unnamed(page.locator('body'))).toEqual([]);
    await expectAccessible(page, '93-accessible-names-en');
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('vi');
    expect(errors).toEqual([]);
  });
});
