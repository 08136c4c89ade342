// Read receipts, contacts, the province directory and the message list's context menu in
// Chromium against the scripted dispatcher (fake-mailbox.ts with fake-receipts.ts): the reader's
// receipt bar per policy and the call it makes, the sent-receipts window, the contacts import
// report and list, the directory's status, a directory group expanding into chips, and the
// context menu opening the composer by keyboard and by mouse. Screenshots in
// test-artifacts/screenshots/receipts-*.png; axe on each screen shown, with no violation at all.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/directory.ts';
import type { PendingReceipt } from '../../shared/receipts.ts';
import { runAxe } from './axe.ts';
import type { Bridge } from './bridge.ts';
import { channelCheck } from './channel-check.ts';
import { openFakePage, type FakePage } from './fake-page.ts';
import { cached, FakeMailbox, fakeAccount, folderInfo } from './fake-mailbox.ts';

const account = fakeAccount();
const SO_NV = { name: 'Sở Nội vụ', address: 'sonoivu@binhphuoc.gov.vn' };
const SO_TC = { name: 'Sở Tài chính', address: 'sotaichinh@binhphuoc.gov.vn' };
const GROUPS = 'ou=nhom,dc=binhphuoc,dc=gov,dc=vn';
const COUNCIL_DN = `cn=Các sở\\, ban\\, ngành,${GROUPS}`;

let ui: FakePage;
let page: Page;
let bridge: Bridge;
let fake: FakeMailbox;

const byTestId = (id: string) => page.getByTestId(id);
const row = (uid: number) => page.locator(`[data-testid="message-row"][data-uid="${uid}"][data-folder="INBOX"]`);
const callsTo = (channel: string) => bridge.calls.filter((c) => c.channel === channel);
const shot = async (name: string) => {
  await ui.shot(name);
  const { violations } = await runAxe(page);
  expect(
    violations.map((v) => `${v.impact ?? '?'} ${v.id}`),
    `axe on "${name}"`,
  ).toEqual([]);
};

function request(uid: number, subject: string, extra: Partial<PendingReceipt> = {}): PendingReceipt {
  return {
    folder: 'INBOX',
    uid,
    messageId: `<req-${uid}@binhphuoc.gov.vn>`,
    subject,
    from: SO_NV.address,
    date: '2026-12-01T02:00:00.000Z',
    receiptTo: [SO_NV.address],
    returnPathMismatch: false,
    ...extra,
  };
}

function contact(id: number, name: string, address: string, organization: string, title: string): Contact {
  const at = '2026-12-01T02:00:00.000Z';
  return {
    id,
    name,
    address,
    organization,
    title,
    phone: '0271 3879 000',
    source: 'vcard',
    addedAt: at,
    updatedAt: at,
  };
}

async function openSettings(): Promise<void> {
  await byTestId('btn-account-settings').click();
  await byTestId('account-settings').waitFor();
}
async function closeSettings(): Promise<void> {
  await byTestId('btn-close-settings').click();
  await expect.poll(() => byTestId('account-settings').count()).toBe(0);
}
async function closeComposer(): Promise<void> {
  await page.keyboard.press('Escape');
  if (await byTestId('compose-discard').count()) await byTestId('dialog-confirm').click();
  await expect.poll(() => byTestId('composer').count()).toBe(0);
}

function seed(f: FakeMailbox): void {
  f.receipts.requests = [
    request(2, 'Công văn 123/UBND-VP về chuyển đổi số'),
    request(3, 'Đề nghị cung cấp số liệu', { receiptTo: ['thongke@dichvu-ngoai.vn'], returnPathMismatch: true }),
    request(4, 'Thông báo lịch trực Tết'),
    request(5, 'Kế hoạch kiểm tra công vụ'),
  ];
  f.receipts.sent = [
    {
      messageId: '<sent-1@binhphuoc.gov.vn>',
      subject: 'Triển khai Kế hoạch chuyển đổi số năm 2027',
      sentAt: '2026-12-03T01:30:00.000Z',
      from: account.email,
      recipients: [
        { recipient: SO_NV.address, state: 'displayed', at: '2026-12-03T07:05:00.000Z' },
        { recipient: SO_TC.address, state: 'waiting', at: null },
      ],
    },
  ];
  f.receipts.directory = {
    configured: true,
    source: '/etc/unit-mailbox/directory.json',
    error: null,
    config: {
      url: 'ldaps://danhba.binhphuoc.gov.vn',
      baseDn: 'dc=binhphuoc,dc=gov,dc=vn',
      caFile: null,
      bind: 'anonymous',
      searchAttributes: ['cn', 'mail'],
      timeoutSeconds: 5,
      maxResults: 50,
    },
    reachable: true,
    problem: null,
  };
  f.receipts.entries = [
    { dn: COUNCIL_DN, kind: 'group', name: 'Các sở, ban, ngành', address: null, title: '', unit: '', phone: '' },
  ];
  f.receipts.groups.set(COUNCIL_DN, {
    dn: COUNCIL_DN,
    name: 'Các sở, ban, ngành',
    members: [
      { dn: 'ou=Sở Nội vụ', name: SO_NV.name, address: SO_NV.address },
      { dn: 'ou=Sở Tài chính', name: SO_TC.name, address: SO_TC.address },
    ],
    skipped: [{ dn: 'ou=Sở đã giải thể', reason: 'no-address' }],
    truncated: false,
  });
  f.compose.addressBook = [
    { name: 'Trần Thị Bình', address: 'ttbinh@binhphuoc.gov.vn', source: 'directory', detail: 'Giám đốc · Sở Y tế' },
  ];
}

beforeAll(async () => {
  fake = new FakeMailbox({
    account,
    folders: [folderInfo('INBOX', { specialUse: '\\Inbox' }), folderInfo('Sent', { specialUse: '\\Sent' })],
    messages: [
      cached('INBOX', 1, 'Giấy mời họp giao ban tuần 48', { from: [SO_TC] }),
      cached('INBOX', 2, 'Công văn 123/UBND-VP về chuyển đổi số', { from: [SO_NV] }),
      cached('INBOX', 3, 'Đề nghị cung cấp số liệu', { from: [SO_NV] }),
      cached('INBOX', 4, 'Thông báo lịch trực Tết', { from: [SO_NV] }),
      cached('INBOX', 5, 'Kế hoạch kiểm tra công vụ', { from: [SO_NV] }),
    ],
  });
  seed(fake);
  ui = await openFakePage(fake);
  ({ page, bridge } = ui);
  await row(2).waitFor();
});

afterAll(() => ui?.close());

describe('answering read-receipt requests', () => {
  it('"ask": a quiet bar asks; "Gửi xác nhận" answers that message once', async () => {
    await row(2).click();
    await byTestId('receipt-bar').waitFor();
    await expect
      .poll(() => byTestId('receipt-bar-text').textContent())
      .toBe('Người gửi yêu cầu xác nhận đã đọc thư này. Gửi xác nhận?');
    await expect.poll(() => byTestId('receipt-bar-mismatch').count()).toBe(0);
    expect(callsTo('receipts.answer')).toEqual([]);
    await shot('receipts-01-reader-bar');
    await byTestId('receipt-send').click();
    await byTestId('receipt-bar-done').waitFor();
    await expect
      .poll(() => byTestId('receipt-bar-done').textContent())
      .toContain('Đã đưa xác nhận đã đọc vào hộp thư đi');
    expect(fake.receipts.answered).toEqual([{ folder: 'INBOX', uid: 2 }]);
    expect(callsTo('receipts.answer').map((c) => c.payload)).toEqual([
      { accountId: account.id, folder: 'INBOX', uid: 2 },
    ]);
  });

  it('shows nothing for a message that asks for no receipt', async () => {
    await row(1).click();
    await byTestId('reading-pane').waitFor();
    await channelCheck(page, bridge);
    await expect.poll(() => byTestId('reader-subject').textContent()).toBe('Giấy mời họp giao ban tuần 48');
    await expect.poll(() => byTestId('receipt-bar').count()).toBe(0);
  });

  it('says when the receipt would go elsewhere than the sender; "Không" sends nothing', async () => {
    await row(3).click();
    await byTestId('receipt-bar-mismatch').waitFor();
    await expect.poll(() => byTestId('receipt-bar-mismatch').textContent()).toContain('thongke@dichvu-ngoai.vn');
    await byTestId('receipt-decline').click();
    await expect.poll(() => byTestId('receipt-bar').count()).toBe(0);
    expect(fake.receipts.answered).toHaveLength(1);
  });

  it('the policy in settings: "never" shows nothing, "always" answers once by itself', async () => {
    await openSettings();
    const policy = byTestId('receipt-policy');
    await policy.scrollIntoViewIfNeeded();
    await expect.poll(() => byTestId('receipt-policy-ask').isChecked()).toBe(true);
    await expect.poll(() => policy.textContent()).toContain('RFC 8098');
    await byTestId('receipt-policy-never').check();
    await expect.poll(() => fake.preferences.receiptPolicy).toBe('never');
    await expect.poll(() => byTestId('receipt-policy-status').textContent()).toBe('Đã lưu.');
    await shot('receipts-02-policy-settings');
    await closeSettings();
    const asked = callsTo('receipts.pending').length;
    await row(4).click();
    await expect.poll(() => byTestId('reader-subject').textContent()).toBe('Thông báo lịch trực Tết');
    await channelCheck(page, bridge);
    await expect.poll(() => byTestId('receipt-bar').count()).toBe(0);
    // "never": the server is not even asked.
    expect(callsTo('receipts.pending')).toHaveLength(asked);

    await openSettings();
    await byTestId('receipt-policy-always').check();
    await expect.poll(() => fake.preferences.receiptPolicy).toBe('always');
    await closeSettings();
    await row(5).click();
    await byTestId('receipt-bar-done').waitFor();
    await expect.poll(() => byTestId('receipt-bar-done').textContent()).toContain('tự động');
    expect(fake.receipts.answered.at(-1)).toEqual({ folder: 'INBOX', uid: 5 });
    // Under "always" the mismatching request is still asked, never sent by itself.
    await row(3).click();
    await expect.poll(() => byTestId('reader-subject').textContent()).toBe('Đề nghị cung cấp số liệu');
    await channelCheck(page, bridge);
    expect(fake.receipts.answered.map((a) => a.uid)).toEqual([2, 5]);
    fake.preferences = { ...fake.preferences, receiptPolicy: 'ask' };
  });
});

describe('receipts of sent messages', () => {
  it('"Xác nhận đã đọc" lists each recipient: read at HH:MM dd/MM/yyyy, or no receipt yet', async () => {
    await byTestId('receipts-entry').click();
    await byTestId('receipts').waitFor();
    await expect.poll(() => byTestId('receipt-recipient').count()).toBe(2);
    const states = await byTestId('receipt-state').allTextContents();
    expect(states).toEqual(['đã đọc lúc 14:05 03/12/2026', 'chưa có xác nhận']);
    await expect.poll(() => byTestId('receipt-progress').textContent()).toBe('1/2 người nhận đã xác nhận');
    await expect.poll(() => byTestId('receipts').textContent()).toContain('Triển khai Kế hoạch chuyển đổi số năm 2027');
    await shot('receipts-03-sent-view');
    await page.keyboard.press('Escape');
    await expect.poll(() => byTestId('receipts').count()).toBe(0);
  });
});

describe('contacts and the province directory', () => {
  it('imports a file and shows the report, the searchable list and the directory status', async () => {
    fake.receipts.importNext = {
      report: {
        file: 'danh-ba-so-noi-vu.vcf',
        format: 'vcard',
        imported: 2,
        updated: 0,
        unchanged: 0,
        skipped: 1,
        reasons: [{ reason: 'invalid-address', count: 1, examples: ['Nguyễn Văn Hùng <hung@>'] }],
        summaryVi: 'Đã nhập 2 liên hệ, bỏ qua 1 (địa chỉ không hợp lệ).',
      },
      contacts: [
        contact(1, 'Nguyễn Văn An', 'nvan@binhphuoc.gov.vn', 'Sở Nội vụ', 'Phó Giám đốc'),
        contact(2, 'Lê Thị Hoa', 'lthoa@binhphuoc.gov.vn', 'Sở Tài chính', 'Chuyên viên'),
      ],
    };
    await openSettings();
    const status = byTestId('directory-status-line');
    await status.scrollIntoViewIfNeeded();
    await expect.poll(() => status.textContent()).toBe('Danh bạ điện tử của tỉnh: đã cấu hình · kết nối được');
    await expect.poll(() => byTestId('contacts-count').textContent()).toBe('Danh bạ chưa có liên hệ nào.');
    await byTestId('contacts-import').click();
    await byTestId('contacts-report').waitFor();
    await expect
      .poll(() => byTestId('contacts-report-summary').textContent())
      .toBe('Tệp danh-ba-so-noi-vu.vcf: đã nhập 2 liên hệ mới, cập nhật 0, không đổi 0, bỏ qua 1.');
    await expect.poll(() => byTestId('contacts-report-reasons').textContent()).toContain('địa chỉ không hợp lệ: 1');
    await expect.poll(() => byTestId('contact-row').count()).toBe(2);
    await byTestId('contacts-search').fill('nguyen van');
    await expect.poll(() => byTestId('contact-row').count()).toBe(1);
    await expect.poll(() => byTestId('contact-row').textContent()).toContain('Phó Giám đốc · Sở Nội vụ');
    await byTestId('contacts-settings').scrollIntoViewIfNeeded();
    await shot('receipts-04-contacts');
    // A cancelled dialog says so and changes nothing.
    await byTestId('contacts-import').click();
    await byTestId('contacts-cancelled').waitFor();
    await closeSettings();
  });

  it('the composer shows directory details, and a group expands into its members', async () => {
    await byTestId('message-list').focus();
    await page.keyboard.press('Control+n');
    await byTestId('composer').waitFor();
    const input = byTestId('compose-to-input');
    await input.focus();
    await page.keyboard.type('ttbinh');
    await expect.poll(() => byTestId('recipient-suggestion').count()).toBe(1);
    await expect.poll(() => byTestId('recipient-suggestion').textContent()).toContain('Giám đốc · Sở Y tế');
    await input.fill('');
    await page.keyboard.type('các sở');
    await expect.poll(() => byTestId('recipient-suggestion').count()).toBe(1);
    await expect.poll(() => byTestId('recipient-suggestion').textContent()).toContain('Nhóm trong danh bạ điện tử');
    await shot('receipts-05-group-suggestion');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const chips = byTestId('compose-to').getByTestId('recipient-chip');
    await expect.poll(() => chips.count()).toBe(2);
    expect(await chips.allTextContents()).toEqual([
      expect.stringContaining('Sở Nội vụ'),
      expect.stringContaining('Sở Tài chính'),
    ]);
    await expect
      .poll(() => byTestId('compose-to-group-status').textContent())
      .toBe('Đã thêm 2 thành viên của nhóm Các sở, ban, ngành. 1 thành viên không có địa chỉ thư nên không được thêm.');
    expect(callsTo('directory.expandGroup').map((c) => c.payload)).toEqual([{ accountId: account.id, dn: COUNCIL_DN }]);
    expect(await input.inputValue()).toBe('');
    await closeComposer();
  });
});

describe('the message list context menu', () => {
  it('Shift+F10 opens an accessible menu walked with the arrows; Esc gives the focus back', async () => {
    await row(1).click();
    await page.keyboard.press('Shift+F10');
    const menu = byTestId('row-menu');
    await menu.waitFor();
    await expect.poll(() => menu.getAttribute('role')).toBe('menu');
    await expect.poll(() => menu.getAttribute('aria-label')).toBe('Thao tác với thư "Giấy mời họp giao ban tuần 48"');
    const items = await menu.getByRole('menuitem').allTextContents();
    expect(items).toEqual([
      'Trả lời',
      'Trả lời tất cả',
      'Chuyển tiếp',
      'Chuyển tiếp dạng tệp đính kèm',
      'Đánh dấu đã đọc',
      'Gắn cờ',
      'Chuyển tới…',
      'Xóa',
    ]);
    const focused = () => page.evaluate<string>("document.activeElement?.textContent ?? ''");
    await expect.poll(() => focused()).toBe('Trả lời');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused()).toBe('Trả lời tất cả');
    await page.keyboard.press('End');
    await expect.poll(() => focused()).toBe('Xóa');
    // Delete is the list's "to the trash" key: inside the menu it does nothing.
    await page.keyboard.press('Delete');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused()).toBe('Trả lời');
    await shot('receipts-06-row-menu');
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('message-list');
    expect(fake.messages.find((m) => m.uid === 1)?.folder).toBe('INBOX');
  });

  it('by keyboard: the Menu key, then Enter on "Trả lời" opens the reply', async () => {
    await page.keyboard.press('ContextMenu');
    await byTestId('row-menu').waitFor();
    await page.keyboard.press('Enter');
    await byTestId('composer').waitFor();
    await expect.poll(() => byTestId('composer-title').textContent()).toBe('Trả lời');
    await expect.poll(() => byTestId('compose-subject').inputValue()).toBe('Re: Giấy mời họp giao ban tuần 48');
    await closeComposer();
  });

  it('by mouse: a right click on another row, then "Chuyển tiếp" forwards that message', async () => {
    await row(4).click({ button: 'right' });
    await byTestId('row-menu').waitFor();
    await expect.poll(() => row(4).getAttribute('aria-selected')).toBe('true');
    await byTestId('row-menu-forward').click();
    await byTestId('composer').waitFor();
    await expect.poll(() => byTestId('composer-title').textContent()).toBe('Chuyển tiếp');
    await expect.poll(() => byTestId('compose-subject').inputValue()).toBe('Fwd: Thông báo lịch trực Tết');
    await closeComposer();
    await row(1).click({ button: 'right' });
    await byTestId('row-menu-markRead').click();
    await expect.poll(() => fake.messages.find((m) => m.uid === 1)?.flags).toContain('\\Seen');
  });

  it('stayed within the contract', async () => {
    expect(fake.refused).toEqual([]);
    expect(ui.pageErrors).toEqual([]);
  });
});
