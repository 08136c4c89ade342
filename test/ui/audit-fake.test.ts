// The ledger window's "Nhật ký" tab in Chromium against the scripted dispatcher, answering
// audit.page itself (FakeOverrides) with what the real log can hold but a healthy test stack does
// not: a broken chain (its first problem in Vietnamese), records still waiting on this computer,
// a change another client made ("ngoài ứng dụng"), a record whose signature does not hold, and
// more than one page. Screenshots test-artifacts/screenshots/audit-fake-*.png, axe on each.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/audit.ts';
import type { AuditPage } from '../../shared/contract-audit.ts';
import { openFakePage, type FakePage } from './fake-page.ts';
import { cached, FakeMailbox, fakeAccount, folderInfo } from './fake-mailbox.ts';

const account = fakeAccount();
const TOTAL = 60;
const FIRST_PROBLEM = 'Bản ghi số 7 của nhật ký đã bị xóa khỏi thư mục.';
const asked: Array<{ offset: number; limit: number; kind?: string; actor?: string }> = [];

let ui: FakePage;
let page: Page;
let fake: FakeMailbox;
const byTestId = (id: string) => page.getByTestId(id);

/** Record seq `seq` of the fake log: a flag change seen from outside at 60, an unsigned one at 59. */
function entry(seq: number): AuditEntry {
  const outside = seq === TOTAL;
  return {
    format: 'unit-mailbox-audit/1',
    id: `rec-${seq}`,
    seq,
    prev: '',
    prevRef: null,
    at: new Date(Date.UTC(2026, 11, 1, 1, seq)).toISOString(),
    by: { email: outside ? account.email : 'canbo1@binhphuoc.gov.vn', certificateSha256: 'ab'.repeat(32) },
    mailbox: account.email,
    kind: outside ? 'flag' : 'status',
    message: { folder: 'INBOX', uid: 100 + seq, uidValidity: 1, messageId: null },
    details: outside
      ? {
          outside: true,
          label: 'ngoài ứng dụng',
          messageVi: 'Cờ của thư đã đổi ngoài ứng dụng (không qua ứng dụng Hộp thư đơn vị).',
        }
      : { number: seq, year: 2026, status: 'dang-xu-ly' },
    uid: seq,
    sha256: 'cd'.repeat(32),
    trusted: seq !== TOTAL - 1,
  };
}

function auditPage(q: { offset: number; limit: number; kind?: string; actor?: string }): AuditPage {
  asked.push(q);
  const kept = Array.from({ length: TOTAL }, (_, i) => entry(TOTAL - i))
    .filter((e) => q.kind === undefined || e.kind === q.kind)
    .filter((e) => q.actor === undefined || e.by.email === q.actor);
  return {
    mailbox: account.email,
    folder: 'UnitMailbox/Audit',
    records: TOTAL,
    total: kept.length,
    offset: q.offset,
    entries: kept.slice(q.offset, q.offset + q.limit),
    intact: false,
    problems: 2,
    first: { kind: 'missing', seq: 7, uid: null, detail: 'record 7 is missing', messageVi: FIRST_PROBLEM },
    pending: 1,
  };
}

beforeAll(async () => {
  fake = new FakeMailbox({
    account,
    folders: [folderInfo('INBOX', { specialUse: '\\Inbox' })],
    messages: [cached('INBOX', 1, 'Công văn 123/UBND-VP về chuyển đổi số')],
    overrides: { 'audit.page': (q) => auditPage(q) },
  });
  ui = await openFakePage(fake);
  page = ui.page;
  await byTestId('main-screen').waitFor();
});

afterAll(async () => {
  expect(ui?.pageErrors ?? []).toEqual([]);
  expect(fake?.refused ?? []).toEqual([]);
  await ui?.close();
});

describe('the audit log tab', () => {
  it('says the chain is broken and why, what waits here, who changed what outside the app', async () => {
    await byTestId('btn-ledger').click();
    await byTestId('ledger-tab-audit').click();
    const chain = byTestId('ledger-audit-chain');
    await expect.poll(() => chain.getAttribute('data-intact')).toBe('false');
    expect(await chain.textContent()).toBe(`Nhật ký đã bị can thiệp (2 vấn đề). Vấn đề đầu tiên: ${FIRST_PROBLEM}`);
    expect(await chain.getAttribute('role')).toBe('alert');
    expect(await byTestId('ledger-audit-pending').textContent()).toBe('1 bản ghi đang chờ ghi lên máy chủ từ máy này.');
    expect(await byTestId('ledger-audit-count').textContent()).toBe(`1–50 / ${TOTAL}`);
    const rows = byTestId('ledger-audit-row');
    expect(await rows.count()).toBe(50);
    const outside = rows.first();
    expect(await outside.getAttribute('data-outside')).toBe('true');
    expect(await outside.textContent()).toContain(`ngoài ứng dụng (thấy bởi ${account.email})`);
    expect(await outside.textContent()).toContain('Cờ của thư đã đổi ngoài ứng dụng');
    expect(await outside.textContent()).toContain('Đổi cờ thư');
    expect(await rows.nth(1).textContent()).toContain('chữ ký không hợp lệ');
    expect(await rows.nth(2).textContent()).toContain('số đến 58/2026 · Đang xử lý');
    expect(await rows.nth(2).textContent()).not.toContain('chữ ký không hợp lệ');
    await ui.shot('audit-fake-01-broken');
  });

  it('pages through the log: the next 10, then back', async () => {
    await byTestId('ledger-audit-next').click();
    await expect.poll(() => byTestId('ledger-audit-count').textContent()).toBe(`51–60 / ${TOTAL}`);
    expect(await byTestId('ledger-audit-row').count()).toBe(10);
    expect(await byTestId('ledger-audit-next').isDisabled()).toBe(true);
    expect(asked.at(-1)).toMatchObject({ offset: 50, limit: 50 });
  });

  it('filters by action and by person, from the first page; the chain line still counts the whole log', async () => {
    await byTestId('ledger-audit-kind').selectOption('flag');
    await expect.poll(() => byTestId('ledger-audit-count').textContent()).toBe('1–1 / 1');
    expect(asked.at(-1)).toMatchObject({ offset: 0, kind: 'flag' });
    expect(await byTestId('ledger-audit-row').getAttribute('data-outside')).toBe('true');
    await byTestId('ledger-audit-kind').selectOption('');
    await byTestId('ledger-audit-actor').fill('canbo1@binhphuoc.gov.vn');
    await byTestId('ledger-audit-actor').press('Enter');
    await expect.poll(() => byTestId('ledger-audit-count').textContent()).toBe(`1–50 / ${TOTAL - 1}`);
    expect(asked.at(-1)).toMatchObject({ offset: 0, actor: 'canbo1@binhphuoc.gov.vn' });
    expect(asked.at(-1)?.kind).toBeUndefined();
    await ui.shot('audit-fake-02-filtered');
    // Nobody by that address: said so, not "the log is empty".
    await byTestId('ledger-audit-actor').fill('khac@binhphuoc.gov.vn');
    await byTestId('ledger-audit-actor').press('Enter');
    await expect.poll(() => byTestId('ledger-audit-empty').textContent()).toBe('Không có bản ghi nào khớp bộ lọc.');
  });
});
