// The composer, replies, forwards, attachments, the Article 11 guard and the outbox in
// Chromium against the scripted dispatcher (test/ui/fake-mailbox.ts with fake-compose.ts):
// what the page sends to compose.send, what it shows for each refusal, the undo toast and the
// outbox states, and the keys. Screenshots in test-artifacts/screenshots/compose-*.png, axe on
// each screen shown.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDetail } from '../../shared/mail.ts';
import type { Bridge } from './bridge.ts';
import { channelCheck } from './channel-check.ts';
import { openFakePage, type FakePage } from './fake-page.ts';
import { cached, FakeMailbox, fakeAccount, folderInfo } from './fake-mailbox.ts';

const account = fakeAccount();
const SO_NV = { name: 'Sở Nội vụ', address: 'sonoivu@binhphuoc.gov.vn' };
const SO_TC = { name: 'Sở Tài chính', address: 'sotaichinh@binhphuoc.gov.vn' };
const TRACKER = 'https://tracker.example/open.png';

let ui: FakePage;
let page: Page;
let bridge: Bridge;
let fake: FakeMailbox;

const byTestId = (id: string) => page.getByTestId(id);
const composer = () => byTestId('composer');
const chips = (field: string) => byTestId(`compose-${field}`).getByTestId('recipient-chip');
const shot = (name: string) => ui.shot(name);
const accepted = () => fake.compose.accepted;
const row = (uid: number) => page.locator(`[data-testid="message-row"][data-uid="${uid}"][data-folder="INBOX"]`);

/** Runs a paste or a drop in the page (the project compiles without the DOM lib: source text). */
async function paste(testId: string, text: string): Promise<void> {
  await page.evaluate(`(() => {
    const el = document.querySelector('[data-testid="${testId}"]');
    el.focus();
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(text)});
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}
async function dropFiles(files: Array<{ name: string; type: string; text: string }>): Promise<void> {
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    for (const f of ${JSON.stringify(files)}) data.items.add(new File([f.text], f.name, { type: f.type }));
    const target = document.querySelector('[data-testid="compose-subject"]');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  })()`);
}

function withHtml(d: MessageDetail): MessageDetail {
  return {
    ...d,
    html: `<p>Kính gửi <b>Văn phòng UBND tỉnh</b>,</p><ul><li>Mục một</li></ul><img src="${TRACKER}" alt=""><script>document.title='pwned'</script>`,
    text: 'Kính gửi Văn phòng UBND tỉnh,\n\n- Mục một\n',
    cc: [SO_TC],
    attachments: [
      {
        index: 0,
        filename: 'ke-hoach-2027.pdf',
        contentType: 'application/pdf',
        size: 12_345,
        inline: false,
        contentId: null,
      },
      { index: 1, filename: 'logo.png', contentType: 'image/png', size: 500, inline: true, contentId: 'logo' },
    ],
  };
}

beforeAll(async () => {
  fake = new FakeMailbox({
    account,
    folders: [folderInfo('INBOX', { specialUse: '\\Inbox' }), folderInfo('Sent', { specialUse: '\\Sent' })],
    messages: [
      cached('INBOX', 1, 'Giấy mời họp giao ban tuần 48', { from: [SO_TC] }),
      cached('INBOX', 2, 'RE: TL: Re: Kế hoạch chuyển đổi số năm 2027', { from: [SO_NV], hasAttachments: true }),
    ],
    overrides: {
      'mail.message': async (input, own) => {
        const d = await own();
        return input.uid === 2 ? withHtml(d) : d;
      },
    },
  });
  fake.compose.addressBook = [
    { name: 'Sở Y tế', address: 'soyte@binhphuoc.gov.vn', source: 'directory', detail: 'Sở Y tế tỉnh Bình Phước' },
    { name: 'Sở Tư pháp', address: 'sotuphap@binhphuoc.gov.vn', source: 'cache' },
  ];
  ui = await openFakePage(fake);
  ({ page, bridge } = ui);
  await row(2).waitFor();
});

afterAll(() => ui?.close());

describe('writing a new message', () => {
  it('Ctrl+N opens the composer; a pasted list becomes checked chips with Art. 11 marks', async () => {
    await byTestId('message-list').focus();
    await page.keyboard.press('Control+n');
    await composer().waitFor();
    expect(await byTestId('composer-title').textContent()).toBe('Thư mới');
    expect(await byTestId('compose-from').textContent()).toContain('vanphong@binhphuoc.gov.vn');
    await paste(
      'compose-to-input',
      'Sở Tài chính <sotaichinh@binhphuoc.gov.vn>; khong-hop-le\nnguoidan@gmail.com, doitac@example.com',
    );
    await expect.poll(() => chips('to').count()).toBe(4);
    const problems = await chips('to').evaluateAll((els) => els.map((e) => e.getAttribute('data-problem')));
    expect(problems).toEqual(['', 'freemail', 'outside', 'invalid']);
    const notes = await byTestId('compose-to').getByTestId('recipient-chip-note').allTextContents();
    expect(notes).toEqual([
      'Thư điện tử công cộng: không được gửi theo Điều 11',
      'ngoài tên miền công vụ',
      'Địa chỉ không hợp lệ: thiếu ký tự @',
    ]);
  });

  it('suggests addresses as a listbox walked with the keyboard', async () => {
    const input = byTestId('compose-to-input');
    await input.focus();
    await page.keyboard.type('sở');
    await expect.poll(() => input.getAttribute('aria-expanded')).toBe('true');
    expect(await byTestId('recipient-suggestion').count()).toBe(2);
    await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBeTruthy();
    await page.keyboard.press('Enter');
    await expect.poll(() => chips('to').count()).toBe(5);
    expect(await chips('to').nth(4).textContent()).toContain('Sở Y tế');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
  });

  it('takes a Vietnamese subject and a formatted body', async () => {
    await byTestId('compose-subject').fill('Báo cáo tình hình thực hiện nhiệm vụ tháng 11/2026');
    await byTestId('compose-editor').click();
    await page.keyboard.insertText('Kính gửi các sở, ban, ngành,');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+b');
    await page.keyboard.insertText('Đề nghị báo cáo trước ngày 15/12/2026.');
    await shot('compose-01-new');
  });

  it('refuses free webmail citing Article 11, and nothing is queued or lost', async () => {
    await byTestId('compose-send').click();
    // The page refuses the invalid chip itself first.
    await expect.poll(() => byTestId('compose-check').textContent()).toContain('khong-hop-le');
    await chips('to').nth(3).getByRole('button').click();
    await byTestId('compose-send').click();
    await byTestId('compose-refusal').waitFor();
    expect(await byTestId('compose-refusal').textContent()).toContain('Điều 11');
    expect(await byTestId('compose-refusal-addresses').textContent()).toContain('nguoidan@gmail.com');
    expect(accepted()).toHaveLength(0);
    expect(fake.compose.entries).toHaveLength(0);
    expect(await byTestId('compose-subject').inputValue()).toContain('tháng 11/2026');
    await shot('compose-02-art11-refusal');
  });

  it('asks before sending outside the official domains; "Vẫn gửi" queues it with the undo toast', async () => {
    await chips('to').nth(1).getByRole('button').click(); // the gmail chip
    await page.keyboard.press('Control+Enter');
    await byTestId('compose-outside-confirm').waitFor();
    expect(await byTestId('compose-outside-addresses').textContent()).toContain('doitac@example.com');
    await shot('compose-03-outside-confirm');
    await byTestId('dialog-confirm').click();
    await byTestId('toast-queued').waitFor();
    expect(await composer().count()).toBe(0);
    expect(await byTestId('toast-queued').textContent()).toMatch(/Đã đưa vào hộp thư đi.*Hoàn tác \(\d+ s\)/);
    const input = accepted()[0];
    expect(input).toMatchObject({
      accountId: account.id,
      confirmOutsideDomain: true,
      subject: 'Báo cáo tình hình thực hiện nhiệm vụ tháng 11/2026',
      to: ['Sở Tài chính <sotaichinh@binhphuoc.gov.vn>', 'doitac@example.com', 'Sở Y tế <soyte@binhphuoc.gov.vn>'],
    });
    expect(input?.text).toBe('Kính gửi các sở, ban, ngành,\n\nĐề nghị báo cáo trước ngày 15/12/2026.');
    expect(input?.html).toContain('<strong>Đề nghị báo cáo');
    await expect.poll(() => byTestId('outbox-count').textContent()).toBe('1');
  });

  it('"Hoàn tác" takes it back from the outbox into a filled composer', async () => {
    await byTestId('toast-undo-send').click();
    await composer().waitFor();
    await expect.poll(() => fake.compose.entries.length).toBe(0);
    expect(await byTestId('compose-subject').inputValue()).toBe('Báo cáo tình hình thực hiện nhiệm vụ tháng 11/2026');
    expect(await chips('to').count()).toBe(3);
    expect(await byTestId('compose-editor').textContent()).toContain('Đề nghị báo cáo trước ngày 15/12/2026.');
  });
});

describe('attachments', () => {
  it('takes picked, dropped and pasted files, warning before a risky one', async () => {
    fake.compose.picks = [
      { token: 'tok-1', name: 'to-trinh.docx', size: 48_000, contentType: 'application/msword', risky: false },
    ];
    await byTestId('compose-attach').click();
    await expect.poll(() => byTestId('compose-attachment').count()).toBe(1);
    await dropFiles([{ name: 'bao-cao-thang-11.pdf', type: 'application/pdf', text: '%PDF-1.4 báo cáo' }]);
    await expect.poll(() => byTestId('compose-attachment').count()).toBe(2);
    await dropFiles([{ name: 'cai-dat.pdf.exe', type: 'application/x-msdownload', text: 'MZ' }]);
    await byTestId('compose-risky-confirm').waitFor();
    expect(await byTestId('compose-risky-files').textContent()).toContain('cai-dat.pdf.exe');
    await shot('compose-04-risky-attachment');
    await byTestId('dialog-cancel').click();
    expect(await byTestId('compose-attachment').count()).toBe(2);
    const names = await byTestId('compose-attachment-name').allTextContents();
    expect(names).toEqual(['to-trinh.docx', 'bao-cao-thang-11.pdf']);
    expect(await byTestId('compose-attachment-size').first().textContent()).toBe('47 KB');
    await composer().getByRole('button', { name: 'Bỏ tệp to-trinh.docx' }).click();
    expect(await byTestId('compose-attachment').count()).toBe(1);
  });

  it('sends the data attachment and the read-receipt request; delivery empties the outbox', async () => {
    await byTestId('compose-receipt').check();
    await page.keyboard.press('Control+Enter');
    await byTestId('dialog-confirm').click(); // outside the official domains, again
    await byTestId('toast-queued').waitFor();
    const input = accepted().at(-1);
    expect(input?.requestReceipt).toBe(true);
    expect(input?.attachments).toEqual([
      expect.objectContaining({ kind: 'data', name: 'bao-cao-thang-11.pdf', contentType: 'application/pdf' }),
    ]);
    fake.compose.deliverDue(Number.POSITIVE_INFINITY);
    await expect.poll(() => byTestId('outbox-count').count()).toBe(0);
    expect(fake.compose.entries.map((e) => e.status)).toEqual(['sent']);
  });
});

describe('replying and forwarding', () => {
  it('Ctrl+R answers the open message: one prefix, the quote header, sanitized HTML', async () => {
    await row(2).click();
    await byTestId('reply-bar').waitFor();
    const before = bridge.calls.length;
    await page.keyboard.press('Control+r');
    await composer().waitFor();
    expect(await byTestId('composer-title').textContent()).toBe('Trả lời');
    expect(await byTestId('compose-subject').inputValue()).toBe('Re: Kế hoạch chuyển đổi số năm 2027');
    expect(await chips('to').allTextContents()).toEqual([expect.stringContaining('Sở Nội vụ')]);
    const editor = byTestId('compose-editor');
    expect(await editor.textContent()).toMatch(/Vào .+2026.*, Sở Nội vụ đã viết:/);
    expect(await editor.locator('blockquote').textContent()).toContain('Kính gửi Văn phòng UBND tỉnh');
    expect(await editor.locator('blockquote strong').count()).toBe(1);
    expect(await editor.locator('script, img').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    await channelCheck(page, bridge);
    expect(bridge.calls.slice(before).filter((c) => c.channel === 'mail.remoteImages')).toEqual([]);
    await shot('compose-05-reply');
    // Plain-text mode: the quote keeps its "> " markers.
    await page.keyboard.insertText('Văn phòng đã nhận kế hoạch.');
    await byTestId('compose-plain').check();
    const text = await byTestId('compose-plain-text').inputValue();
    expect(text).toMatch(
      /^Văn phòng đã nhận kế hoạch\.\n\nVào .*Sở Nội vụ đã viết:\n\n> Kính gửi Văn phòng UBND tỉnh,\n>\n> - Mục một/,
    );
    await page.keyboard.press('Escape');
    await byTestId('compose-discard').waitFor();
    await byTestId('dialog-confirm').click();
    await expect.poll(() => composer().count()).toBe(0);
  });

  it('reply all keeps the others in Cc; forward carries the files; forward as attachment the message', async () => {
    await page.keyboard.press('Control+Shift+R');
    await composer().waitFor();
    expect(await chips('cc').allTextContents()).toEqual([expect.stringContaining('Sở Tài chính')]);
    // Untouched: closing asks nothing.
    await byTestId('compose-close').click();
    await expect.poll(() => composer().count()).toBe(0);
    await page.keyboard.press('Control+l');
    await composer().waitFor();
    expect(await byTestId('compose-subject').inputValue()).toBe('Fwd: Kế hoạch chuyển đổi số năm 2027');
    expect(await byTestId('compose-attachment-name').allTextContents()).toEqual(['ke-hoach-2027.pdf']);
    expect(await byTestId('compose-editor').textContent()).toContain('Thư chuyển tiếp');
    await page.keyboard.press('Escape');
    await expect.poll(() => composer().count()).toBe(0);
    await byTestId('action-forward-attachment').click();
    await composer().waitFor();
    expect(await byTestId('compose-attachment-name').allTextContents()).toEqual([
      'Kế hoạch chuyển đổi số năm 2027.eml',
    ]);
    await paste('compose-to-input', 'Sở Y tế <soyte@binhphuoc.gov.vn>,');
    await byTestId('compose-send').click();
    await byTestId('toast-queued').waitFor();
    expect(accepted().at(-1)).toMatchObject({
      original: { folder: 'INBOX', uid: 2, mode: 'forward' },
      attachments: [{ kind: 'message', folder: 'INBOX', uid: 2 }],
    });
  });
});

describe('the outbox', () => {
  it('shows each state in words, with the choices a "maybe sent" message needs', async () => {
    // The message sent in "attachments" is still listed as sent (its copy to Sent pending).
    const first = fake.compose.entries.find((e) => e.status === 'queued');
    if (!first) throw new Error('nothing queued');
    const err = (code: 'HOST_UNREACHABLE' | 'RECIPIENT_REFUSED', messageVi: string) => ({
      code,
      messageVi,
      detail: code,
    });
    const later = new Date(Date.now() + 5 * 60_000).toISOString();
    fake.compose.patch(first.id, { status: 'maybe-sent' });
    await fake.compose.handlers['compose.send']({
      ...(accepted().at(-1) as NonNullable<ReturnType<typeof accepted>[number]>),
      subject: 'Thư chờ gửi lại',
    });
    await fake.compose.handlers['compose.send']({
      ...(accepted().at(-1) ?? accepted()[0]!),
      subject: 'Thư bị từ chối',
    });
    const [, , retry, failed] = fake.compose.entries;
    fake.compose.patch(retry!.id, {
      status: 'retry',
      nextAttemptAt: later,
      lastError: err('HOST_UNREACHABLE', 'Không kết nối được tới máy chủ.'),
    });
    fake.compose.patch(failed!.id, {
      status: 'failed',
      lastError: err('RECIPIENT_REFUSED', 'Máy chủ từ chối người nhận.'),
      refused: [{ address: 'soyte@binhphuoc.gov.vn', code: 550, reason: 'mailbox unavailable' }],
    });
    await expect.poll(() => byTestId('outbox-count').textContent()).toBe('3');
    await byTestId('outbox-entry').click();
    await byTestId('outbox').waitFor();
    const statuses = await byTestId('outbox-status').allTextContents();
    expect(statuses).toEqual(['Đã gửi', 'Có thể đã gửi', 'Chờ gửi lại', 'Không gửi được']);
    const details = await byTestId('outbox-detail').allTextContents();
    expect(details.join('\n')).toContain('Đang lưu bản sao vào thư mục Thư đã gửi.');
    expect(details.join('\n')).toContain('Thử lại lúc');
    expect(details.join('\n')).toContain('soyte@binhphuoc.gov.vn bị từ chối: 550 mailbox unavailable');
    await shot('compose-06-outbox');
    await byTestId('outbox-mark-sent').click();
    await expect.poll(() => byTestId('outbox-status').nth(1).textContent()).toBe('Đã gửi');
    expect(bridge.calls.some((c) => c.channel === 'outbox.markSent')).toBe(true);
    await byTestId('outbox-remove').last().click();
    await byTestId('outbox-remove-confirm').waitFor();
    await byTestId('dialog-confirm').click();
    await expect.poll(() => byTestId('outbox-row').count()).toBe(3);
    await page.keyboard.press('Escape');
    await expect.poll(() => byTestId('outbox').count()).toBe(0);
  });

  it('lists the writing keys in the shortcuts window, and the page stayed within the contract', async () => {
    await byTestId('message-list').focus();
    await page.keyboard.press('?');
    await byTestId('shortcuts-compose').waitFor();
    expect(await byTestId('shortcuts-compose').textContent()).toContain('Soạn thư mới');
    await page.keyboard.press('Escape');
    expect(fake.refused).toEqual([]);
    expect(ui.pageErrors).toEqual([]);
  });
});
