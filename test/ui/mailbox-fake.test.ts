// The mailbox view's behaviour in Chromium against a scripted dispatcher
// (test/ui/fake-mailbox.ts): multi-selection, the Thunderbird and Outlook
// shortcuts, toolbar actions with undo, sorting and filters, conversations,
// search, the directives view, the opt-in "mark read after N seconds" and the
// sync status bar (progress, cancel, offline). The same flows against the real
// services and mail server are in mailbox-real.test.ts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CachedSummary } from '../../shared/mail.ts';
import type { Bridge } from './bridge.ts';
import { channelCheck } from './channel-check.ts';
import { openFakePage, type FakePage } from './fake-page.ts';
import { cached, FakeMailbox, fakeAccount, folderInfo } from './fake-mailbox.ts';

const account = fakeAccount();

const LANH_DAO = { name: 'Chủ tịch UBND tỉnh', address: 'chutich@binhphuoc.gov.vn' };
const SO_TC = { name: 'Sở Tài chính', address: 'sotaichinh@binhphuoc.gov.vn' };
const SO_NV = { name: 'Sở Nội vụ', address: 'sonoivu@binhphuoc.gov.vn' };
const VP = { name: 'Văn phòng UBND tỉnh', address: 'vanphong@binhphuoc.gov.vn' };
const SO_YT = { name: 'Sở Y tế', address: 'soyte@binhphuoc.gov.vn' };
const SEEN = ['\\Seen'];

const MESSAGES: CachedSummary[] = [
  cached('INBOX', 1, 'Giấy mời họp giao ban tuần 48', { from: [VP], flags: SEEN, directiveKind: 'invitation' }),
  cached('INBOX', 2, 'Khẩn: V/v báo cáo số liệu giải ngân vốn đầu tư công', {
    from: [SO_TC],
    urgency: 1,
    isDirective: true,
  }),
  cached('INBOX', 3, 'Hỏa tốc: Chỉ đạo ứng phó áp thấp nhiệt đới', { from: [LANH_DAO], urgency: 3, isDirective: true }),
  cached('INBOX', 4, 'Re: Kế hoạch chuyển đổi số năm 2027', { from: [VP], flags: SEEN, threadId: 'kh-cds' }),
  cached('INBOX', 5, 'Kế hoạch chuyển đổi số năm 2027', {
    from: [LANH_DAO],
    flags: SEEN,
    threadId: 'kh-cds',
    hasAttachments: true,
  }),
  cached('INBOX', 6, 'Re: Re: Kế hoạch chuyển đổi số năm 2027', { from: [SO_NV], threadId: 'kh-cds' }),
  cached('INBOX', 7, 'Thượng khẩn: Triển khai phòng chống dịch sốt xuất huyết', {
    from: [SO_YT],
    flags: ['\\Flagged', '\\Seen'],
    urgency: 2,
    isDirective: true,
  }),
  cached('INBOX', 8, 'Báo cáo tiến độ cải cách hành chính quý IV', {
    from: [SO_NV],
    flags: SEEN,
    hasAttachments: true,
  }),
  cached('INBOX', 9, 'Thông báo lịch trực Tết Nguyên đán', { from: [VP], flags: SEEN, dateSource: 'internal' }),
  cached('INBOX', 10, 'Công văn số 125/SNV-TCBC về tuyển dụng viên chức', { from: [SO_NV] }),
  cached('Chỉ đạo', 1, 'Chỉ đạo của Chủ tịch UBND tỉnh về cải cách hành chính', {
    from: [LANH_DAO],
    flags: SEEN,
    isDirective: true,
  }),
  cached('Hồ sơ & Lưu trữ', 9001, 'Chỉ đạo về lưu trữ hồ sơ điện tử năm 2019', {
    from: [LANH_DAO],
    flags: SEEN,
    date: '2019-05-14T02:00:00.000Z',
  }),
];
// The newest message (uid 10) tops the list; the conversation "kh-cds" has 3 messages.

let ui: FakePage;
let page: Page;
let bridge: Bridge;
let fake: FakeMailbox;
/** While set, the fake server holds its answers to mail.setFlags until it resolves. */
let setFlagsHeld: Promise<void> | null = null;
let setFlagsWaiting = 0;

const byTestId = (id: string) => page.getByTestId(id);
const row = (uid: number, folder = 'INBOX') =>
  page.locator(`[data-testid="message-row"][data-uid="${uid}"][data-folder="${folder}"]`);
/** A screenshot of the step, and axe on the same screen (0 serious or critical violations). */
const shot = (name: string) => ui.shot(name);
const callsOf = (channel: string, since = 0) =>
  bridge.calls.slice(since).filter((c) => c.channel === channel) as Array<{
    channel: string;
    payload: Record<string, unknown>;
  }>;
const message = (uid: number, folder = 'INBOX') => fake.messages.find((m) => m.uid === uid && m.folder === folder);
/** The page globals the page-side callbacks use (this project compiles without the DOM lib). */
interface PageGlobals {
  document: { activeElement: unknown };
  getComputedStyle(el: unknown): { backgroundColor: string };
}
const isFocused = (el: unknown) => el === (globalThis as unknown as PageGlobals).document.activeElement;
const subjects = async () => byTestId('message-list').getByTestId('message-subject').allTextContents();
beforeAll(async () => {
  fake = new FakeMailbox({
    account,
    sync: 'manual',
    folders: [
      folderInfo('INBOX', { specialUse: '\\Inbox' }),
      folderInfo('Sent', { specialUse: '\\Sent' }),
      folderInfo('Trash', { specialUse: '\\Trash' }),
      folderInfo('Chỉ đạo'),
      folderInfo('Đã xử lý'),
      folderInfo('Hồ sơ & Lưu trữ'),
    ],
    messages: MESSAGES.map((m) => ({ ...m })),
    overrides: {
      'mail.setFlags': async (_input, fake) => {
        if (setFlagsHeld !== null) {
          setFlagsWaiting += 1;
          await setFlagsHeld;
          setFlagsWaiting -= 1;
        }
        return fake();
      },
    },
  });
  ui = await openFakePage(fake);
  ({ page, bridge } = ui);
  await row(10).waitFor();
});

afterAll(() => ui?.close());

describe('the message list', () => {
  it('shows INBOX from the cache, newest first, and opening a message does not mark it read', async () => {
    expect(callsOf('sync.start').length).toBe(1);
    expect(callsOf('cache.list')[0]?.payload).toMatchObject({
      folder: 'INBOX',
      sort: 'date',
      descending: true,
      offset: 0,
    });
    expect((await subjects()).slice(0, 3)).toEqual([
      'Công văn số 125/SNV-TCBC về tuyển dụng viên chức',
      'Thông báo lịch trực Tết Nguyên đán',
      'Báo cáo tiến độ cải cách hành chính quý IV',
    ]);
    expect(await byTestId('list-count').textContent()).toBe('10 thư');
    // A date taken from INTERNALDATE (no Date header) is marked; an invitation has its badge.
    expect(await row(9).getByTestId('internal-date').textContent()).toBe(' (ngày nhận)');
    expect(await row(9).getByTestId('internal-date').getAttribute('title')).toContain('ngày máy chủ nhận thư');
    expect(await row(10).getByTestId('internal-date').count()).toBe(0);
    expect(await row(1).getByTestId('invitation-badge').textContent()).toBe('Giấy mời');
    expect(await row(1).getByTestId('urgency-badge').count()).toBe(0);
    const before = bridge.calls.length;
    await row(10).click();
    await expect.poll(() => byTestId('reader-subject').textContent()).toBe(message(10)?.subject);
    // Nothing set \Seen: a bridge call made once the page has rendered since (channelCheck) arrives
    // after any mail.setFlags the opening set off, and there is none before it.
    await channelCheck(page, bridge);
    expect(callsOf('mail.setFlags', before)).toEqual([]);
    expect(await row(10).getAttribute('data-unread')).toBe('true');
    // The explicit way, in the reader.
    await byTestId('reader-mark-read').click();
    await expect.poll(() => row(10).getAttribute('data-unread')).toBe('false');
    await expect.poll(() => callsOf('mail.setFlags', before).length).toBeGreaterThan(0);
    expect(callsOf('mail.setFlags', before).map((c) => c.payload)).toEqual([
      { accountId: account.id, folder: 'INBOX', uids: [10], add: ['\\Seen'], remove: [] },
    ]);
    expect(message(10)?.flags).toContain('\\Seen');
    await byTestId('reader-mark-unread').click();
    await expect.poll(() => message(10)?.flags.includes('\\Seen')).toBe(false);
  });

  it('selects with click, Ctrl+click, Shift+click and Ctrl+A', async () => {
    await row(9).click();
    await row(7).click({ modifiers: ['Control'] });
    await expect.poll(() => byTestId('selected-count').textContent()).toContain('Đã chọn 2');
    await row(4).click({ modifiers: ['Shift'] }); // anchor is 7: 7, 6, 5, 4
    await expect.poll(() => byTestId('selected-count').textContent()).toContain('Đã chọn 4');
    expect(await row(9).getAttribute('aria-selected')).toBe('false');
    await row(2).click({ modifiers: ['Control', 'Shift'] }); // adds 4..2 to 7..4
    await expect.poll(() => byTestId('selected-count').textContent()).toContain('Đã chọn 6');
    await row(5).click({ modifiers: ['Control'] }); // and takes one out
    await expect.poll(() => byTestId('selected-count').textContent()).toContain('Đã chọn 5');
    await page.keyboard.press('Control+a');
    await expect.poll(() => byTestId('selected-count').textContent()).toContain('Đã chọn 10');
    await shot('31-multi-select');
    await row(10).click();
    expect(await byTestId('selected-count').count()).toBe(0);
  });

  it('moves with ↑/↓/Home/End/PageDown and extends with Shift', async () => {
    await byTestId('message-list').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => row(10).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => row(8).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => byTestId('selected-count').textContent()).toContain('Đã chọn 3');
    await page.keyboard.press('End');
    await expect.poll(() => row(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Home');
    await page.keyboard.press('PageDown');
    expect(await page.locator('[data-testid="message-row"][aria-selected="true"]').count()).toBe(1);
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect.poll(() => byTestId('reader-subject').textContent()).toBe(message(10)?.subject);
  });

  it('M, S, Ctrl+Q and Ctrl+U change flags on the server, Ctrl+Z undoes', async () => {
    await row(10).click();
    let since = bridge.calls.length;
    await page.keyboard.press('m');
    await expect.poll(() => message(10)?.flags.includes('\\Seen')).toBe(true);
    await page.keyboard.press('Shift+M');
    await expect.poll(() => message(10)?.flags.includes('\\Seen')).toBe(false);
    await page.keyboard.press('Control+q'); // Outlook: mark read
    await expect.poll(() => message(10)?.flags.includes('\\Seen')).toBe(true);
    await page.keyboard.press('Control+u'); // Outlook: mark unread
    await expect.poll(() => message(10)?.flags.includes('\\Seen')).toBe(false);
    await page.keyboard.press('s');
    await expect.poll(() => message(10)?.flags.includes('\\Flagged')).toBe(true);
    await expect.poll(() => row(10).getAttribute('data-flagged')).toBe('true');
    await page.keyboard.press('*');
    await expect.poll(() => message(10)?.flags.includes('\\Flagged')).toBe(false);
    await page.keyboard.press('s');
    await expect.poll(() => message(10)?.flags.includes('\\Flagged')).toBe(true);
    await page.keyboard.press('Control+z');
    await expect.poll(() => message(10)?.flags.includes('\\Flagged')).toBe(false);
    expect(callsOf('mail.setFlags', since).map((c) => [c.payload.add, c.payload.remove])).toEqual([
      [['\\Seen'], []],
      [[], ['\\Seen']],
      [['\\Seen'], []],
      [[], ['\\Seen']],
      [['\\Flagged'], []],
      [[], ['\\Flagged']],
      [['\\Flagged'], []],
      [[], ['\\Flagged']],
    ]);
    // Ctrl+Z at once after S, before the (slow) server has answered, undoes that S, not the action before it.
    since = bridge.calls.length;
    let answer = () => {};
    setFlagsHeld = new Promise<void>((resolve) => (answer = resolve));
    try {
      await page.keyboard.press('s');
      await expect.poll(() => row(10).getAttribute('data-flagged')).toBe('true');
      await expect.poll(() => setFlagsWaiting).toBe(1);
      // Ctrl+Z while the server still holds its answer to the S.
      await page.keyboard.press('Control+z');
    } finally {
      setFlagsHeld = null;
      answer();
    }
    await expect.poll(() => callsOf('mail.setFlags', since).length).toBe(2);
    await expect.poll(() => setFlagsWaiting).toBe(0);
    expect(callsOf('mail.setFlags', since).map((c) => [c.payload.add, c.payload.remove])).toEqual([
      [['\\Flagged'], []],
      [[], ['\\Flagged']],
    ]);
    expect(message(10)?.flags.includes('\\Flagged')).toBe(false);
    await expect.poll(() => row(10).getAttribute('data-flagged')).toBe('false');

    // Toolbar, on a multiple selection.
    await row(9).click();
    await row(8).click({ modifiers: ['Shift'] });
    since = bridge.calls.length;
    await byTestId('action-flag').click();
    await expect.poll(() => [message(9), message(8)].every((m) => m?.flags.includes('\\Flagged'))).toBe(true);
    expect(await byTestId('action-flag').textContent()).toContain('Bỏ gắn cờ');
    await byTestId('action-flag').click();
    await expect.poll(() => [message(9), message(8)].some((m) => m?.flags.includes('\\Flagged'))).toBe(false);
    await byTestId('action-mark-unread').click();
    await expect.poll(() => message(9)?.flags.includes('\\Seen')).toBe(false);
    await byTestId('action-mark-read').click();
    await expect.poll(() => message(9)?.flags.includes('\\Seen')).toBe(true);
    expect(callsOf('mail.setFlags', since)[0]?.payload).toMatchObject({ folder: 'INBOX', uids: [9, 8] });
  });

  it('Delete moves the selection to Thùng rác with an undo toast; Hoàn tác and Ctrl+Z bring it back', async () => {
    await row(9).click();
    await row(7).click({ modifiers: ['Shift'] });
    const since = bridge.calls.length;
    await page.keyboard.press('Delete');
    const toast = byTestId('toast-trashed');
    await toast.waitFor();
    expect(await toast.textContent()).toContain('Đã chuyển 3 thư vào Thùng rác');
    expect(await toast.getByTestId('toast-undo').textContent()).toBe('Hoàn tác');
    expect(callsOf('mail.trash', since).map((c) => c.payload)).toEqual([
      { accountId: account.id, folder: 'INBOX', uids: [9, 8, 7] },
    ]);
    await expect.poll(() => [7, 8, 9].map((uid) => message(uid, 'Trash') !== undefined)).toEqual([true, true, true]);
    await expect.poll(() => row(9).count()).toBe(0);
    await expect.poll(() => byTestId('list-count').textContent()).toBe('7 thư');
    // The row that took their place is selected.
    await expect.poll(() => row(6).getAttribute('aria-selected')).toBe('true');
    await shot('32-trash-undo-toast');

    await toast.getByTestId('toast-undo').click();
    await expect.poll(() => [7, 8, 9].map((uid) => message(uid) !== undefined)).toEqual([true, true, true]);
    await expect.poll(() => row(9).count()).toBe(1);
    expect(callsOf('mail.undo', since).length).toBe(1);

    // And with the keyboard.
    await row(1).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => message(1, 'Trash') !== undefined).toBe(true);
    await page.keyboard.press('Control+z');
    await expect.poll(() => message(1) !== undefined).toBe(true);
    await expect.poll(() => row(1).count()).toBe(1);
  });

  it('moves to a folder from the "Chuyển tới…" menu (Ctrl+Shift+V), and back with undo', async () => {
    await row(2).click();
    await page.keyboard.press('Control+Shift+V');
    const menu = byTestId('move-menu');
    await menu.waitFor();
    const targets = await menu
      .getByTestId('move-target')
      .evaluateAll((items) => items.map((i) => (i as unknown as { dataset: { path: string } }).dataset.path));
    expect(targets).not.toContain('INBOX');
    expect(targets).toContain('Đã xử lý');
    await page.keyboard.type('da xu');
    expect(await menu.getByTestId('move-target').count()).toBe(1);
    await shot('33-move-menu');
    await page.keyboard.press('Enter');
    await expect.poll(() => message(2, 'Đã xử lý') !== undefined).toBe(true);
    expect(await byTestId('toast-moved').textContent()).toContain('Đã chuyển 1 thư tới “Đã xử lý”');
    await byTestId('toast-moved').getByTestId('toast-undo').click();
    await expect.poll(() => message(2) !== undefined).toBe(true);

    // From the toolbar.
    await row(2).click();
    await byTestId('action-move').click();
    await byTestId('move-menu').getByTestId('move-target').filter({ hasText: 'Chỉ đạo' }).click();
    await expect.poll(() => message(2, 'Chỉ đạo') !== undefined).toBe(true);
    await page.keyboard.press('Control+z');
    await expect.poll(() => message(2) !== undefined).toBe(true);
  });

  it('sorts by sender, subject and date from the column headers, and filters', async () => {
    const since = bridge.calls.length;
    await byTestId('sort-from').click();
    await expect
      .poll(async () => (await byTestId('message-from').allTextContents())[0])
      .toContain('Chủ tịch UBND tỉnh');
    expect(callsOf('cache.list', since).at(-1)?.payload).toMatchObject({ sort: 'from', descending: false });
    await byTestId('sort-from').click();
    await expect
      .poll(async () => (await byTestId('message-from').allTextContents())[0])
      .toContain('Văn phòng UBND tỉnh');
    expect(callsOf('cache.list', since).at(-1)?.payload).toMatchObject({ sort: 'from', descending: true });
    await byTestId('sort-subject').click();
    await expect.poll(async () => (await subjects())[0]).toBe('Báo cáo tiến độ cải cách hành chính quý IV');
    await byTestId('sort-date').click();
    await expect.poll(async () => (await subjects())[0]).toBe(message(10)?.subject);
    expect(callsOf('cache.list', since).at(-1)?.payload).toMatchObject({ sort: 'date', descending: true });

    await byTestId('filter-unread').click();
    const unread = fake.messages.filter((m) => m.folder === 'INBOX' && !m.flags.includes('\\Seen')).length;
    expect(unread).toBeGreaterThan(1);
    await expect.poll(() => byTestId('list-count').textContent()).toBe(`${unread} thư`);
    expect(callsOf('cache.list', since).at(-1)?.payload).toMatchObject({ unread: true });
    expect(await page.locator('[data-testid="message-row"][data-unread="false"]').count()).toBe(0);
    await byTestId('filter-flagged').click();
    await expect.poll(() => byTestId('list-count').textContent()).toBe('1 thư');
    await byTestId('filter-attachments').click();
    await expect.poll(() => byTestId('list-count').textContent()).toBe('2 thư');
    expect(callsOf('cache.list', since).at(-1)?.payload).toMatchObject({ withAttachments: true });
    await byTestId('filter-all').click();
    await expect.poll(() => byTestId('list-count').textContent()).toBe('10 thư');
  });

  it('groups conversations: the newest message with the count, expanded with cache.thread', async () => {
    await byTestId('toggle-conversations').check();
    await expect.poll(() => byTestId('list-count').textContent()).toBe('8 hội thoại');
    const head = row(6);
    expect(await head.getByTestId('thread-size').textContent()).toBe('3');
    expect(await row(5).count()).toBe(0);
    const since = bridge.calls.length;
    await head.getByTestId('thread-toggle').click();
    await expect.poll(() => row(5).count()).toBe(1);
    expect(await byTestId('list-count').textContent()).toBe('8 hội thoại');
    expect(await head.getByTestId('thread-toggle').getAttribute('data-expanded')).toBe('true');
    // A screen reader hears the size and the state with the row (the toggle is no control inside it).
    expect(await page.getByRole('option', { name: /3 thư trong hội thoại, đang mở/ }).count()).toBe(1);
    expect(callsOf('cache.thread', since).map((c) => c.payload)).toEqual([
      { accountId: account.id, threadId: 'kh-cds' },
    ]);
    expect(await row(4).getAttribute('class')).toContain('is-child');
    await shot('34-conversations');
    // ← folds it again from the keyboard.
    await head.click();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => row(5).count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => row(5).count()).toBe(1);
    await byTestId('toggle-conversations').uncheck();
    await expect.poll(() => byTestId('list-count').textContent()).toBe('10 thư');
    // The preference is kept with the other UI preferences.
    const prefs = await page.evaluate(() =>
      (globalThis as unknown as { localStorage: Storage }).localStorage.getItem('um.prefs'),
    );
    expect(JSON.parse(prefs ?? '{}')).toMatchObject({ conversations: false });
  });

  it('marks read after N seconds only when that preference is on', async () => {
    const seconds = 1;
    expect(await byTestId('pref-auto-read').isChecked()).toBe(false);
    await byTestId('pref-auto-read').check();
    await byTestId('pref-auto-read-seconds').fill(String(seconds));
    const since = bridge.calls.length;
    await row(6).click();
    await expect.poll(() => message(6)?.flags.includes('\\Seen'), { timeout: 5_000 }).toBe(true);
    expect(callsOf('mail.setFlags', since).map((c) => c.payload)).toEqual([
      { accountId: account.id, folder: 'INBOX', uids: [6], add: ['\\Seen'], remove: [] },
    ]);
    const prefs = await page.evaluate(() =>
      (globalThis as unknown as { localStorage: Storage }).localStorage.getItem('um.prefs'),
    );
    expect(JSON.parse(prefs ?? '{}')).toMatchObject({ autoMarkRead: true, autoMarkReadSeconds: seconds });
    await byTestId('pref-auto-read').uncheck();
    const afterOff = bridge.calls.length;
    await row(10).click();
    await expect.poll(() => byTestId('reader-subject').textContent()).toBe(message(10)?.subject);
    // Positive control for the off case: a page timer of twice the auto-read delay, set once the
    // message is shown. Timers fire in deadline order, so by the time it has fired, an auto-read timer
    // armed by the opening would have fired too; the bridge call after it (channelCheck) travels the
    // same ordered channel as that timer's mail.setFlags would have, and arrives after it.
    await page.evaluate((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)), 2 * seconds * 1000);
    await channelCheck(page, bridge);
    expect(callsOf('mail.setFlags', afterOff)).toEqual([]);
    expect(message(10)?.flags.includes('\\Seen')).toBe(false);
  });
});

describe('search', () => {
  it('"/" focuses the search box; "chi dao" finds "Chỉ đạo" in every folder; Esc clears', async () => {
    await byTestId('message-list').focus();
    await page.keyboard.press('/');
    await expect.poll(() => byTestId('search-input').evaluate(isFocused)).toBe(true);
    expect(await byTestId('search-input').getAttribute('placeholder')).toBe(
      'Tìm thư… (from: subject: has:attachment is:unread before: after: folder:)',
    );
    await page.keyboard.type('chi dao');
    await expect.poll(() => byTestId('list-title').textContent()).toBe('Kết quả tìm kiếm (3)');
    expect(callsOf('cache.search').at(-1)?.payload).toMatchObject({ accountId: account.id, query: 'chi dao' });
    expect(await row(1, 'Chỉ đạo').getByTestId('row-folder').textContent()).toBe('Chỉ đạo');
    expect(await row(3).getByTestId('row-folder').textContent()).toBe('Hộp thư đến');
    expect(await row(9001, 'Hồ sơ & Lưu trữ').getByTestId('server-badge').textContent()).toBe('máy chủ');
    expect(await row(3).getByTestId('server-badge').count()).toBe(0);
    await shot('35-search');
    // A hit opens from its own folder.
    await row(1, 'Chỉ đạo').click();
    await expect.poll(() => byTestId('reader-subject').textContent()).toBe(message(1, 'Chỉ đạo')?.subject);
    expect(callsOf('mail.message').at(-1)?.payload).toMatchObject({ folder: 'Chỉ đạo', uid: 1 });

    await byTestId('search-input').fill('from:"sở nội vụ" is:unread');
    await expect.poll(() => byTestId('list-title').textContent()).toBe('Kết quả tìm kiếm (1)');
    await byTestId('search-input').press('Escape');
    await expect.poll(() => byTestId('list-title').textContent()).toBe('Hộp thư đến');
    expect(await byTestId('search-input').inputValue()).toBe('');

    await page.keyboard.press('Control+f');
    await expect.poll(() => byTestId('search-input').evaluate(isFocused)).toBe(true);
    await page.keyboard.press('Escape');
  });
});

describe('directives', () => {
  it('lists directives of every folder, most urgent first, with urgency badges and folder names', async () => {
    await byTestId('view-directives').click();
    await expect.poll(() => byTestId('list-title').textContent()).toBe('Chỉ đạo & văn bản đến');
    const badges = await byTestId('message-list').getByTestId('urgency-badge').allTextContents();
    expect(badges).toEqual(['Hỏa tốc', 'Thượng khẩn', 'Khẩn']);
    const first = page.locator('[data-testid="message-row"][data-index="0"]');
    expect(await first.getAttribute('data-uid')).toBe('3');
    expect(await first.getByTestId('row-folder').textContent()).toBe('Hộp thư đến');
    const colours = await byTestId('urgency-badge').evaluateAll((els) =>
      els.map((el) => (globalThis as unknown as PageGlobals).getComputedStyle(el).backgroundColor),
    );
    expect(colours).toEqual(['rgb(198, 40, 40)', 'rgb(185, 61, 0)', 'rgb(255, 213, 79)']);
    expect(await byTestId('directives-unread').textContent()).toBe('2');
  });

  it('adds directives pushed by a sync and says so in a toast', async () => {
    const fresh = cached('INBOX', 11, 'Hỏa tốc: Triển khai ngay phương án sơ tán dân vùng lũ', {
      from: [LANH_DAO],
      urgency: 3,
      isDirective: true,
    });
    fake.messages.push(fresh);
    await fake.emit('directives.new', { accountId: account.id, messages: [fresh] });
    const toast = byTestId('toast-directive');
    await toast.waitFor();
    expect(await toast.textContent()).toContain('Chỉ đạo mới: Hỏa tốc: Triển khai ngay phương án sơ tán dân vùng lũ');
    expect(await toast.getByTestId('urgency-badge').textContent()).toBe('Hỏa tốc');
    await expect
      .poll(() => page.locator('[data-testid="message-row"][data-index="0"]').getAttribute('data-uid'))
      .toBe('11');
    await shot('36-directives');
  });
});

describe('sync status', () => {
  it('shows progress with an estimate, cancels, goes offline keeping the cached list, then syncs', async () => {
    await byTestId('folder-item').filter({ hasText: 'Hộp thư đến' }).locator('button').click();
    await fake.emit('sync.progress', {
      accountId: account.id,
      folder: 'INBOX',
      phase: 'headers',
      done: 12_500,
      total: 100_000,
      etaMs: 40_000,
    });
    const text = byTestId('sync-status-text');
    await expect
      .poll(() => text.textContent())
      .toContain('Đang đồng bộ Hộp thư đến: 12.500 / 100.000 thư · còn khoảng 40 giây');
    expect(await byTestId('sync-progress').getAttribute('aria-valuenow')).toBe('12500');
    const since = bridge.calls.length;
    await byTestId('sync-cancel').click();
    await expect.poll(() => callsOf('sync.cancel', since).length).toBe(1);
    await expect.poll(() => text.textContent()).toContain('Đã hủy đồng bộ.');

    await byTestId('sync-now').click();
    await expect.poll(() => fake.syncPending).toBe(1);
    fake.settleSync({ ok: false, code: 'HOST_UNREACHABLE' });
    await expect.poll(() => text.textContent()).toContain('Ngoại tuyến — đang hiển thị bản lưu trên máy');
    expect(await byTestId('sync-status').getAttribute('data-status')).toBe('offline');
    expect(await row(10).count()).toBe(1);
    await shot('37-offline');

    await byTestId('sync-now').click();
    await expect.poll(() => fake.syncPending).toBe(1);
    fake.settleSync({ ok: true });
    await expect.poll(() => text.textContent()).toMatch(/^\s*Đã đồng bộ lúc \d\d:\d\d$/);
    expect(ui.pageErrors).toEqual([]);
  });

  it('speaks English too', async () => {
    await byTestId('lang-switch').selectOption('en');
    await expect.poll(() => byTestId('action-mark-read').textContent()).toContain('Mark as read');
    expect(await byTestId('sync-status-text').textContent()).toMatch(/Synced at \d\d:\d\d/);
    expect(await byTestId('search-input').getAttribute('placeholder')).toBe(
      'Search mail… (from: subject: has:attachment is:unread before: after: folder:)',
    );
    expect(await byTestId('filter-attachments').textContent()).toBe('With attachments');
    await byTestId('lang-switch').selectOption('vi');
    await expect.poll(() => byTestId('action-mark-read').textContent()).toContain('Đánh dấu đã đọc');
  });
});

describe('the contract', () => {
  it('the page made no call the contract refuses (the fake validates with the real schemas)', () => {
    expect(fake.refused).toEqual([]);
  });
});
