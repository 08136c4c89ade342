// Drafts, signatures, "Ký số", the state-secret warning and the signed badge in Chromium against
// the scripted dispatcher (fake-compose.ts): what the page sends (drafts.save with the draft's id,
// compose.send with draftId and sign), the statuses it shows, and the badge for each signature
// state. Screenshots in test-artifacts/screenshots/compose-drafts-*.png, axe on each.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageSignature } from '../../shared/mail.ts';
import { openFakePage, type FakePage } from './fake-page.ts';
import { cached, FakeMailbox, fakeAccount, folderInfo } from './fake-mailbox.ts';

const account = fakeAccount();
const SIGNER: Omit<MessageSignature, 'state'> = {
  signerName: 'Nguyễn Văn An',
  signerEmail: 'an.nv@binhphuoc.gov.vn',
  fingerprint: 'AB:CD:EF',
  signingTime: null,
  problems: [],
};
const signatureOf: Record<number, MessageSignature> = {
  1: { ...SIGNER, state: 'valid' },
  2: { ...SIGNER, state: 'invalid', problems: ['digest mismatch'] },
};

let ui: FakePage;
let page: Page;
let fake: FakeMailbox;
const byTestId = (id: string) => page.getByTestId(id);
const composer = () => byTestId('composer');
const shot = (name: string) => ui.shot(name);
const row = (uid: number) => page.locator(`[data-testid="message-row"][data-uid="${uid}"][data-folder="INBOX"]`);

beforeAll(async () => {
  fake = new FakeMailbox({
    account,
    folders: [folderInfo('INBOX', { specialUse: '\\Inbox' })],
    messages: [
      cached('INBOX', 1, 'Chỉ đạo có ký số'),
      cached('INBOX', 2, 'Thư bị sửa sau khi ký'),
      cached('INBOX', 3, 'Thư thường'),
    ],
    overrides: {
      'mail.message': async (input, own) => ({ ...(await own()), signature: signatureOf[input.uid] ?? null }),
    },
  });
  fake.compose.signatures.set(account.email, {
    name: 'Trần Thị Bình',
    title: 'Chánh Văn phòng',
    unit: 'Văn phòng UBND tỉnh Bình Phước',
    phone: '0271 3879 123',
    extra: '',
    auto: true,
  });
  ui = await openFakePage(fake);
  ({ page } = ui);
  await row(1).waitFor();
});

afterAll(() => ui?.close());

describe('signatures and drafts', () => {
  it('puts the signature under the typing point; "Chữ ký…" edits it and swaps it in the body', async () => {
    await byTestId('compose-new').click();
    await composer().waitFor();
    const editor = byTestId('compose-editor');
    await expect.poll(() => editor.textContent()).toContain('Trần Thị Bình');
    expect(await editor.locator('p[data-signature="true"]').count()).toBe(1);
    await byTestId('compose-signature').click();
    await byTestId('signature-editor').waitFor();
    await expect.poll(() => byTestId('signature-name').inputValue()).toBe('Trần Thị Bình');
    await byTestId('signature-phone').fill('0271 3879 999');
    await shot('compose-drafts-01-signature-editor');
    await byTestId('signature-save').click();
    await expect.poll(() => editor.textContent()).toContain('ĐT: 0271 3879 999');
    expect(await editor.locator('p[data-signature="true"]').count()).toBe(1);
    expect(fake.compose.signatures.get(account.email)?.phone).toBe('0271 3879 999');
  });

  it('autosaves after typing; with the server away it says so, and the draft is kept here', async () => {
    fake.compose.draftServerDown = 'Không kết nối được tới máy chủ.';
    await byTestId('compose-subject').fill('Dự thảo kế hoạch cải cách hành chính');
    await expect
      .poll(() => byTestId('compose-draft-status').textContent(), { timeout: 15_000 })
      .toMatch(/^Đã lưu trên máy này lúc \d\d:\d\d, chưa lưu lên máy chủ \(Không kết nối được tới máy chủ\.\)$/);
    const saves = fake.compose.draftSaves.length;
    expect(saves).toBe(1);
    expect(fake.compose.draftSaves[0]?.draftId).toBeUndefined();
    fake.compose.draftServerDown = null;
    await byTestId('compose-editor').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.insertText('Kính gửi các sở.');
    await expect
      .poll(() => byTestId('compose-draft-status').textContent(), { timeout: 15_000 })
      .toMatch(/^Đã lưu nháp lúc \d\d:\d\d$/);
    const [first, second] = fake.compose.draftSaves;
    expect(second?.draftId).toBe([...fake.compose.drafts.keys()][0]);
    expect(second?.input.text).toContain('Kính gửi các sở.');
    expect(first?.input.subject).toBe('Dự thảo kế hoạch cải cách hành chính');
    await shot('compose-drafts-02-autosaved');
  });

  it('Esc offers "Lưu nháp"; Thư nháp lists it and reopens it; sending passes its id and removes it', async () => {
    await page.keyboard.press('Escape');
    await byTestId('compose-discard').waitFor();
    expect(await page.evaluate('document.activeElement?.dataset.testid')).toBe('dialog-cancel');
    await shot('compose-drafts-03-close-choice');
    await byTestId('compose-save-draft').click();
    await expect.poll(() => composer().count()).toBe(0);
    await byTestId('drafts-entry').click();
    await byTestId('draft-row').waitFor();
    expect(await byTestId('draft-where').textContent()).toBe('Trên máy này và máy chủ');
    await shot('compose-drafts-04-list');
    await byTestId('draft-open').click();
    await composer().waitFor();
    expect(await byTestId('compose-subject').inputValue()).toBe('Dự thảo kế hoạch cải cách hành chính');
    expect(await byTestId('compose-editor').locator('p[data-signature="true"]').count()).toBe(1);
    const id = [...fake.compose.drafts.keys()][0];
    await page.evaluate(`(() => {
      const el = document.querySelector('[data-testid="compose-to-input"]');
      el.focus();
      const data = new DataTransfer();
      data.setData('text/plain', 'soyte@binhphuoc.gov.vn,');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    await byTestId('compose-send').click();
    await byTestId('toast-queued').waitFor();
    expect(fake.compose.accepted.at(-1)?.draftId).toBe(id);
    expect(fake.compose.accepted.at(-1)?.text).toContain('-- \nTrần Thị Bình');
    expect(fake.compose.drafts.size).toBe(0);
  });
});

describe('before sending', () => {
  it('warns on a state-secret marking with "Không gửi" focused, and sends on "Vẫn gửi"', async () => {
    await byTestId('compose-new').click();
    await composer().waitFor();
    await page.keyboard.insertText('soyte@binhphuoc.gov.vn,');
    await byTestId('compose-subject').fill('Tối mật - Phương án bảo vệ');
    const before = fake.compose.accepted.length;
    await byTestId('compose-send').click();
    await byTestId('compose-secret-confirm').waitFor();
    expect(await page.evaluate('document.activeElement?.dataset.testid')).toBe('dialog-cancel');
    expect(await byTestId('compose-secret-hits').textContent()).toContain('“Tối mật” ở tiêu đề');
    expect(await byTestId('compose-secret-confirm').textContent()).toContain('Luật Bảo vệ bí mật nhà nước');
    await shot('compose-drafts-05-secret');
    await byTestId('dialog-cancel').click();
    expect(fake.compose.accepted.length).toBe(before);
    await byTestId('compose-send').click();
    await byTestId('dialog-confirm').click();
    await byTestId('toast-queued').waitFor();
    expect(fake.compose.accepted.length).toBe(before + 1);
  });

  it('"Ký số" without an identity says so, with the way to the identity screen', async () => {
    await byTestId('compose-new').click();
    await composer().waitFor();
    await page.keyboard.insertText('soyte@binhphuoc.gov.vn,');
    await byTestId('compose-subject').fill('Thư cần ký số');
    await byTestId('compose-sign').check();
    await byTestId('compose-send').click();
    await byTestId('compose-identity-missing').waitFor();
    expect(await byTestId('compose-identity-missing').textContent()).toContain('Chưa có danh tính ký số');
    expect(await byTestId('compose-open-identity').count()).toBe(1);
    await shot('compose-drafts-06-identity-missing');
    fake.compose.hasIdentity = true;
    await byTestId('compose-send').click();
    await byTestId('toast-queued').waitFor();
    expect(fake.compose.accepted.at(-1)?.sign).toBe(true);
  });
});

describe('the signed badge', () => {
  it('says valid, invalid (as an alert) or nothing, in words', async () => {
    await row(1).click();
    await byTestId('signed-badge').waitFor();
    expect(await byTestId('signed-badge-text').textContent()).toBe('Đã ký số · Nguyễn Văn An (hợp lệ)');
    expect(await byTestId('signed-badge').getAttribute('role')).toBe('note');
    await shot('compose-drafts-07-badge-valid');
    await row(2).click();
    await expect.poll(() => byTestId('signed-badge').getAttribute('data-state')).toBe('invalid');
    expect(await byTestId('signed-badge').getAttribute('role')).toBe('alert');
    expect(await byTestId('signed-badge-text').textContent()).toBe(
      'Chữ ký số không hợp lệ: nội dung đã bị thay đổi sau khi ký',
    );
    await shot('compose-drafts-08-badge-invalid');
    await row(3).click();
    await expect.poll(() => byTestId('reader-subject').textContent()).toBe('Thư thường');
    expect(await byTestId('signed-badge').count()).toBe(0);
    expect(fake.refused).toEqual([]);
    expect(ui.pageErrors).toEqual([]);
  });
});
