// The ledger UI in Chromium against the scripted dispatcher (fake-mailbox.ts with fake-ledger.ts,
// whose book is computed by the service's own fold, query and dashboard code): opening "Sổ văn
// bản đến" by keyboard, pages of 50 with "N–M / total", sorting, the filters, the detail with its
// history, assigning with the default deadline shown, a lost claim naming the winner, the
// dashboard's figures, and "Vào sổ" from the reader with the parsed fields corrected before they
// are final. Screenshots in test-artifacts/screenshots/ledger-fake-*.png; axe on each screen.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { URGENCIES, vietnamDate } from '../../shared/ledger.ts';
import { parseRegisterFields } from '../../shared/ledger-fields.ts';
import { openFakePage, type FakePage } from './fake-page.ts';
import { cached, FakeMailbox, fakeAccount, folderInfo } from './fake-mailbox.ts';

const account = fakeAccount();
const HEAD = account.email;
const CANBO1 = 'canbo1@binhphuoc.gov.vn';
const CANBO2 = 'canbo2@binhphuoc.gov.vn';
const NOW = new Date('2026-12-02T03:00:00Z');
const TODAY = vietnamDate(NOW);
const SUBJECT = 'KHẨN: Công văn số 77/UBND-VX V/v triển khai chuyển đổi số';
const BOOK_SIZE = 60;

let ui: FakePage;
let page: Page;
let fake: FakeMailbox;

const byTestId = (id: string) => page.getByTestId(id);
const panel = () => byTestId('ledger-panel');
const rows = () => panel().getByTestId('ledger-row');
const rowOf = (n: number) => panel().locator(`[data-testid="ledger-row"][data-number="${n}"]`);
const shot = (name: string) => ui.shot(name);
const firstNumbers = async (count: number) =>
  (await rows().evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-number'))))).slice(0, count);

/** A book of 60 entries: some assigned (half of those overdue), some claimed, some done this month. */
function seedBook(f: FakeMailbox): void {
  const at = (day: string) => new Date(`${day}T02:00:00Z`);
  for (let n = 1; n <= BOOK_SIZE; n++) {
    const messageId = `<doc-${n}@binhphuoc.gov.vn>`;
    const ngayDen = `2026-11-${String((n % 28) + 1).padStart(2, '0')}`;
    f.ledger.record(
      {
        type: 'register',
        messageId,
        message: { folder: 'INBOX', uid: 1000 + n, uidValidity: 1, messageId },
        fields: {
          ngayDen,
          tacGia: n % 2 ? 'Ủy ban nhân dân' : 'Sở Nội vụ',
          soKyHieu: `${n}/UBND-VX`,
          ngayVanBan: null,
          tenLoai: 'Công văn',
          trichYeu: n % 10 === 0 ? `Triển khai chuyển đổi số đợt ${n}` : `Báo cáo tháng ${n}`,
          nguoiNhan: '',
          ghiChu: '',
          urgency: URGENCIES[n % URGENCIES.length],
        },
      },
      'vanthu@binhphuoc.gov.vn',
      at(ngayDen),
    );
    if (n % 3 === 0) {
      const deadline = n % 6 === 0 ? '2026-11-30' : '2026-12-10';
      const assign = { type: 'assign' as const, messageId, to: CANBO1, coHandlers: [], instruction: '', deadline };
      f.ledger.record(assign, HEAD, at('2026-11-28'));
      if (n % 5 === 0) f.ledger.record({ type: 'status', messageId, status: 'da-xu-ly' }, CANBO1, at('2026-12-01'));
    } else if (n % 4 === 0) f.ledger.record({ type: 'claim', messageId }, CANBO2, at('2026-11-29'));
  }
}

beforeAll(async () => {
  fake = new FakeMailbox({
    account,
    now: () => NOW,
    folders: [folderInfo('INBOX', { specialUse: '\\Inbox' })],
    messages: [
      cached('INBOX', 6, 'Giấy mời họp giao ban tuần 48'),
      cached('INBOX', 7, SUBJECT, { date: '2026-12-02T01:00:00.000Z' }),
    ],
  });
  seedBook(fake);
  ui = await openFakePage(fake);
  ({ page } = ui);
  await byTestId('main-screen').waitFor();
});

afterAll(async () => {
  expect(ui?.pageErrors ?? []).toEqual([]);
  expect(fake?.refused ?? []).toEqual([]);
  await ui?.close();
});

describe('the ledger view (fake services)', () => {
  it('opens by keyboard from the folder pane; pages of 50 with "N–M / total"', async () => {
    await byTestId('btn-ledger').focus();
    await page.keyboard.press('Enter');
    await panel().waitFor();
    await expect.poll(() => byTestId('ledger-count').textContent()).toBe(`1–50 / ${BOOK_SIZE}`);
    expect(await rows().count()).toBe(50);
    expect(await firstNumbers(3)).toEqual([60, 59, 58]);
    await shot('ledger-fake-01-book');
    await byTestId('ledger-next').click();
    await expect.poll(() => byTestId('ledger-count').textContent()).toBe(`51–60 / ${BOOK_SIZE}`);
    expect(await rows().count()).toBe(10);
    expect(await byTestId('ledger-next').isDisabled()).toBe(true);
    await byTestId('ledger-prev').click();
    await expect.poll(() => byTestId('ledger-count').textContent()).toBe(`1–50 / ${BOOK_SIZE}`);
  });

  it('sorts on a column both ways, and on the deadline with the undated last', async () => {
    await byTestId('ledger-sort-number').click();
    await expect.poll(() => firstNumbers(3)).toEqual([1, 2, 3]);
    expect(await panel().locator('th[aria-sort="ascending"]').textContent()).toContain('Số đến');
    await byTestId('ledger-sort-deadline').click();
    // Deadlines 2026-11-30 (n % 6 = 0) come first, newest number first among equals.
    await expect.poll(() => firstNumbers(2)).toEqual([60, 54]);
    await byTestId('ledger-sort-deadline').click();
    await expect.poll(() => panel().locator('th[aria-sort="descending"]').textContent()).toContain('Hạn');
    // Back on Số đến: newest first again.
    await byTestId('ledger-sort-number').click();
    await expect.poll(() => firstNumbers(1)).toEqual([60]);
  });

  it('filters: Quá hạn, the handler, urgency, deadline and text without diacritics', async () => {
    const entries = fake.ledger.entries();
    const overdue = entries.filter((e) => e.deadline !== null && e.deadline < TODAY && e.status !== 'da-xu-ly');
    expect(overdue.length).toBeGreaterThan(0);
    await byTestId('ledger-filter-status').selectOption('qua-han');
    await expect.poll(() => byTestId('ledger-count').textContent()).toBe(`1–${overdue.length} / ${overdue.length}`);
    expect(await rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(
      overdue.map(() => 'qua-han'),
    );
    await shot('ledger-fake-02-overdue');
    await byTestId('ledger-filter-clear').click();

    const canbo2 = entries.filter((e) => e.handler === CANBO2).length;
    await byTestId('ledger-filter-assignee').selectOption('someone');
    await byTestId('ledger-filter-address').fill(CANBO2);
    await expect.poll(() => byTestId('ledger-count').getAttribute('data-total')).toBe(String(canbo2));
    await byTestId('ledger-filter-clear').click();

    const khan = entries.filter((e) => e.fields.urgency === 'khan').length;
    await byTestId('ledger-filter-urgency').selectOption('khan');
    await expect.poll(() => byTestId('ledger-count').getAttribute('data-total')).toBe(String(khan));
    await byTestId('ledger-filter-deadline').fill('2026-12-01');
    const khanDue = entries.filter(
      (e) => e.fields.urgency === 'khan' && e.deadline !== null && e.deadline <= '2026-12-01',
    );
    await expect.poll(() => byTestId('ledger-count').getAttribute('data-total')).toBe(String(khanDue.length));
    await byTestId('ledger-filter-clear').click();

    await byTestId('ledger-filter-text').fill('chuyen doi so');
    await expect.poll(() => byTestId('ledger-count').textContent()).toBe(`1–6 / 6`);
    await byTestId('ledger-filter-clear').click();
    await expect.poll(() => byTestId('ledger-count').getAttribute('data-total')).toBe(String(BOOK_SIZE));
  });

  it('the detail shows the fields and the history; the head assigns with the default deadline shown', async () => {
    await rowOf(58).getByTestId('ledger-open').click();
    const detail = byTestId('ledger-detail');
    await expect.poll(() => detail.getByTestId('ledger-detail-heading').textContent()).toBe('Số đến 58/2026');
    expect(await detail.getByTestId('ledger-history-item').count()).toBe(1);
    expect(await detail.getByTestId('ledger-action-claim').count()).toBe(1);
    await detail.getByTestId('ledger-action-assign').click();
    const form = detail.getByTestId('ledger-assign');
    expect(await form.getByTestId('ledger-assign-deadline-hint').textContent()).toContain('02/12/2026');
    await form.getByTestId('ledger-assign-to').fill(CANBO2);
    await form.getByTestId('ledger-assign-instruction').fill('Đề nghị đồng chí chủ trì, báo cáo trước ngày 10.');
    await form.getByTestId('ledger-assign-deadline').fill('2026-12-09');
    await shot('ledger-fake-03-assign');
    await form.getByTestId('ledger-assign-submit').click();
    await expect.poll(() => detail.getByTestId('ledger-action-ok').textContent()).toContain('Đã giao');
    await expect.poll(() => rowOf(58).getByTestId('ledger-row-assignee').textContent()).toBe(CANBO2);
    await expect.poll(() => detail.getByTestId('ledger-detail-deadline').textContent()).toBe('09/12/2026');
    expect(await detail.getByTestId('ledger-history-item').count()).toBe(2);
    const entry = fake.ledger.entries().find((e) => e.number === 58);
    expect(entry).toMatchObject({ handler: CANBO2, deadline: '2026-12-09', status: 'da-giao' });
  });

  it('a claim another computer won first is refused and names the winner', async () => {
    const target = fake.ledger.entries().find((e) => e.number === 55);
    expect(target?.handler).toBeNull();
    await rowOf(55).getByTestId('ledger-open').click();
    const detail = byTestId('ledger-detail');
    await expect.poll(() => detail.getByTestId('ledger-detail-heading').textContent()).toBe('Số đến 55/2026');
    fake.ledger.record({ type: 'claim', messageId: target?.messageId ?? '' }, CANBO1);
    await detail.getByTestId('ledger-action-claim').click();
    await expect.poll(() => detail.getByTestId('ledger-claim-lost').textContent()).toContain(CANBO1);
    await shot('ledger-fake-04-claim-lost');
    await expect.poll(() => detail.getByTestId('ledger-detail-handler').textContent()).toBe(CANBO1);
  });

  it('the dashboard: counts by status, overdue list, load per person, on-time rate', async () => {
    await byTestId('ledger-tab-dashboard').click();
    const dash = byTestId('ledger-dashboard');
    const entries = fake.ledger.entries();
    await expect.poll(() => dash.getByTestId('ledger-count-total').getAttribute('data-count')).toBe(String(BOOK_SIZE));
    for (const s of ['da-vao-so', 'da-giao', 'dang-xu-ly', 'da-xu-ly'] as const)
      expect(await dash.getByTestId(`ledger-count-${s}`).getAttribute('data-count')).toBe(
        String(entries.filter((e) => e.status === s).length),
      );
    const overdue = entries.filter((e) => e.overdue).length;
    expect(await dash.getByTestId('ledger-count-qua-han').getAttribute('data-count')).toBe(String(overdue));
    expect(await dash.getByTestId('ledger-overdue-item').count()).toBe(overdue);
    const canbo1 = dash.locator(`[data-testid="ledger-load-row"][data-person="${CANBO1}"]`);
    const open1 = entries.filter((e) => e.handler === CANBO1 && e.status === 'da-giao').length;
    expect(await canbo1.getByTestId('ledger-load-assigned').textContent()).toBe(String(open1));
    const done = entries.filter((e) => e.status === 'da-xu-ly');
    const onTime = done.filter((e) => e.deadline !== null && e.deadline >= '2026-12-01').length;
    expect(await dash.getByTestId('ledger-month-rate').getAttribute('data-done')).toBe(String(done.length));
    expect(await dash.getByTestId('ledger-month-rate').getAttribute('data-on-time')).toBe(String(onTime));
    await shot('ledger-fake-05-dashboard');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel().count()).toBe(0);
    await expect.poll(() => page.evaluate('document.activeElement?.dataset.testid')).toBe('btn-ledger');
  });

  it('"Vào sổ" on a message: the parsed fields, corrected, become the entry', async () => {
    await page.locator('[data-testid="message-row"][data-uid="7"]').click();
    await byTestId('ledger-register').click();
    const dialog = byTestId('ledger-register-dialog');
    const parsed = parseRegisterFields({ subject: SUBJECT, fromName: 'Sở Nội vụ' });
    expect(await dialog.getByTestId('ledger-register-soKyHieu').inputValue()).toBe(parsed.soKyHieu);
    expect(await dialog.getByTestId('ledger-register-urgency').inputValue()).toBe('khan');
    await dialog.getByTestId('ledger-register-trichYeu').fill('Triển khai chuyển đổi số năm 2027');
    await dialog.getByTestId('ledger-register-nguoiNhan').fill('Phòng Tổng hợp');
    await shot('ledger-fake-06-register');
    await dialog.getByTestId('ledger-register-submit').click();
    const number = BOOK_SIZE + 1;
    await expect.poll(() => byTestId('ledger-register-done').textContent()).toContain(`${number}/2026`);
    const entry = fake.ledger.entries().find((e) => e.number === number);
    expect(entry?.fields).toMatchObject({
      soKyHieu: parsed.soKyHieu,
      trichYeu: 'Triển khai chuyển đổi số năm 2027',
      nguoiNhan: 'Phòng Tổng hợp',
      urgency: 'khan',
    });
    await byTestId('ledger-open-registered').click();
    await expect
      .poll(() => byTestId('ledger-detail').getByTestId('ledger-detail-subject').textContent())
      .toBe('Triển khai chuyển đổi số năm 2027');
    await page.keyboard.press('Escape');
  });

  it('"Quy tắc": the head turns automatic registration off and sets Thường to 5 working days', async () => {
    await expect.poll(() => panel().count()).toBe(0);
    await byTestId('btn-ledger').click();
    await byTestId('ledger-tab-rules').click();
    const rules = byTestId('ledger-rules');
    await expect.poll(() => rules.getByTestId('rules-days-thuong').inputValue()).toBe('7');
    expect(await rules.getByTestId('rules-auto-directives').isChecked()).toBe(true);
    await rules.getByTestId('rules-auto-off').check();
    await rules.getByTestId('rules-days-thuong').fill('5');
    await rules.getByTestId('rules-save').click();
    await rules.getByTestId('rules-saved').waitFor();
    expect(fake.preferences.ledgerAutoRegister).toBe('off');
    expect(fake.preferences.ledgerDeadlineDays).toEqual({ 'hoa-toc': 0, 'thuong-khan': 1, khan: 2, thuong: 5 });
    await shot('ledger-fake-07-rules');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel().count()).toBe(0);
  });
});
