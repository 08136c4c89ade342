// Delegation on a server WITHOUT IMAP ACL, in Chromium against the real stack
// (Dovecot with the ACL commands left out): the head's panel says so plainly
// and offers the one fallback the Regulation allows. The unit password is
// sealed to the delegate's certificate after the fingerprint was compared, the
// delegate opens the .p7m in their own app (the password lands in their
// keychain, nowhere on disk), and revoking it is the password-reset walk-through.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { UNIT_EMAIL, passwordOf } from '../support/fixtures.ts';
import { countInTree } from '../support/profile-scan.ts';
import { tempDir } from '../support/temp-dir.ts';
import { launchChromium } from './browser.ts';
import { SCREENSHOTS, leave, openApp, person, shot, type Person } from './delegation-people.ts';
import { ensureRendererBuilt, rendererOut } from './renderer-build.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

const DELEGATE = 'canbo1@binhphuoc.gov.vn';
const NEW_PASSWORD = 'MatKhauMoi#2026-12!';

let stack: MailStack;
let web: StaticServer;
let browser: Browser;
let head: Person;
let delegate: Person;
let downloads: { dir: string; cleanup: () => void };
let unitPassword: string;
const saved: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ensureRendererBuilt();
  [stack, web, browser] = await Promise.all([
    startMailStack({ aclCommands: false }),
    startStaticServer(rendererOut),
    launchChromium(),
  ]);
  unitPassword = passwordOf(stack, UNIT_EMAIL);
  downloads = tempDir('um-ui-sealed-');
  // The native save dialog, answered as a head would: a file in their documents.
  head = await person(stack, browser, UNIT_EMAIL, 'unit', {
    saveFile: async (suggestedName) => {
      const path = join(downloads.dir, suggestedName);
      saved.push(path);
      return path;
    },
  });
  await head.services.identity.create({
    name: 'Nguyễn Văn An',
    title: 'Chánh Văn phòng',
    unit: 'Văn phòng UBND tỉnh Bình Phước',
    email: 'an.nv@binhphuoc.gov.vn',
  });
  delegate = await person(stack, browser, DELEGATE, 'personal');
  await delegate.services.identity.create({
    name: 'Trần Văn Cán',
    title: 'Chuyên viên',
    unit: 'Văn phòng UBND tỉnh Bình Phước',
    email: DELEGATE,
  });
});

afterAll(async () => {
  await leave(head);
  await leave(delegate);
  downloads?.cleanup();
  await browser?.close();
  await Promise.all([stack?.stop(), web?.close()]);
});

describe('delegation on a server without IMAP ACL', () => {
  it('61 the panel says plainly that the server cannot share the mailbox, and offers no grant form', async () => {
    await openApp(head, web.url);
    const { page } = head;
    await page.getByTestId('btn-delegation').click();
    const panel = page.getByTestId('delegation-panel');
    const notice = panel.getByTestId('acl-unsupported');
    await notice.waitFor({ timeout: 60_000 });
    await expect
      .poll(() => notice.textContent(), { timeout: 30_000 })
      .toContain('Máy chủ thư không hỗ trợ phân quyền hộp thư (IMAP ACL)');
    expect(await notice.textContent()).toContain('niêm phong mật khẩu hộp thư bằng chứng thư số');
    expect(await panel.getByTestId('grant-form').count()).toBe(0);
    expect(await panel.getByTestId('grants-empty').count()).toBe(1);
  });

  it('62 the delegate’s certificate: its fingerprint is shown for comparison, then the password is sealed to it', async () => {
    const panel = head.page.getByTestId('delegation-panel');
    const pem = await delegate.services.identity.certificatePem();
    const expected = (await delegate.services.identity.current())?.info.sha256Fingerprint;
    await panel.getByTestId('fallback-certificate').setInputFiles({
      name: 'canbo1.pem',
      mimeType: 'application/x-pem-file',
      buffer: Buffer.from(pem),
    });
    const recipient = panel.getByTestId('fallback-recipient');
    await recipient.waitFor({ timeout: 30_000 });
    expect(await recipient.textContent()).toContain(`Chứng thư của Trần Văn Cán (${DELEGATE})`);
    expect(await recipient.getByTestId('fallback-fingerprint').textContent()).toBe(expected);
    // Nothing is sealed before the head confirms the comparison.
    expect(await recipient.getByTestId('fallback-seal').isDisabled()).toBe(true);
    await recipient.getByTestId('fallback-compared').check();
    await recipient.scrollIntoViewIfNeeded();
    await shot(head, '58-no-acl-seal');
    await recipient.getByTestId('fallback-seal').click();
    const result = panel.getByTestId('fallback-sealed');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-saved')).toBe('true');
    expect(saved).toHaveLength(1);
    const file = saved[0] as string;
    expect(file.endsWith('vanphong-cho-canbo1.p7m')).toBe(true);
    expect(await result.textContent()).toContain(file);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).includes(Buffer.from(unitPassword))).toBe(false);

    const row = panel.locator(`[data-testid="grant-row"][data-delegate="${DELEGATE}"]`);
    await expect
      .poll(() => row.getByTestId('grant-role').textContent(), { timeout: 30_000 })
      .toBe('Đã giao mật khẩu niêm phong');
    expect(await row.getByTestId('grant-status').textContent()).toBe('Đang hiệu lực');
    const register = panel.getByTestId('register');
    await expect.poll(() => register.getAttribute('data-records'), { timeout: 30_000 }).toBe('1');
    expect(await register.getAttribute('data-intact')).toBe('true');
  });

  it('63 the delegate opens the .p7m in their own app: the unit mailbox is added, its password only in their keychain', async () => {
    await openApp(delegate, web.url);
    const { page } = delegate;
    await page.getByTestId('import-credential-file').setInputFiles(saved[0] as string);
    const done = page.getByTestId('import-credential-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toBe(
      `Đã thêm hộp thư ${UNIT_EMAIL}; mật khẩu chỉ nằm trong kho khóa của máy này.`,
    );
    await expect
      .poll(() => page.getByTestId('account-switcher').locator('option').allTextContents(), { timeout: 30_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining(UNIT_EMAIL)]));
    expect(await delegate.keychain.get(secretKeys.accountPassword(UNIT_EMAIL))).toBe(unitPassword);
    expect(countInTree(delegate.profileDir, unitPassword).count).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain(unitPassword);
    await shot(delegate, '59-sealed-credential-imported');
    expect(delegate.errors).toEqual([]);
  });

  it('64 revoking = a new password: the walk-through tests it, stores it and records the revocation', async () => {
    const panel = head.page.getByTestId('delegation-panel');
    const reset = panel.getByTestId('password-reset');
    expect(await reset.textContent()).toContain(`đặt mật khẩu mới cho hộp thư ${UNIT_EMAIL}`);
    // The IT Centre sets the new password on the server.
    await stack.addUser({ email: UNIT_EMAIL, password: NEW_PASSWORD });
    await reset.getByTestId('reset-password').fill(NEW_PASSWORD);
    await reset.getByTestId('reset-submit').click();
    const done = reset.getByTestId('reset-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toBe('Đã lưu mật khẩu mới và ghi 2 bản ghi vào Sổ ủy quyền.');
    expect(await head.keychain.get(secretKeys.accountPassword(UNIT_EMAIL))).toBe(NEW_PASSWORD);
    const row = panel.locator(`[data-testid="grant-row"][data-delegate="${DELEGATE}"]`);
    await expect.poll(() => row.getByTestId('grant-status').textContent(), { timeout: 30_000 }).toBe('Đã thu hồi');
    await expect.poll(() => panel.getByTestId('register').getAttribute('data-records'), { timeout: 30_000 }).toBe('3');
    expect(await panel.getByTestId('register').getAttribute('data-intact')).toBe('true');
    expect(await head.page.locator('body').textContent()).not.toContain(NEW_PASSWORD);
    expect(countInTree(head.profileDir, NEW_PASSWORD).count).toBe(0);
    await reset.scrollIntoViewIfNeeded();
    await shot(head, '59-password-reset');
    expect(head.errors).toEqual([]);
  });
});
