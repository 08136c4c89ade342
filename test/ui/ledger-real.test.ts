// The ledger UI in Chromium against the REAL stack: a unit head and two delegates (Xử lý grants,
// the ledger folder shared), each with their own app services behind the production dispatcher
// and the contract bridge. The register table shows entries registered on Dovecot; "Vào sổ" from
// the reader registers a third with corrected fields ($DaVaoSo over raw IMAP); the head assigns in
// the UI; a delegate's claim lost to another computer names the winner; the assignee works the
// entry to Đã xử lý with its result ($DaXuLy over raw IMAP); the head's dashboard shows the counts;
// "Báo cáo" writes the register as PDF (pdftotext, pdfinfo) and the processing report as XLSX;
// the assignee's notices bell keeps the assignment across a reload; the head reads the audit log.
// Screenshots in test-artifacts/screenshots/ledger-real-*.png; axe on each screen.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { ImapFlow } from 'imapflow';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../shared/contract-audit.ts';
import type { LedgerDashboard } from '../../shared/contract-ledger.ts';
import { createDispatcher } from '../../electron/services/api/dispatcher.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { connectOther } from '../support/fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';
import { incoming } from '../support/ledger-sides.ts';
import { launchChromium } from './browser.ts';
import { SCREENSHOTS, leave, openApp, person, shot, type Person } from './delegation-people.ts';
import { ensureRendererBuilt, rendererOut } from './renderer-build.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

const UNIT: StackUser = { email: 'vpsoui@binhphuoc.gov.vn', password: 'VpSoUi#2026!' };
const D1: StackUser = { email: 'xulyui1@binhphuoc.gov.vn', password: 'XuLyUi1#2026!' };
const D2: StackUser = { email: 'xulyui2@binhphuoc.gov.vn', password: 'XuLyUi2#2026!' };
const DOCS = [
  { id: 'ui-1', subject: 'KHẨN: Công văn số 123/UBND-VX V/v triển khai chuyển đổi số' },
  { id: 'ui-2', subject: 'Kế hoạch số 45/KH-UBND về kiểm tra công vụ năm 2027' },
  { id: 'ui-3', subject: 'Giấy mời số 88/GM-SNV họp giao ban chuyển đổi số' },
];

let stack: MailStack;
let web: StaticServer;
let browser: Browser;
let head: Person;
let d1: Person;
let d2: Person;
let raw: ImapFlow;
const uids: number[] = [];
let year = 0;
const reports = tempDir('um-ledger-reports-');

const asUnit = (p: Person) => ({ accountId: p.services.accounts.list()[0]!.id, mailbox: UNIT.email });
const headId = () => head.services.accounts.list()[0]!.id;
const rowOf = (p: Person, n: number) =>
  p.page.getByTestId('ledger-panel').locator(`[data-testid="ledger-row"][data-number="${n}"]`);
const detailOf = (p: Person) => p.page.getByTestId('ledger-detail');

async function uidOf(id: string): Promise<number> {
  const lock = await raw.getMailboxLock('INBOX', { readOnly: true });
  try {
    await raw.noop();
    const found = await raw.search({ header: { 'message-id': id } }, { uid: true });
    return (Array.isArray(found) ? found[0] : undefined) ?? Promise.reject(new Error(`no ${id}`));
  } finally {
    lock.release();
  }
}

async function keywordsOf(uid: number): Promise<string[]> {
  const lock = await raw.getMailboxLock('INBOX', { readOnly: true });
  try {
    await raw.noop(); // a selected folder's changes are news only in answer to a command
    const msg = await raw.fetchOne(String(uid), { flags: true }, { uid: true });
    return [...(msg ? (msg.flags ?? []) : [])].filter((f) => f.startsWith('$')).sort();
  } finally {
    lock.release();
  }
}

async function openLedger(p: Person): Promise<void> {
  await p.page.getByTestId('btn-ledger').click();
  await p.page.getByTestId('ledger-panel').waitFor();
}

async function closeLedger(p: Person): Promise<void> {
  await p.page.getByTestId('ledger-close').click();
  await expect.poll(() => p.page.getByTestId('ledger-panel').count()).toBe(0);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ensureRendererBuilt();
  [stack, web, browser] = await Promise.all([
    startMailStack({ users: [UNIT, D1, D2] }),
    startStaticServer(rendererOut),
    launchChromium(),
  ]);
  raw = await connectOther(stack, UNIT.email);
  for (const d of DOCS) {
    await stack.appendMessage(UNIT.email, 'INBOX', incoming(UNIT.email, d.subject, d.id));
    uids.push(await uidOf(`<${d.id}@binhphuoc.gov.vn>`));
  }
  // The head's "Báo cáo" saves where main's dialog answers: a folder of this test.
  head = await person(stack, browser, UNIT.email, 'unit', { saveFile: async (name) => join(reports.dir, name) });
  d1 = await person(stack, browser, D1.email, 'personal');
  d2 = await person(stack, browser, D2.email, 'personal');
  const who = [
    [head, 'Trần Văn Chánh', 'Chánh Văn phòng'],
    [d1, 'Lê Thị Xử Lý', 'Chuyên viên'],
    [d2, 'Phạm Văn Hai', 'Chuyên viên'],
  ] as const;
  for (const [p, name, title] of who)
    await p.services.identity.create({ name, title, unit: 'Sở Nội vụ tỉnh Bình Phước', email: p.email });
  for (const d of [d1, d2]) {
    await head.services.delegation.grant(headId(), { delegate: d.email, role: 'xu-ly', scope: 'all' });
    await head.services.ledger.share(headId(), d.email);
  }
  // Two entries registered on the server before anyone opens the app (the first two messages).
  for (const uid of uids.slice(0, 2)) {
    const r = await head.services.ledger.register(headId(), { folder: 'INBOX', uid });
    year = r.entry.year;
  }
}, 240_000);

afterAll(async () => {
  await raw?.logout().catch(() => undefined);
  for (const p of [head, d1, d2]) await leave(p);
  await browser?.close();
  await Promise.all([stack?.stop(), web?.close()]);
  reports.cleanup();
});

describe('the ledger in the UI against the real server', { timeout: 180_000 }, () => {
  it('the head opens "Sổ văn bản đến": the entries registered on Dovecot, in the NĐ 30 columns', async () => {
    await openApp(head, web.url);
    await openLedger(head);
    const { page } = head;
    await expect.poll(() => page.getByTestId('ledger-count').textContent(), { timeout: 60_000 }).toBe('1–2 / 2');
    expect(await rowOf(head, 1).textContent()).toContain('123/UBND-VX');
    expect(await rowOf(head, 1).getByTestId('ledger-row-status').textContent()).toBe('Đã vào sổ');
    expect(await rowOf(head, 2).textContent()).toContain('45/KH-UBND');
    for (const col of ['Số đến', 'Ngày đến', 'Tác giả', 'Số ký hiệu', 'Trích yếu', 'Độ khẩn', 'Người xử lý', 'Hạn'])
      expect(await page.getByTestId('ledger-table').locator('thead').textContent()).toContain(col);
    await shot(head, 'ledger-real-01-book');
    await closeLedger(head);
  });

  it('"Vào sổ" from the reader: parsed fields corrected, số đến 3, $DaVaoSo on the server', async () => {
    const { page } = head;
    await page.getByTestId('message-row').filter({ hasText: '88/GM-SNV' }).click({ timeout: 60_000 });
    await page.getByTestId('ledger-register').click();
    const dialog = page.getByTestId('ledger-register-dialog');
    expect(await dialog.getByTestId('ledger-register-soKyHieu').inputValue()).toBe('88/GM-SNV');
    expect(await dialog.getByTestId('ledger-register-tenLoai').inputValue()).toBe('Giấy mời');
    await dialog.getByTestId('ledger-register-nguoiNhan').fill('Phòng Tổng hợp');
    await shot(head, 'ledger-real-02-register');
    await dialog.getByTestId('ledger-register-submit').click();
    await expect
      .poll(() => page.getByTestId('ledger-register-done').textContent(), { timeout: 60_000 })
      .toContain(`3/${year}`);
    const entry = await head.services.ledger.entry(headId(), { year, number: 3 });
    expect(entry.fields).toMatchObject({ soKyHieu: '88/GM-SNV', nguoiNhan: 'Phòng Tổng hợp' });
    expect(await keywordsOf(uids[2]!)).toContain('$DaVaoSo');
  });

  it('the head assigns entry 1 to a delegate, with the default deadline shown', async () => {
    const { page } = head;
    await page.getByTestId('ledger-open-registered').click();
    await expect.poll(() => page.getByTestId('ledger-count').textContent(), { timeout: 60_000 }).toBe('1–3 / 3');
    await rowOf(head, 1).getByTestId('ledger-open').click();
    const detail = detailOf(head);
    await expect.poll(() => detail.getByTestId('ledger-detail-heading').textContent()).toBe(`Số đến 1/${year}`);
    await detail.getByTestId('ledger-action-assign').click();
    const form = detail.getByTestId('ledger-assign');
    expect(await form.getByTestId('ledger-assign-deadline-hint').textContent()).toContain('Khẩn');
    await form.getByTestId('ledger-assign-to').fill(D1.email);
    await form.getByTestId('ledger-assign-instruction').fill('Giao đồng chí chủ trì tham mưu, báo cáo kết quả.');
    await form.getByTestId('ledger-assign-submit').click();
    await expect
      .poll(() => detail.getByTestId('ledger-action-ok').textContent(), { timeout: 60_000 })
      .toContain('Đã giao');
    await expect
      .poll(() => rowOf(head, 1).getByTestId('ledger-row-assignee').textContent(), { timeout: 60_000 })
      .toBe(D1.email);
    await shot(head, 'ledger-real-03-assigned');
    const seen = await d1.services.ledger.entry(asUnit(d1), { year, number: 1 });
    expect(seen).toMatchObject({ status: 'da-giao', handler: D1.email });
    await closeLedger(head);
  });

  it('a delegate claims an entry another computer took first: told who won', async () => {
    await openApp(d2, web.url);
    const { page } = d2;
    await page.locator(`[data-testid="shared-mailbox"][data-owner="${UNIT.email}"]`).waitFor({ timeout: 60_000 });
    await openLedger(d2);
    expect(await page.getByTestId('ledger-mailbox').textContent()).toBe(UNIT.email);
    await rowOf(d2, 2).getByTestId('ledger-open').click({ timeout: 60_000 });
    await detailOf(d2).getByTestId('ledger-action-claim').waitFor({ timeout: 60_000 });
    await d1.services.ledger.claim(asUnit(d1), { year, number: 2 });
    await detailOf(d2).getByTestId('ledger-action-claim').click();
    await expect
      .poll(() => detailOf(d2).getByTestId('ledger-claim-lost').textContent(), { timeout: 60_000 })
      .toContain(D1.email);
    await shot(d2, 'ledger-real-04-claim-lost');
  });

  it('the assignee works entry 1 in the UI: Đang xử lý, then Đã xử lý with the result; $DaXuLy on the server', async () => {
    await openApp(d1, web.url);
    const { page } = d1;
    await page.locator(`[data-testid="shared-mailbox"][data-owner="${UNIT.email}"]`).waitFor({ timeout: 60_000 });
    await openLedger(d1);
    await page.getByTestId('ledger-filter-assignee').selectOption('me');
    await expect.poll(() => page.getByTestId('ledger-count').textContent(), { timeout: 60_000 }).toBe('1–2 / 2');
    await rowOf(d1, 1).getByTestId('ledger-open').click();
    const detail = detailOf(d1);
    await detail.getByTestId('ledger-action-start').click({ timeout: 60_000 });
    await expect
      .poll(() => detail.getByTestId('ledger-detail-status').textContent(), { timeout: 60_000 })
      .toBe('Đang xử lý');
    await detail.getByTestId('ledger-action-done').click();
    await detail.getByTestId('ledger-done-message-id').fill('<reply-1@binhphuoc.gov.vn>');
    await detail.getByTestId('ledger-done-note').fill('Đã báo cáo bằng văn bản.');
    await detail.getByTestId('ledger-done-submit').click();
    await expect
      .poll(() => detail.getByTestId('ledger-detail-status').textContent(), { timeout: 60_000 })
      .toBe('Đã xử lý');
    expect(await detail.getByTestId('ledger-detail-result').textContent()).toContain('<reply-1@binhphuoc.gov.vn>');
    await shot(d1, 'ledger-real-05-done');
    expect(await keywordsOf(uids[0]!)).toEqual(['$DaVaoSo', '$DaXuLy']);

    // The assignment was told in the notices bell, and a reload (the renderer restarted) shows it
    // again: main kept it (notices.sqlite), the list is read from there.
    const told = `Được giao xử lý: văn bản số đến 1/${year}`;
    const bell = () => page.getByTestId('notice').locator('strong').allTextContents();
    await closeLedger(d1);
    await page.getByTestId('btn-notices').click();
    await expect.poll(bell, { timeout: 60_000 }).toContain(told);
    await shot(d1, 'ledger-real-06-notices');
    await page.reload();
    await page.getByTestId('main-screen').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('notices-unread').count()).toBe(0);
    await page.getByTestId('btn-notices').click();
    await expect.poll(bell).toContain(told);
    expect(d1.services.notices.list().items.some((n) => n.kind === 'assigned' && n.params.number === 1)).toBe(true);
    await page.getByTestId('btn-notices').click();
  });

  it("the head's dashboard: counts by status, load per person, this month's on-time rate", async () => {
    await openLedger(head);
    const { page } = head;
    await page.getByTestId('ledger-tab-dashboard').click();
    const dash = page.getByTestId('ledger-dashboard');
    const count = (s: string) => dash.getByTestId(`ledger-count-${s}`).getAttribute('data-count');
    await expect.poll(() => count('da-xu-ly'), { timeout: 60_000 }).toBe('1');
    expect(await count('total')).toBe('3');
    expect(await count('dang-xu-ly')).toBe('1');
    expect(await count('da-vao-so')).toBe('1');
    const load = dash.locator(`[data-testid="ledger-load-row"][data-person="${D1.email}"]`);
    expect(await load.getByTestId('ledger-load-in-progress').textContent()).toBe('1');
    // This month's figures as the service computes them now (entry 1 was done today, unless midnight
    // of a month's last day passed in between: the page and the service then agree on 0).
    const served = await createDispatcher(head.services)('ledger.dashboard', { accountId: headId(), fresh: true });
    if (!served.ok) throw new Error(JSON.stringify(served));
    const { month } = served.value as LedgerDashboard;
    await expect
      .poll(() => dash.getByTestId('ledger-month-rate').getAttribute('data-done'), { timeout: 60_000 })
      .toBe(String(month.done));
    await shot(head, 'ledger-real-06-dashboard');
    for (const p of [head, d1, d2]) expect(p.errors).toEqual([]);
  });

  it('"Nhật ký": the unit mailbox\'s audit log, newest first, as the service reads it, the chain intact', async () => {
    const { page } = head;
    await page.getByTestId('ledger-tab-audit').click();
    const audit = page.getByTestId('ledger-audit');
    await expect
      .poll(() => audit.getByTestId('ledger-audit-chain').getAttribute('data-intact'), { timeout: 60_000 })
      .toBe('true');
    const served = await createDispatcher(head.services)('audit.page', { accountId: headId() });
    if (!served.ok) throw new Error(JSON.stringify(served));
    const { entries, total } = served.value as AuditPage;
    expect(total).toBeGreaterThan(0);
    const rows = audit.getByTestId('ledger-audit-row');
    await expect
      .poll(() => rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq')))), { timeout: 60_000 })
      .toEqual(entries.map((e) => e.seq));
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => b - a));
    // The head's assignment and the assignee's work are there, each by whoever did it.
    const kinds = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toContain('assign');
    expect(kinds).toContain('status');
    const assign = rows.and(page.locator('[data-kind="assign"]')).first();
    expect(await assign.textContent()).toContain('Giao xử lý');
    expect(await assign.textContent()).toContain(`giao cho ${D1.email}`);
    // Newest first: the assignee's last step is the first status row.
    expect(await rows.and(page.locator('[data-kind="status"]')).first().textContent()).toContain('Đã xử lý');
    expect(await audit.getByTestId('ledger-audit-count').getAttribute('data-total')).toBe(String(total));
    expect(await audit.getByTestId('ledger-audit-chain').textContent()).toContain(`${total} bản ghi`);
    await shot(head, 'ledger-real-07-audit');
    // What the assignee did, on the server's log: the claim and the two status changes.
    await audit.getByTestId('ledger-audit-actor').fill(D1.email);
    await audit.getByTestId('ledger-audit-actor').press('Enter');
    await expect
      .poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))), { timeout: 60_000 })
      .toEqual(['status', 'status', 'claim']);
    expect(await audit.getByTestId('ledger-audit-chain').textContent()).toContain(`${total} bản ghi`);
    await audit.getByTestId('ledger-audit-actor').fill('');
    await audit.getByTestId('ledger-audit-actor').press('Enter');
  });

  it('"Báo cáo": the register of the year as PDF (A4 landscape, Vietnamese intact) and XLSX, saved where asked', async () => {
    const { page } = head;
    await page.getByTestId('ledger-tab-report').click();
    const report = page.getByTestId('ledger-report');
    await report.getByTestId('report-from').fill(`${year}-01-01`);
    await report.getByTestId('report-to').fill(`${year}-12-31`);
    await report.getByTestId('report-make').click();
    const done = report.getByTestId('report-done');
    await expect.poll(() => done.getAttribute('data-entries'), { timeout: 60_000 }).toBe('3');
    const pdf = join(reports.dir, `so-van-ban-den_${year}-01-01_${year}-12-31.pdf`);
    expect(await done.textContent()).toContain(pdf);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    for (const column of ['Số đến', 'Tác giả', 'Ghi chú']) expect(text).toContain(column);
    expect(text).toContain('123/UBND-VX');
    const size = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(size).toMatch(/Page size:\s+841\.89 x 595\.28/);
    await shot(head, 'ledger-real-07-report');
    // The processing report as a spreadsheet: no CSV offered for it; the XLSX opens and holds the period.
    await report.getByTestId('report-kind-processing').check();
    expect(await report.getByTestId('report-format').locator('option[value="csv"]').count()).toBe(0);
    await report.getByTestId('report-format').selectOption('xlsx');
    await report.getByTestId('report-make').click();
    const xlsx = join(reports.dir, `bao-cao-xu-ly_${year}-01-01_${year}-12-31.xlsx`);
    await expect.poll(() => existsSync(xlsx), { timeout: 60_000 }).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.worksheets.length).toBeGreaterThan(0);
    expect(head.errors).toEqual([]);
  });
});
