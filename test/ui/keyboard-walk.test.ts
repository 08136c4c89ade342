// The main tasks done with the keyboard alone, in Chromium against the REAL
// services (Dovecot + Postfix, the OS keychain, the production dispatcher), as
// a unit head who does not use a mouse: read a message, search, see the
// shortcuts ("?"), grant a right in "Ủy quyền" and export a handover package.
// Only page.keyboard drives the page; the test process only seeds the server,
// answers the native dialogs (as the OS would) and checks results outside the
// UI. At every stop of the focus the indicator is measured (test/ui/focus.ts):
// an outline, 2 px or more, of 3:1 contrast or more, on screen; each
// screenshot is also checked with axe (shot, from delegation-people.ts).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeRights } from '../../shared/delegation.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { verifyBag } from '../../electron/services/handover/verify/verify-bag.ts';
import { getAcl } from '../../electron/services/imap/imap-acl.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { makeIdentity } from '../support/handover-identities.ts';
import { UNIT_EMAIL, UNIT_FOLDERS, connectOther, directive } from '../support/fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';
import { launchChromium } from './browser.ts';
import { SCREENSHOTS, leave, openApp, person, shot, type Person } from './delegation-people.ts';
import { expectVisibleFocus, focusIndicator, tabUntil, type FocusIndicator } from './focus.ts';
import { ensureRendererBuilt, rendererOut } from './renderer-build.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

const DELEGATE = 'canbo1@binhphuoc.gov.vn';
const CHI_DAO = 'Chỉ đạo về triển khai Đề án 06 tại các xã, phường';
const GIAY_MOI = 'Giấy mời họp giao ban tháng 12';

let stack: MailStack;
let web: StaticServer;
let browser: Browser;
let head: Person;
let page: Page;
let imap: ImapFlow;
let work: string;
let cleanupWork: () => void;
/** What the fake native dialogs answer next, in order (the OS dialogs, not the page). */
const answers = { file: [] as string[], dir: [] as string[] };

const byTestId = (id: string) => page.getByTestId(id);
const hasTestId = (id: string) => (f: FocusIndicator) => f.testId === id;
/** Tab (or Shift+Tab) to the control, checking the focus is visible at every stop on the way. */
const tabTo = (id: string, back = false) => tabUntil(page, hasTestId(id), { back, step: `to ${id}`, check: true });
const press = async (key: string, step: string) => {
  await page.keyboard.press(key);
  return expectVisibleFocus(page, step);
};

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ensureRendererBuilt();
  ({ dir: work, cleanup: cleanupWork } = tempDir('um-ui-keyboard-'));
  [stack, web, browser] = await Promise.all([
    startMailStack({
      users: [
        { email: UNIT_EMAIL, password: 'ChiDao#2026!' },
        { email: DELEGATE, password: 'CanBo1#2026!' },
      ],
      folders: { [UNIT_EMAIL]: UNIT_FOLDERS },
    }),
    startStaticServer(rendererOut),
    launchChromium(),
  ]);
  await stack.appendMessage(UNIT_EMAIL, 'INBOX', directive(GIAY_MOI, 'Kính mời dự họp giao ban.'));
  await stack.appendMessage(
    UNIT_EMAIL,
    'INBOX',
    directive(CHI_DAO, 'Chủ tịch UBND tỉnh chỉ đạo triển khai Đề án 06.', undefined, 'Tue, 24 Nov 2026 08:00:00 +0700'),
  );
  imap = await connectOther(stack, UNIT_EMAIL);
  head = await person(stack, browser, UNIT_EMAIL, 'unit', {
    pickFile: async () => answers.file.shift() ?? null,
    pickDirectory: async () => answers.dir.shift() ?? null,
  });
  // The register and the package are signed with the head's identity (its screens are tested elsewhere).
  await head.services.identity.create({
    name: 'Nguyễn Văn An',
    title: 'Chánh Văn phòng',
    unit: 'Văn phòng UBND tỉnh Bình Phước',
    email: 'an.nv@binhphuoc.gov.vn',
  });
  page = head.page;
  await openApp(head, web.url);
});

afterAll(async () => {
  await imap?.logout().catch(() => undefined);
  await leave(head);
  await browser?.close();
  await Promise.all([stack?.stop(), web?.close()]);
  cleanupWork?.();
});

describe('the main tasks with the keyboard only', () => {
  it('70 reads a message: Tab to the list, ↓ and Enter open it, Tab reaches "Đánh dấu đã đọc"', async () => {
    await expect.poll(() => byTestId('message-row').count(), { timeout: 60_000 }).toBe(2);
    // From the top of the page, every control on the way shows its focus.
    const list = await tabTo('message-list');
    expect(list.role).toBe('listbox');
    expect(list.name).toBe('Hộp thư đến');
    const first = await press('ArrowDown', 'first row');
    expect(first.ringOn).toContain('message-row');
    await press('Enter', 'open the first row');
    await expect.poll(() => byTestId('reader-subject').textContent(), { timeout: 30_000 }).toBe(CHI_DAO);
    // The row opened is unread until the user says otherwise.
    const row = byTestId('message-row').filter({ hasText: CHI_DAO });
    expect(await row.getAttribute('data-unread')).toBe('true');
    await shot(head, '70-kbd-read');
    await tabTo('reader-mark-read');
    await page.keyboard.press('Enter');
    await expect.poll(() => row.getAttribute('data-unread'), { timeout: 15_000 }).toBe('false');
    await expectVisibleFocus(page, 'after marking read');
  });

  it('71 searches: "/" to the box, typing finds "Chỉ đạo", Tab and Enter open the hit, Esc clears', async () => {
    const box = await press('/', 'search shortcut');
    expect(box.testId).toBe('search-input');
    expect(await page.getByRole('searchbox', { name: 'Tìm thư' }).count()).toBe(1);
    await page.keyboard.type('chi dao');
    await expect
      .poll(() => byTestId('list-title').textContent(), { timeout: 15_000 })
      .toMatch(/^Kết quả tìm kiếm \(\d+\)$/);
    await tabTo('message-list');
    await press('ArrowDown', 'first hit');
    await press('Enter', 'open the hit');
    await expect.poll(() => byTestId('reader-subject').textContent(), { timeout: 30_000 }).toBe(CHI_DAO);
    await shot(head, '71-kbd-search');
    await press('/', 'back to the search box');
    await page.keyboard.press('Escape');
    await expect.poll(() => byTestId('list-title').textContent()).toBe('Hộp thư đến');
    // Clearing hands the focus back to the list, once the folder's rows are there again.
    await expect.poll(async () => (await focusIndicator(page))?.testId).toBe('message-list');
    await expectVisibleFocus(page, 'search cleared');
  });

  it('72 "?" lists the shortcuts in Vietnamese; the focus stays inside; Esc closes and gives it back', async () => {
    expect((await focusIndicator(page))?.testId).toBe('message-list');
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Phím tắt' });
    await dialog.waitFor();
    const inside = await expectVisibleFocus(page, 'shortcuts opened');
    expect(inside.testId).toBe('shortcuts-close');
    expect(await dialog.getByRole('table', { name: 'Thao tác với thư' }).count()).toBe(1);
    expect(await dialog.getByRole('row', { name: /Delete\s*Chuyển vào Thùng rác/ }).count()).toBe(1);
    expect(await dialog.getByRole('row', { name: /Ctrl\s*\+\s*Z\s*Hoàn tác/ }).count()).toBe(1);
    // Arrow keys are read out by name, not as "↑".
    expect(await dialog.getByRole('row', { name: /Mũi tên lên\s*\/\s*Mũi tên xuống\s*Chọn thư/ }).count()).toBe(1);
    // Tab and Shift+Tab go round inside the window.
    for (const key of ['Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Tab']) {
      const focus = await press(key, `shortcuts ${key}`);
      expect(await dialog.evaluate((d, id) => d.querySelector(`[data-testid="${id}"]`) !== null, focus.testId)).toBe(
        true,
      );
    }
    await shot(head, '72-kbd-shortcuts');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await expectVisibleFocus(page, 'shortcuts closed')).testId).toBe('message-list');
    // In a text field "?" is a character, not a shortcut.
    await press('/', 'search box');
    await page.keyboard.type('?');
    expect(await byTestId('search-input').inputValue()).toBe('?');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('73 grants "Xử lý" in "Ủy quyền": the panel takes the focus, the form is filled by keys, Esc gives it back', async () => {
    await tabTo('btn-delegation', true);
    await press('Enter', 'open Ủy quyền');
    const panel = page.getByRole('dialog', { name: UNIT_EMAIL });
    await panel.waitFor();
    // The focus moved into the panel (a screen reader reads its title), not left behind it.
    const opened = await expectVisibleFocus(page, 'panel opened');
    expect(
      await panel.evaluate((p, el) => p.matches(el ?? '') || p.querySelector(el ?? '') !== null, opened.element),
    ).toBe(true);
    await byTestId('grants-empty').waitFor({ timeout: 60_000 });
    await tabTo('grant-delegate');
    await page.keyboard.type(DELEGATE);
    // Into the role group (on the chosen "Xem"), then ↓ chooses "Xử lý".
    const role = await press('Tab', 'role group');
    expect(role.testId).toBe('grant-role-xem');
    const xuLy = await press('ArrowDown', 'role Xử lý');
    expect(xuLy.testId).toBe('grant-role-xu-ly');
    expect(await byTestId('grant-preview').getAttribute('data-rights')).toBe('lrswite');
    await tabTo('grant-submit');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => byTestId('grant-result').textContent(), { timeout: 60_000 })
      .toContain(`Đã cấp quyền “Xử lý” cho ${DELEGATE}`);
    const acl = (await getAcl(imap, 'INBOX')).find((e) => e.identifier.toLowerCase() === DELEGATE);
    expect(acl ? normalizeRights(acl.rights).rights : null).toBe('lrswite');
    await expectVisibleFocus(page, 'after granting');
    await byTestId('grant-result').scrollIntoViewIfNeeded();
    await shot(head, '73-kbd-grant');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect((await expectVisibleFocus(page, 'panel closed')).testId).toBe('btn-delegation');
  });

  it('74 exports a handover package: the wizard by keys, the package valid, Esc back to "Bàn giao"', async () => {
    const recipient = await makeIdentity('Trần Thị Ánh Tuyết', 'ttatuyet@binhphuoc.gov.vn');
    const certificate = recipient.writePem(work, 'nguoi-nhan').cert;
    const parent = join(work, 'ban-giao');
    mkdirSync(parent);
    await tabTo('btn-handover', true);
    await press('Enter', 'open Bàn giao');
    const center = page.getByRole('dialog', { name: 'Bàn giao hộp thư & chữ ký số' });
    await center.waitFor();
    await byTestId('export-screen').waitFor();
    await expectVisibleFocus(page, 'handover window opened');
    // The tabs are one Tab stop, the open one; the arrows move along them.
    const tabs = await tabUntil(page, (f) => f.role === 'tab', { check: true, step: 'to the tabs' });
    expect(tabs.testId).toBe('handover-tab-export');
    expect((await press('ArrowRight', 'next tab')).testId).toBe('handover-tab-verify');
    expect(await byTestId('handover-tab-verify').getAttribute('aria-selected')).toBe('true');
    expect((await press('ArrowLeft', 'back to Bàn giao')).testId).toBe('handover-tab-export');
    await byTestId('export-screen').waitFor();
    answers.file.push(certificate);
    await tabTo('export-pick-recipient');
    await page.keyboard.press('Enter');
    await byTestId('export-recipient').waitFor({ timeout: 30_000 });
    await tabTo('export-confirm-fingerprint');
    await press('Space', 'fingerprint compared');
    expect(await byTestId('export-confirm-fingerprint').isChecked()).toBe(true);
    await tabTo('export-witness');
    await page.keyboard.type('Lê Thị Mai');
    await tabTo('export-place');
    await page.keyboard.type('Đồng Xoài');
    answers.dir.push(parent);
    await tabTo('export-pick-outdir');
    await page.keyboard.press('Enter');
    await expect.poll(() => byTestId('export-outdir').textContent()).toBe(parent);
    await tabTo('export-start');
    await shot(head, '74-kbd-export-form');
    // The app's own records so far (the Sổ ủy quyền's record of the grant above, the audit log of
    // the actions taken): the unit's folders too, so they are in the package with the two messages.
    let records = 0;
    for (const f of await imap.list())
      if (f.path.startsWith('UnitMailbox/') && !f.flags.has('\\Noselect')) {
        const status = await imap.status(f.path, { messages: true });
        records += status ? (status.messages ?? 0) : 0;
      }
    expect(records).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    await byTestId('export-done').waitFor({ timeout: 120_000 });
    const bag = (await byTestId('export-done-bag').textContent()) ?? '';
    const report = await verifyBag(bag, { clock: systemClock });
    expect(report.problems).toEqual([]);
    expect(report.counts.messages).toBe(2 + records);
    // The result takes the focus (or it is at least somewhere visible in the window).
    await expectVisibleFocus(page, 'export done');
    await shot(head, '75-kbd-export-done');
    await page.keyboard.press('Escape');
    await expect.poll(() => center.isVisible()).toBe(false);
    expect((await expectVisibleFocus(page, 'handover closed')).testId).toBe('btn-handover');
    expect(head.errors).toEqual([]);
  });

  it('76 the shortcuts in English when the interface is English', async () => {
    await tabTo('lang-switch');
    // A closed <select> changes with ↓ (Windows and Linux), as a keyboard user expects.
    await press('ArrowDown', 'language English');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await tabTo('message-list');
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.getByRole('row', { name: /Delete\s*Move to Trash/ }).count()).toBe(1);
    expect(await dialog.getByRole('row', { name: /Up arrow\s*\/\s*Down arrow\s*Select the message/ }).count()).toBe(1);
    await shot(head, '76-kbd-shortcuts-en');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await tabTo('lang-switch', true);
    await press('ArrowUp', 'language Vietnamese');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
    expect(head.errors).toEqual([]);
  });
});
