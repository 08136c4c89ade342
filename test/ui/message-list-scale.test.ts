// The message list at scale: a 100,000-message folder served by a scripted
// dispatcher whose rows are computed from their offset (so only the renderer
// is at work). In Chromium: the click on the folder shows its newest rows, a
// 10,000-row scroll driven by requestAnimationFrame shows the right rows, and
// the number of row elements in the DOM stays bounded all along. (Timings:
// `npm run bench`.)
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CachedSummary } from '../../shared/mail.ts';
import { expectAccessible } from './axe.ts';
import type { Bridge } from './bridge.ts';
import { describeFling, fling, type FlingResult } from './list-metrics.ts';
import { openFakePage, SCREENSHOTS, type FakePage } from './fake-page.ts';
import { cached, FakeMailbox, fakeAccount, folderInfo } from './fake-mailbox.ts';

const BIG = 'Văn bản đến 2020–2026';
const TOTAL = 100_000;
const ROW_HEIGHT = 56;
const SCROLL_ROWS = 10_000;

const account = fakeAccount();

const SENDERS = [
  { name: 'Văn phòng UBND tỉnh', address: 'vanphong@binhphuoc.gov.vn' },
  { name: 'Sở Nội vụ', address: 'sonoivu@binhphuoc.gov.vn' },
  { name: 'Sở Tài chính', address: 'sotaichinh@binhphuoc.gov.vn' },
  { name: 'Sở Kế hoạch và Đầu tư', address: 'sokhdt@binhphuoc.gov.vn' },
  { name: 'UBND huyện Bù Đăng', address: 'ubnd@budang.binhphuoc.gov.vn' },
  { name: 'Sở Thông tin và Truyền thông', address: 'sotttt@binhphuoc.gov.vn' },
];
const SUBJECTS = [
  'V/v báo cáo tình hình thực hiện nhiệm vụ tháng',
  'Giấy mời họp giao ban công tác chuyển đổi số',
  'Kế hoạch kiểm tra công tác cải cách hành chính',
  'Thông báo kết luận của Chủ tịch UBND tỉnh',
  'V/v góp ý dự thảo Quyết định ban hành quy chế',
  'Công văn số hướng dẫn quyết toán ngân sách',
];
const BASE = Date.UTC(2026, 10, 30, 2, 0);

/** Row i of the big folder, newest first: everything derived from i. */
function syntheticRow(i: number): CachedSummary {
  const uid = TOTAL - i;
  return cached(BIG, uid, `${SUBJECTS[i % SUBJECTS.length]} (số ${uid}/VP-TH)`, {
    date: new Date(BASE - i * 25 * 60_000).toISOString(),
    from: [SENDERS[i % SENDERS.length] ?? SENDERS[0]!],
    flags: i % 9 === 0 ? [] : ['\\Seen'],
    hasAttachments: i % 4 === 0,
    size: 3000 + (i % 50) * 997,
    urgency: i % 37 === 0 ? 3 - (i % 3) : 0,
    isDirective: i % 37 === 0,
    threadId: `big-${uid}`,
  });
}

let ui: FakePage;
let page: Page;
let bridge: Bridge;
let fake: FakeMailbox;

beforeAll(async () => {
  fake = new FakeMailbox({
    account,
    sync: 'manual',
    folders: [
      folderInfo('INBOX', { specialUse: '\\Inbox' }),
      folderInfo(BIG),
      folderInfo('Đã xử lý'),
      folderInfo('Trash', { specialUse: '\\Trash' }),
    ],
    messages: [cached('INBOX', 1, 'Lịch họp giao ban tuần', { flags: ['\\Seen'] })],
    synthetic: { [BIG]: { total: TOTAL, row: syntheticRow } },
  });
  ui = await openFakePage(fake);
  ({ page, bridge } = ui);
  await page.getByTestId('folder-tree').waitFor();
  await page.locator('[data-testid="message-row"][data-loaded="true"]').first().waitFor();
});

afterAll(() => ui?.close());

describe('a 100,000-message folder', () => {
  // How fast the first rows are painted and how long the longest frame of a fling is are
  // measured by `npm run bench` (test/bench/renderer-bench.ts, the same list-metrics helpers);
  // here, what must hold whatever the machine's speed: the right rows, never more than 60 in the DOM.
  it('shows the first rows of the folder on click, newest first', async () => {
    await page.getByTestId('folder-item').filter({ hasText: BIG }).locator('button').click();
    const first = page.locator(
      `[data-testid="message-list"][data-total="${TOTAL}"] [data-testid="message-row"][data-index="0"][data-loaded="true"]`,
    );
    await first.waitFor();
    expect(await first.getAttribute('data-uid')).toBe(String(TOTAL));
    expect(await page.getByTestId('list-count').textContent()).toContain('100.000 thư');
    expect(await page.getByTestId('message-row').count()).toBeLessThanOrEqual(60);
  });

  it(`scrolls ${SCROLL_ROWS.toLocaleString('en')} rows showing the right ones, never more than 60 rows in the DOM`, async () => {
    const result: FlingResult = await fling(page, SCROLL_ROWS, ROW_HEIGHT);
    console.log(`[scale] fling: ${describeFling(result)}`);
    expect(result.scrolledRows).toBeGreaterThanOrEqual(SCROLL_ROWS);
    // Counted after every DOM mutation, all the way and until the last pages had arrived.
    expect(result.maxRows).toBeLessThanOrEqual(60);
    // The rows shown are the right ones, fetched by offset.
    const row = page.locator(`[data-testid="message-row"][data-index="${result.firstVisible}"]`);
    await expect.poll(() => row.getAttribute('data-loaded')).toBe('true');
    expect(await row.getAttribute('data-uid')).toBe(String(TOTAL - result.firstVisible));
    const listCalls = bridge.calls.filter((c) => c.channel === 'cache.list').length;
    console.log(`[scale] cache.list calls so far: ${listCalls}`);
  });

  it('keeps working at the far end: End, Shift+Up, the sync status, the screenshot', async () => {
    await page.getByTestId('message-list').focus();
    await page.keyboard.press('End');
    const last = page.locator(`[data-testid="message-row"][data-index="${TOTAL - 1}"]`);
    await expect.poll(() => last.getAttribute('data-loaded')).toBe('true');
    expect(await last.getAttribute('aria-selected')).toBe('true');
    expect(await last.getAttribute('data-uid')).toBe('1');
    await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toContain('Đã chọn 3');
    // Back to the top, like a user would, for the picture.
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('reading-pane').waitFor();
    await fake.emit('sync.progress', {
      accountId: account.id,
      folder: 'INBOX',
      phase: 'headers',
      done: 12_500,
      total: 100_000,
      etaMs: 40_000,
    });
    await expect
      .poll(() => page.getByTestId('sync-status-text').textContent())
      .toContain('Đang đồng bộ Hộp thư đến: 12.500 / 100.000 thư · còn khoảng 40 giây');
    expect(await page.getByTestId('message-row').count()).toBeLessThanOrEqual(60);
    await page.screenshot({ path: join(SCREENSHOTS, '20-100k-folder.png') });
    await expectAccessible(page, '20-100k-folder');
    expect(ui.pageErrors).toEqual([]);
    fake.settleSync({ ok: true });
  });
});

describe('the contract', () => {
  it('the page made no call the contract refuses (the fake validates with the real schemas)', () => {
    expect(fake.refused).toEqual([]);
  });
});
