// The composer in Chromium against the REAL services: the production dispatcher over
// createAppServices, Dovecot + Postfix from test/stack, a signing identity in the profile.
// Settings (the Art. 11 policy, the undo delay), a draft autosaved and reopened, a Vietnamese
// message with an attachment picked in main's dialog, the secret-marking and Art. 11 guards,
// "Hoàn tác", delivery to another user's INBOX and the Sent copy, a reply with In-Reply-To,
// the outbox while Postfix is down, and a signed message shown with its badge on the
// recipient's side. What arrived is checked with separate IMAP clients, polling (no sleeps).
// Own stack users and an in-memory keychain: nothing collides with other suites' entries.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/services/api/dispatcher.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { connectOther, draftFor, passwordOf } from '../support/fixtures.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expectAccessible } from './axe.ts';
import { installBridge, type Bridge } from './bridge.ts';
import { CONTEXT_OPTIONS, launchChromium } from './browser.ts';
import { ensureRendererBuilt, rendererOut, repoRoot } from './renderer-build.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

const SENDER = 'vpui@binhphuoc.gov.vn';
const RECIPIENT = 'nhanui@binhphuoc.gov.vn';
const SCREENSHOTS = join(repoRoot, 'test-artifacts/screenshots');
const ORIGINAL_ID = '<ke-hoach-2027.compose-real@binhphuoc.gov.vn>';
const ORIGINAL = 'Kế hoạch chuyển đổi số năm 2027';
const SUBJECT = 'Báo cáo tình hình thực hiện nhiệm vụ tháng 11/2026';
const ATTACHMENT = 'Báo cáo tháng 11 – Sở Nội vụ.pdf';

let stack: MailStack;
let web: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let bridge: Bridge;
let services: AppServices;
let senderId: string;
let recipientId: string;
let cleanupProfile: () => void;
let recipientImap: ImapFlow;
let senderImap: ImapFlow;
let attachmentPath: string;
const pageErrors: string[] = [];

const byTestId = (id: string) => page.getByTestId(id);
const composer = () => byTestId('composer');
const shot = async (name: string) => {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  await expectAccessible(page, name);
};

/** Types recipients the way a user pastes a list. */
async function pasteTo(text: string): Promise<void> {
  await page.evaluate(`(() => {
    const el = document.querySelector('[data-testid="compose-to-input"]');
    el.focus();
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(text)});
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}

/** The messages of a folder with their subject and Message-ID, read with the test's own IMAP client. */
async function listed(client: ImapFlow, folder: string) {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    await client.noop();
    const out: Array<{ uid: number; subject: string; messageId: string }> = [];
    await client.noop(); // a selected folder's new mail is news only in answer to a command
    if (!client.mailbox || client.mailbox.exists === 0) return out;
    for await (const m of client.fetch('1:*', { uid: true, envelope: true })) {
      out.push({ uid: m.uid, subject: m.envelope?.subject ?? '', messageId: m.envelope?.messageId ?? '' });
    }
    return out;
  } finally {
    lock.release();
  }
}

/** Polls the server until a message with this subject is in the folder; all of them. */
async function arrived(client: ImapFlow, folder: string, subject: string) {
  let found: Awaited<ReturnType<typeof listed>> = [];
  await expect
    .poll(async () => (found = (await listed(client, folder)).filter((m) => m.subject === subject)).length, {
      timeout: 60_000,
      interval: 200,
    })
    .toBeGreaterThan(0);
  return found;
}

async function parsed(client: ImapFlow, folder: string, uid: number) {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
    if (!msg || !msg.source) throw new Error(`no message ${uid} in ${folder}`);
    return { raw: msg.source.toString('latin1'), mail: await simpleParser(msg.source) };
  } finally {
    lock.release();
  }
}

/** Opens a new composer and waits for its signature (suggested from the signing identity). */
async function newComposer(): Promise<void> {
  await byTestId('compose-new').click();
  await composer().waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ensureRendererBuilt();
  [stack, web, browser] = await Promise.all([
    startMailStack({
      users: [
        { email: SENDER, password: 'VanPhongUi#2026!' },
        { email: RECIPIENT, password: 'NhanUi#2026!' },
      ],
    }),
    startStaticServer(rendererOut),
    launchChromium(),
  ]);
  await stack.appendMessage(
    SENDER,
    'INBOX',
    [
      `From: =?UTF-8?B?${Buffer.from('Sở Nội vụ').toString('base64')}?= <${RECIPIENT}>`,
      `To: ${SENDER}`,
      `Subject: =?UTF-8?B?${Buffer.from(`RE: TL: ${ORIGINAL}`).toString('base64')}?=`,
      'Date: Mon, 23 Nov 2026 08:00:00 +0700',
      `Message-ID: ${ORIGINAL_ID}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Kính gửi Văn phòng UBND tỉnh,\r\nĐề nghị góp ý kế hoạch trước ngày 30/11/2026.',
      '',
    ].join('\r\n'),
  );
  const profile = tempDir('um-ui-compose-');
  cleanupProfile = profile.cleanup;
  attachmentPath = join(profile.dir, ATTACHMENT);
  writeFileSync(attachmentPath, Buffer.from('%PDF-1.4\nbáo cáo tháng 11\n%%EOF\n'));
  services = createAppServices({
    clock: systemClock,
    profileDir: profile.dir,
    secrets: new MemorySecretStore(),
    logger: nullLogger,
    dialogs: fakeDialogs({ pickFiles: async () => [attachmentPath] }),
    openExternal: async () => undefined,
    appVersion: 'ui-test',
    platform: process.platform,
  });
  senderId = (await services.accounts.add(draftFor(stack, SENDER), passwordOf(stack, SENDER))).id;
  recipientId = (
    await services.accounts.add(
      draftFor(stack, RECIPIENT, { kind: 'unit', displayName: 'Sở Nội vụ' }),
      passwordOf(stack, RECIPIENT),
    )
  ).id;
  await services.identity.create({
    name: 'Nguyễn Văn An',
    title: 'Chánh Văn phòng',
    unit: 'Văn phòng UBND tỉnh Bình Phước',
    email: SENDER,
  });
  services.startOutbox();
  [recipientImap, senderImap] = await Promise.all([connectOther(stack, RECIPIENT), connectOther(stack, SENDER)]);
  context = await browser.newContext(CONTEXT_OPTIONS);
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  bridge = await installBridge(page, createDispatcher(services), { events: services.events });
  await page.goto(web.url);
  await byTestId('main-screen').waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  bridge?.dispose();
  await context?.close().catch(() => undefined);
  await browser?.close();
  await recipientImap?.logout().catch(() => undefined);
  await senderImap?.logout().catch(() => undefined);
  await services?.dispose().catch(() => undefined);
  cleanupProfile?.();
  await Promise.all([stack?.stop(), web?.close()]);
});

describe('settings for sending', () => {
  it('shows the Art. 11 policy read-only and sets the undo delay', async () => {
    await byTestId('btn-account-settings').click();
    await byTestId('send-policy').waitFor();
    expect(await byTestId('send-policy-source').textContent()).toBe('mặc định');
    expect(await byTestId('send-policy-freemail').textContent()).toContain('gmail.com');
    expect(await byTestId('send-policy-official').textContent()).toBe('gov.vn');
    await byTestId('settings-undo-seconds').fill('4');
    await byTestId('settings-undo-save').click();
    await expect.poll(() => byTestId('settings-undo-status').textContent()).toBe('Đã lưu.');
    expect(services.settings.preferences().sendUndoSeconds).toBe(4);
    await byTestId('send-settings').scrollIntoViewIfNeeded();
    await shot('compose-real-01-settings');
    await byTestId('btn-close-settings').click();
  });
});

describe('a draft', () => {
  it('is autosaved here and on the server, kept on "Lưu nháp", and reopened from Thư nháp', async () => {
    await newComposer();
    // The signature suggested from the signing identity sits below the typing point.
    await expect.poll(() => byTestId('compose-editor').textContent()).toContain('Nguyễn Văn An');
    await byTestId('compose-subject').fill('Dự thảo công văn về chuyển đổi số');
    await byTestId('compose-editor').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.insertText('Nội dung dự thảo, còn sửa tiếp.');
    await expect
      .poll(() => byTestId('compose-draft-status').textContent(), { timeout: 30_000 })
      .toMatch(/^Đã lưu nháp lúc \d\d:\d\d$/);
    await arrived(senderImap, 'Drafts', 'Dự thảo công văn về chuyển đổi số');
    await shot('compose-real-02-draft-saved');
    await page.keyboard.press('Escape');
    await byTestId('compose-discard').waitFor();
    expect(await page.evaluate('document.activeElement?.dataset.testid')).toBe('dialog-cancel');
    await byTestId('compose-save-draft').click();
    await expect.poll(() => composer().count()).toBe(0);
    await byTestId('drafts-entry').click();
    await byTestId('draft-row').first().waitFor();
    expect(await byTestId('draft-where').first().textContent()).toBe('Trên máy này và máy chủ');
    await shot('compose-real-03-drafts');
    await byTestId('draft-open').first().click();
    await composer().waitFor();
    expect(await byTestId('compose-subject').inputValue()).toBe('Dự thảo công văn về chuyển đổi số');
    expect(await byTestId('compose-editor').textContent()).toContain('Nội dung dự thảo, còn sửa tiếp.');
    // Closing it untouched asks nothing; the draft stays.
    await byTestId('compose-close').click();
    await expect.poll(() => composer().count()).toBe(0);
    expect((await services.drafts.list(senderId)).map((d) => d.where)).toEqual(['both']);
  });
});

describe('a new message', () => {
  it('writes Vietnamese with an attachment; warns on secret markings and refuses free webmail', async () => {
    await newComposer();
    await pasteTo(`Sở Nội vụ <${RECIPIENT}>, nguoidan@gmail.com,`);
    await expect.poll(() => byTestId('compose-to').getByTestId('recipient-chip').count()).toBe(2);
    await byTestId('compose-subject').fill(`[MẬT] ${SUBJECT}`);
    await byTestId('compose-editor').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.insertText('Kính gửi Sở Nội vụ, Văn phòng gửi báo cáo tháng 11 kèm theo.');
    await byTestId('compose-attach').click();
    await expect.poll(() => byTestId('compose-attachment-name').allTextContents()).toEqual([ATTACHMENT]);
    await byTestId('compose-send').click();
    await byTestId('compose-secret-confirm').waitFor();
    expect(await byTestId('compose-secret-hits').textContent()).toContain('“Mật” ở tiêu đề');
    expect(await page.evaluate('document.activeElement?.dataset.testid')).toBe('dialog-cancel');
    await shot('compose-real-04-secret-warning');
    await byTestId('dialog-cancel').click();
    await byTestId('compose-subject').fill(SUBJECT);
    await byTestId('compose-send').click();
    await byTestId('compose-refusal').waitFor({ timeout: 30_000 });
    expect(await byTestId('compose-refusal-addresses').textContent()).toContain('nguoidan@gmail.com');
    expect(services.outbox.list(senderId)).toEqual([]);
    await shot('compose-real-05-art11-refusal');
    await composer()
      .getByRole('button', { name: /nguoidan@gmail\.com/ })
      .click();
    await expectAccessible(page, 'compose-real composer');
  });

  it('"Hoàn tác" takes it back; sent again it reaches the INBOX with the file, and Sent keeps a copy', async () => {
    await byTestId('compose-send').click();
    await byTestId('toast-undo-send').waitFor({ timeout: 30_000 });
    await shot('compose-real-06-undo-toast');
    await byTestId('toast-undo-send').click();
    await composer().waitFor();
    expect(await byTestId('compose-subject').inputValue()).toBe(SUBJECT);
    expect(await byTestId('compose-attachment-name').allTextContents()).toEqual([ATTACHMENT]);
    expect(await byTestId('compose-editor').textContent()).toContain('Văn phòng gửi báo cáo tháng 11');
    await page.keyboard.press('Control+Enter');
    await byTestId('toast-queued').waitFor({ timeout: 30_000 });
    const [got] = await arrived(recipientImap, 'INBOX', SUBJECT);
    const { mail } = await parsed(recipientImap, 'INBOX', got!.uid);
    expect(mail.text).toContain('Kính gửi Sở Nội vụ, Văn phòng gửi báo cáo tháng 11 kèm theo.');
    expect(mail.text).toContain('Nguyễn Văn An');
    expect(mail.attachments.map((a) => a.filename)).toEqual([ATTACHMENT]);
    const sent = await arrived(senderImap, 'Sent', SUBJECT);
    expect(sent.map((m) => m.messageId)).toEqual([got!.messageId]);
  });
});

describe('a reply from the reader', () => {
  it('answers with one prefix and the quote, and arrives with In-Reply-To', async () => {
    const row = byTestId('message-row').filter({ hasText: ORIGINAL });
    await row.waitFor({ timeout: 60_000 });
    await row.click();
    await byTestId('reply-bar').waitFor();
    await byTestId('action-reply').click();
    await composer().waitFor();
    expect(await byTestId('compose-subject').inputValue()).toBe(`Re: ${ORIGINAL}`);
    expect(await byTestId('compose-editor').locator('blockquote').textContent()).toContain('Đề nghị góp ý');
    await page.keyboard.insertText('Văn phòng đã nhận và sẽ góp ý đúng hạn.');
    await shot('compose-real-07-reply');
    await page.keyboard.press('Control+Enter');
    await byTestId('toast-queued').waitFor({ timeout: 30_000 });
    const [got] = await arrived(recipientImap, 'INBOX', `Re: ${ORIGINAL}`);
    const { mail } = await parsed(recipientImap, 'INBOX', got!.uid);
    expect(mail.inReplyTo).toBe(ORIGINAL_ID);
    expect(mail.text).toMatch(/^Văn phòng đã nhận và sẽ góp ý đúng hạn\./);
    expect(mail.text).toContain('> Đề nghị góp ý kế hoạch trước ngày 30/11/2026.');
  });
});

describe('the outbox while Postfix is down', () => {
  it('shows "Chờ gửi lại"; after the restart "Gửi lại ngay" delivers it once', async () => {
    const subject = 'Thư gửi khi máy chủ thư tạm ngừng';
    await stack.crashSmtp();
    try {
      await newComposer();
      await pasteTo(`${RECIPIENT},`);
      await byTestId('compose-subject').fill(subject);
      await page.keyboard.press('Control+Enter');
      await byTestId('toast-queued').waitFor({ timeout: 30_000 });
      await byTestId('outbox-entry').click();
      const status = byTestId('outbox-row').filter({ hasText: subject }).getByTestId('outbox-status');
      await expect.poll(() => status.textContent(), { timeout: 60_000 }).toBe('Chờ gửi lại');
      expect(await byTestId('outbox-row').filter({ hasText: subject }).textContent()).toContain('Thử lại lúc');
      await shot('compose-real-08-outbox-retry');
    } finally {
      await stack.restartSmtp();
    }
    await byTestId('outbox-row').filter({ hasText: subject }).getByTestId('outbox-retry-now').click();
    const [got] = await arrived(recipientImap, 'INBOX', subject);
    await expect.poll(() => byTestId('outbox-row').filter({ hasText: subject }).count(), { timeout: 60_000 }).toBe(0);
    const copies = (await listed(recipientImap, 'INBOX')).filter((m) => m.messageId === got!.messageId);
    expect(copies).toHaveLength(1);
    await page.keyboard.press('Escape');
  });
});

describe('a signed message', () => {
  const subject = 'Công văn có ký số về lịch tiếp công dân';
  it('goes signed with "Ký số"', async () => {
    await newComposer();
    await pasteTo(`${RECIPIENT},`);
    await byTestId('compose-subject').fill(subject);
    await byTestId('compose-sign').check();
    await page.keyboard.press('Control+Enter');
    await byTestId('toast-queued').waitFor({ timeout: 30_000 });
    const [got] = await arrived(recipientImap, 'INBOX', subject);
    const { raw } = await parsed(recipientImap, 'INBOX', got!.uid);
    expect(raw).toMatch(/Content-Type: multipart\/signed; protocol="application\/pkcs7-signature"/);
  });

  it('shows the signed badge on the recipient side, with the fingerprint to compare', async () => {
    await byTestId('account-switcher').selectOption(recipientId);
    const row = byTestId('message-row').filter({ hasText: subject });
    await row.waitFor({ timeout: 60_000 });
    await row.click();
    const badge = byTestId('signed-badge');
    await badge.waitFor({ timeout: 30_000 });
    expect(await badge.getAttribute('data-state')).toBe('untrusted');
    expect(await byTestId('signed-badge-text').textContent()).toBe(
      'Đã ký số · Nguyễn Văn An · chưa xác minh được người ký',
    );
    expect(await badge.getAttribute('role')).toBe('note');
    await badge.locator('summary').click();
    expect(await byTestId('signed-fingerprint').textContent()).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    await shot('compose-real-09-signed-badge');
    expect(pageErrors).toEqual([]);
  });
});
