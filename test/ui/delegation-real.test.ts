// Delegation in Chromium against the REAL stack: three people, each with their
// own app services (own profile, own Secret Service name standing in for their
// own computer) behind the production dispatcher and the contract bridge. The
// unit head grants in the "Ủy quyền" panel; what reached the server is read
// with an independent IMAP client (GETACL); the delegates see the unit mailbox
// as a mailbox of its own with a banner and only the actions their rights
// allow; a Xử lý delegate files a message into "Đã xử lý"; the head revokes and
// the delegate's view shows the loss of access.
import { mkdirSync } from 'node:fs';
import type { ImapFlow } from 'imapflow';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeRights } from '../../shared/delegation.ts';
import { recordFolderPath } from '../../shared/records.ts';
import { getAcl, setAcl } from '../../electron/services/imap/imap-acl.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { UNIT_EMAIL, UNIT_FOLDERS, connectOther, directive } from '../support/fixtures.ts';
import { launchChromium } from './browser.ts';
import { SCREENSHOTS, leave, openApp, person, shot, type Person } from './delegation-people.ts';
import { ensureRendererBuilt, rendererOut } from './renderer-build.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

const PROCESSOR = 'canbo1@binhphuoc.gov.vn';
const READER = 'canbo2@binhphuoc.gov.vn';
const DONE = 'Đã xử lý';
const CONG_VAN = 'Công văn số 125/UBND-VP về rà soát hồ sơ';
const GIAY_MOI = 'Giấy mời họp giao ban tháng 12';

let stack: MailStack;
let web: StaticServer;
let browser: Browser;
let head: Person;
let processor: Person;
let reader: Person;
let imap: ImapFlow;

const open = (p: Person) => openApp(p, web.url);

/** The delegate's rights on a folder of the unit mailbox, as the server's GETACL reports them. */
async function rightsOn(folder: string, who: string): Promise<string | null> {
  const entry = (await getAcl(imap, folder)).find((e) => e.identifier.toLowerCase() === who);
  return entry ? normalizeRights(entry.rights).rights : null;
}

async function subjectsIn(folder: string): Promise<string[]> {
  const lock = await imap.getMailboxLock(folder, { readOnly: true });
  try {
    const out: string[] = [];
    await imap.noop(); // a selected folder's new mail is news only in answer to a command
    if (!imap.mailbox || imap.mailbox.exists === 0) return out;
    for await (const m of imap.fetch('1:*', { envelope: true })) out.push(m.envelope?.subject ?? '');
    return out;
  } finally {
    lock.release();
  }
}

/** A folder of the unit mailbox's own group in a delegate's folder pane. */
const unitFolder = (p: Person, label: string) =>
  p.page
    .locator(`[data-testid="shared-mailbox"][data-owner="${UNIT_EMAIL}"]`)
    .getByTestId('folder-item')
    .filter({ hasText: label })
    .locator('button');
const rowWith = (p: Person, subject: string) => p.page.getByTestId('message-row').filter({ hasText: subject });

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ensureRendererBuilt();
  [stack, web, browser] = await Promise.all([
    startMailStack({
      users: [
        { email: UNIT_EMAIL, password: 'ChiDao#2026!' },
        { email: PROCESSOR, password: 'CanBo1#2026!' },
        { email: READER, password: 'CanBo2#2026!' },
      ],
      folders: { [UNIT_EMAIL]: UNIT_FOLDERS },
    }),
    startStaticServer(rendererOut),
    launchChromium(),
  ]);
  await stack.appendMessage(UNIT_EMAIL, 'INBOX', directive(GIAY_MOI, 'Kính mời dự họp giao ban.'));
  await stack.appendMessage(UNIT_EMAIL, 'INBOX', directive(CONG_VAN, 'Đề nghị rà soát hồ sơ trước ngày 15.'));
  imap = await connectOther(stack, UNIT_EMAIL);

  head = await person(stack, browser, UNIT_EMAIL, 'unit');
  // The register is signed with the head's identity (made here: its screens belong to the handover UI).
  await head.services.identity.create({
    name: 'Nguyễn Văn An',
    title: 'Chánh Văn phòng',
    unit: 'Văn phòng UBND tỉnh Bình Phước',
    email: 'an.nv@binhphuoc.gov.vn',
  });
  processor = await person(stack, browser, PROCESSOR, 'personal');
  reader = await person(stack, browser, READER, 'personal');
});

afterAll(async () => {
  await imap?.logout().catch(() => undefined);
  for (const p of [head, processor, reader]) await leave(p);
  await browser?.close();
  await Promise.all([stack?.stop(), web?.close()]);
});

describe('delegation in the UI against the real server', () => {
  it('50 the head opens "Ủy quyền": nobody delegated yet, ACLs folder by folder in words', async () => {
    await open(head);
    const { page } = head;
    await page.getByTestId('btn-delegation').click();
    const panel = page.getByTestId('delegation-panel');
    await panel.getByTestId('grants-empty').waitFor({ timeout: 60_000 });
    expect(await panel.getByTestId('grants-empty').textContent()).toBe('Chưa ủy quyền cho ai.');
    const inboxRow = panel.locator('[data-testid="acl-row"][data-path="INBOX"]');
    expect(await inboxRow.textContent()).toContain('Hộp thư đến');
    expect(await inboxRow.textContent()).toContain('Chỉ chủ hộp thư');
    // The record tree is never offered for delegation.
    expect(await panel.locator('[data-testid="acl-row"][data-path^="UnitMailbox"]').count()).toBe(0);
    await expect.poll(() => panel.getByTestId('drift-ok').count(), { timeout: 30_000 }).toBe(1);
  });

  it('51 the grant form: official domains only, words shown live, "a" needs its own confirmation', async () => {
    const panel = head.page.getByTestId('delegation-panel');
    const form = panel.getByTestId('grant-form');
    await form.getByTestId('grant-delegate').fill('canbo1@yahoo.com');
    expect(await form.getByTestId('grant-delegate-error').textContent()).toContain('tên miền công vụ');
    expect(await form.getByTestId('grant-submit').isDisabled()).toBe(true);

    await form.getByTestId('grant-role-custom').check();
    await form.getByTestId('custom-letters').fill('lr');
    expect(await form.getByTestId('grant-preview').textContent()).toBe('Sẽ được: thấy thư mục, đọc thư');
    await form.getByTestId('right-w').check();
    expect(await form.getByTestId('grant-preview').getAttribute('data-rights')).toBe('lrw');
    expect(await form.getByTestId('grant-preview').textContent()).toContain('gắn nhãn/cờ');
    await form.getByTestId('grant-delegate').fill(PROCESSOR);
    expect(await form.getByTestId('grant-submit').isDisabled()).toBe(false);
    await form.getByTestId('right-a').check();
    expect(await form.getByTestId('admin-warning').textContent()).toContain('Quyền quản trị (a)');
    expect(await form.getByTestId('grant-submit').isDisabled()).toBe(true);
    await form.getByTestId('admin-confirm').check();
    expect(await form.getByTestId('grant-submit').isDisabled()).toBe(false);
    await form.getByTestId('right-a').uncheck();

    await form.getByTestId('grant-role-soan-gui').check();
    expect(await form.getByTestId('smtp-note').textContent()).toContain('smtpd_sender_login_maps');
    await form.getByTestId('grant-role-xu-ly').check();
    expect(await form.getByTestId('smtp-note').count()).toBe(0);
    expect(await form.getByTestId('grant-preview').getAttribute('data-rights')).toBe('lrswite');
    expect(await form.getByTestId('grant-preview').textContent()).toBe(
      'Sẽ được: thấy thư mục, đọc thư, giữ trạng thái đã đọc, gắn nhãn/cờ, thêm/chép thư vào, đánh dấu xóa thư, xóa hẳn (expunge)',
    );
    await form.getByTestId('grant-preview').scrollIntoViewIfNeeded();
    await shot(head, '51-grant-form');
  });

  it('52 the head grants Xử lý to canbo1 (whole mailbox): GETACL on the server shows it on every folder', async () => {
    const panel = head.page.getByTestId('delegation-panel');
    const form = panel.getByTestId('grant-form');
    await form.getByTestId('grant-submit').click();
    const result = form.getByTestId('grant-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain(`Đã cấp quyền “Xử lý” cho ${PROCESSOR}`);
    for (const folder of ['INBOX', DONE, 'Chỉ đạo', 'Trash']) {
      expect(await rightsOn(folder, PROCESSOR)).toBe('lrswite');
    }
    const row = panel.locator(`[data-testid="grant-row"][data-delegate="${PROCESSOR}"]`);
    await expect.poll(() => row.getByTestId('grant-status').textContent(), { timeout: 30_000 }).toBe('Đang hiệu lực');
    expect(await row.getByTestId('grant-role').textContent()).toBe('Xử lý');
    expect(await row.getByTestId('grant-scope').textContent()).toBe('Toàn bộ hộp thư (kể cả thư mục tạo sau)');
    // Words for people, letters only in the tooltip.
    expect(await row.getByTestId('grant-rights').textContent()).toContain('xóa hẳn (expunge)');
    expect(await row.getByTestId('grant-rights').getAttribute('title')).toContain('lrswite');
  });

  it('53 the head grants Xem to canbo2 on "Hộp thư đến" only; drift check and register are clean', async () => {
    const panel = head.page.getByTestId('delegation-panel');
    const form = panel.getByTestId('grant-form');
    await form.getByTestId('grant-delegate').fill(READER);
    await form.getByTestId('grant-role-xem').check();
    await form.getByTestId('grant-scope-some').check();
    await form.locator('[data-testid="grant-scope-folder"][data-path="INBOX"]').check();
    await form.getByTestId('grant-submit').click();
    await expect
      .poll(() => form.getByTestId('grant-result').textContent(), { timeout: 60_000 })
      .toContain(`Đã cấp quyền “Xem” cho ${READER} trên 1 thư mục`);
    expect(await rightsOn('INBOX', READER)).toBe('lrs');
    expect(await rightsOn(DONE, READER)).toBeNull();

    const row = panel.locator(`[data-testid="grant-row"][data-delegate="${READER}"]`);
    await expect
      .poll(() => row.getByTestId('grant-scope').textContent(), { timeout: 30_000 })
      .toBe('1 thư mục: Hộp thư đến');
    const inboxRow = panel.locator('[data-testid="acl-row"][data-path="INBOX"]');
    await expect.poll(() => inboxRow.getByTestId('acl-entry').count(), { timeout: 30_000 }).toBe(2);
    expect(await inboxRow.locator(`[data-identifier="${READER}"]`).textContent()).toBe(
      `${READER}: thấy thư mục, đọc thư, giữ trạng thái đã đọc`,
    );
    await panel.getByTestId('drift-check').click();
    await expect.poll(() => panel.getByTestId('drift-ok').count(), { timeout: 30_000 }).toBe(1);
    const register = panel.getByTestId('register');
    await expect.poll(() => register.getAttribute('data-records'), { timeout: 30_000 }).toBe('2');
    expect(await register.getAttribute('data-intact')).toBe('true');
    expect(await register.getByTestId('register-intact').textContent()).toBe(
      'Chuỗi bản ghi nguyên vẹn, mọi chữ ký hợp lệ.',
    );
    await panel.getByTestId('grants-table').scrollIntoViewIfNeeded();
    await shot(head, '50-delegation-overview');
    expect(head.errors).toEqual([]);
  });

  it('54 a Xem delegate sees the unit mailbox with the banner and no delete, move or flag', async () => {
    await open(reader);
    const { page } = reader;
    await unitFolder(reader, 'Hộp thư đến').waitFor({ timeout: 60_000 });
    // Only what was shared: INBOX, not "Đã xử lý".
    expect(await unitFolder(reader, DONE).count()).toBe(0);
    // Their own INBOX stays in their own tree.
    expect(
      await page.getByTestId('folder-tree').first().getByTestId('folder-item').first().getAttribute('data-path'),
    ).toBe('INBOX');
    await unitFolder(reader, 'Hộp thư đến').click();
    const banner = page.getByTestId('delegate-banner');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.getAttribute('data-state')).toBe('active');
    expect(await banner.getByTestId('delegate-banner-title').textContent()).toContain(
      `Đang làm việc thay: ${UNIT_EMAIL}`,
    );
    expect(await banner.getByTestId('delegate-rights').textContent()).toContain(
      'thấy thư mục, đọc thư, giữ trạng thái đã đọc',
    );
    expect(await banner.getByTestId('delegate-cannot').textContent()).toBe(
      'Không được: gắn cờ/nhãn, chuyển thư sang thư mục khác, xóa thư.',
    );
    expect(await banner.getByTestId('delegate-seen-note').textContent()).toContain('lưu riêng cho từng người');
    await expect.poll(() => rowWith(reader, CONG_VAN).count(), { timeout: 60_000 }).toBe(1);
    await rowWith(reader, CONG_VAN).click();
    await expect.poll(() => page.getByTestId('reader-subject').textContent(), { timeout: 30_000 }).toBe(CONG_VAN);
    expect(await page.getByTestId('action-trash').count()).toBe(0);
    expect(await page.getByTestId('action-move').count()).toBe(0);
    expect(await page.getByTestId('action-flag').count()).toBe(0);
    expect(await page.getByTestId('reader-flag').count()).toBe(0);
    expect(await page.getByTestId('action-mark-read').count()).toBe(1);
    // The Delete shortcut explains instead of sending what the server would refuse.
    await page.getByTestId('message-list').focus();
    await page.keyboard.press('Delete');
    await expect
      .poll(() => page.getByTestId('toast-not-allowed').textContent(), { timeout: 10_000 })
      .toContain(`Bạn không có quyền xóa thư trong thư mục này của ${UNIT_EMAIL}`);
    expect(await subjectsIn('INBOX')).toContain(CONG_VAN);
    await shot(reader, '52-delegate-banner-xem');
    expect(reader.errors).toEqual([]);
  });

  it(`55 a Xử lý delegate files a message into "${DONE}" of the unit mailbox, checked on the server`, async () => {
    await open(processor);
    const { page } = processor;
    await unitFolder(processor, 'Hộp thư đến').waitFor({ timeout: 60_000 });
    await unitFolder(processor, 'Hộp thư đến').click();
    await page.getByTestId('delegate-banner').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('delegate-cannot').count()).toBe(0);
    await expect.poll(() => rowWith(processor, CONG_VAN).count(), { timeout: 60_000 }).toBe(1);
    await rowWith(processor, CONG_VAN).click();
    expect(await page.getByTestId('action-trash').count()).toBe(1);
    await shot(processor, '52-delegate-banner');
    await page.getByTestId('action-move').click();
    const menu = page.getByTestId('move-menu');
    await menu.waitFor();
    // Unit mail stays in the unit mailbox: only its folders are offered, not the delegate's own.
    const targets = await menu.getByTestId('move-target').allTextContents();
    expect(targets.some((t) => t.includes(DONE))).toBe(true);
    expect(targets.some((t) => t.includes('Thùng rác'))).toBe(true);
    expect(await menu.getByTestId('move-target').count()).toBeLessThanOrEqual(UNIT_FOLDERS.length + 5);
    await menu.getByTestId('move-target').filter({ hasText: DONE }).first().click();
    const outcome = async () =>
      (await page.getByTestId('toast-moved').count())
        ? 'moved'
        : ((await page.getByTestId('toast-error').allTextContents())[0] ?? null);
    await expect.poll(outcome, { timeout: 30_000 }).not.toBeNull();
    expect(await outcome()).toBe('moved');
    await expect.poll(() => subjectsIn(DONE), { timeout: 30_000 }).toContain(CONG_VAN);
    expect(await subjectsIn('INBOX')).not.toContain(CONG_VAN);
    await expect.poll(() => rowWith(processor, CONG_VAN).count(), { timeout: 30_000 }).toBe(0);
    // The filed message is there in the unit's "Đã xử lý".
    await unitFolder(processor, DONE).first().click();
    await expect.poll(() => rowWith(processor, CONG_VAN).count(), { timeout: 30_000 }).toBe(1);
    expect(processor.errors).toEqual([]);
  });

  it('56 the head revokes canbo1: the time to loss of access is shown, GETACL finds nothing left', async () => {
    const panel = head.page.getByTestId('delegation-panel');
    const row = panel.locator(`[data-testid="grant-row"][data-delegate="${PROCESSOR}"]`);
    await row.getByTestId('grant-revoke').click();
    const dialog = head.page.getByTestId('revoke-dialog');
    expect(await dialog.textContent()).toContain(`Thu hồi quyền của ${PROCESSOR}?`);
    await dialog.getByTestId('dialog-confirm').click();
    const result = panel.getByTestId('revoke-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-confirmed')).toBe('true');
    const elapsed = Number(await result.getAttribute('data-elapsed-ms'));
    expect(elapsed).toBeGreaterThan(0);
    expect(await result.textContent()).toMatch(/Thời gian đến khi mất quyền: [\d,]+ giây/);
    console.log(`[delegation UI] revoke → confirmed empty on the server: ${elapsed} ms`);
    for (const folder of ['INBOX', DONE, 'Chỉ đạo', 'Trash']) expect(await rightsOn(folder, PROCESSOR)).toBeNull();
    await expect.poll(() => row.getByTestId('grant-status').textContent(), { timeout: 30_000 }).toBe('Đã thu hồi');
    await result.scrollIntoViewIfNeeded();
    await shot(head, '53-revoked');
  });

  it('57 the revoked delegate: the server refuses, the message is clear, the view shows the loss of access', async () => {
    const { page } = processor;
    // Still on the unit's "Đã xử lý" from before: act on the message there.
    await rowWith(processor, CONG_VAN).click();
    const started = Date.now();
    await page.getByTestId('action-flag').click();
    const toast = page.getByTestId('toast-error');
    await toast.waitFor({ timeout: 30_000 });
    expect(await toast.textContent()).toContain('không có quyền');
    const banner = page.getByTestId('delegate-banner');
    await expect.poll(() => banner.getAttribute('data-state'), { timeout: 30_000 }).toBe('revoked');
    console.log(`[delegation UI] delegate's next action → refused and shown: ${Date.now() - started} ms`);
    expect(await banner.textContent()).toContain(`Bạn không còn quyền làm việc thay cho ${UNIT_EMAIL}`);
    const group = page.locator(`[data-testid="shared-mailbox"][data-owner="${UNIT_EMAIL}"]`);
    expect(await group.getAttribute('data-state')).toBe('revoked');
    expect(await group.getByTestId('shared-lost').textContent()).toBe(
      `Quyền làm việc thay cho ${UNIT_EMAIL} đã bị thu hồi hoặc hết hạn.`,
    );
    expect(await page.getByTestId('action-flag').count()).toBe(0);
    await shot(processor, '54-delegate-revoked');
    // Nothing changed on the server.
    expect(await subjectsIn(DONE)).toContain(CONG_VAN);
  });

  it('58 the panel in English, with the same facts', async () => {
    const { page } = head;
    await page.getByTestId('delegation-close').click();
    await page.getByTestId('lang-switch').selectOption('en');
    await page.getByTestId('btn-delegation').click();
    const panel = page.getByTestId('delegation-panel');
    const row = panel.locator(`[data-testid="grant-row"][data-delegate="${READER}"]`);
    await expect.poll(() => row.getByTestId('grant-status').textContent(), { timeout: 60_000 }).toBe('Active');
    expect(await row.getByTestId('grant-rights').textContent()).toBe('see the folder, read messages, keep read status');
    expect(await panel.locator('#delegation-title').textContent()).toBe(UNIT_EMAIL);
    await page.getByTestId('delegation-close').click();
    await page.getByTestId('lang-switch').selectOption('vi');
    await page.getByTestId('btn-delegation').waitFor();
    await shot(head, '55-head-topbar');
    expect(head.errors).toEqual([]);
  });

  it('59 a grant past its end shows "Đã hết hạn, đang thu hồi" until the app revokes it (the host\'s timer)', async () => {
    // A short grant made through the service (the form takes whole days), then its end passes.
    const accountId = head.services.accounts.list()[0]?.id ?? '';
    const until = new Date(Date.now() + 3000).toISOString();
    await head.services.delegation.grant(accountId, {
      delegate: PROCESSOR,
      role: 'xem',
      scope: 'all',
      validUntil: until,
    });
    expect(await rightsOn('INBOX', PROCESSOR)).toBe('lrs');
    // Until its end has passed on the clock the head's services read (the system clock here).
    await expect.poll(() => Date.now() > Date.parse(until), { timeout: 30_000 }).toBe(true);
    const { page } = head;
    await page.getByTestId('btn-delegation').click();
    const panel = page.getByTestId('delegation-panel');
    const row = panel.locator(`[data-testid="grant-row"][data-delegate="${PROCESSOR}"]`);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('expired-revoking');
    expect(await row.getByTestId('grant-status').textContent()).toBe('Đã hết hạn, đang thu hồi');
    // What the app does at start and every minute.
    expect((await head.services.delegation.expireDue(accountId)).expired).toEqual([PROCESSOR]);
    await panel.getByTestId('delegation-reload').click();
    await expect.poll(() => row.getByTestId('grant-status').textContent(), { timeout: 60_000 }).toBe('Đã hết hạn');
    expect(await rightsOn('INBOX', PROCESSOR)).toBeNull();
    await page.getByTestId('delegation-close').click();
  });

  it('60 a right set behind the register\'s back (raw SETACL) is flagged; "Sửa" takes it off and records the fix', async () => {
    // Another client (or an administrator) gives canbo2 flags on "Chỉ đạo": no record explains it.
    await setAcl(imap, 'Chỉ đạo', READER, 'lrsw');
    const { page } = head;
    await page.getByTestId('btn-delegation').click();
    const panel = page.getByTestId('delegation-panel');
    await panel.getByTestId('drift-check').click();
    const finding = panel.locator(`[data-testid="drift-finding"][data-identifier="${READER}"]`);
    await finding.waitFor({ timeout: 60_000 });
    expect(await finding.getAttribute('data-kind')).toBe('unexplained');
    expect(await finding.textContent()).toContain('Quyền không có trong sổ');
    expect(await finding.textContent()).toContain('Chỉ đạo');
    await finding.scrollIntoViewIfNeeded();
    await shot(head, '56-drift');
    await finding.getByTestId('drift-fix').click();
    await panel.getByTestId('drift-fixed').waitFor({ timeout: 60_000 });
    expect(await rightsOn('Chỉ đạo', READER)).toBeNull();
    await expect.poll(() => panel.getByTestId('drift-ok').count(), { timeout: 30_000 }).toBe(1);
    const register = panel.getByTestId('register');
    // grant, grant, revoke, grant, expire, drift-fix
    await expect.poll(() => register.getAttribute('data-records'), { timeout: 30_000 }).toBe('6');
    expect(await register.getAttribute('data-intact')).toBe('true');
  });

  it('61 a record removed from the Sổ ủy quyền is detected and named', async () => {
    const folder = recordFolderPath('delegation', '/');
    const lock = await imap.getMailboxLock(folder);
    try {
      const uids = (await imap.search({ all: true }, { uid: true })) || [];
      expect(uids.length).toBe(6);
      await imap.messageDelete(String(Math.max(...uids)), { uid: true });
    } finally {
      lock.release();
    }
    const panel = head.page.getByTestId('delegation-panel');
    await panel.getByTestId('delegation-reload').click();
    const broken = panel.getByTestId('register-broken');
    await broken.waitFor({ timeout: 60_000 });
    expect(await panel.getByTestId('register').getAttribute('data-intact')).toBe('false');
    const problem = broken.getByTestId('register-problem').first();
    expect(await problem.getAttribute('data-kind')).toBe('missing-last');
    expect(await problem.textContent()).toMatch(/^Bản ghi số 6 /);
    await broken.scrollIntoViewIfNeeded();
    await shot(head, '57-register-tampered');
    expect(head.errors).toEqual([]);
  });
});
