// The notices bell in Chromium against the scripted dispatcher (fake-mailbox.ts with
// fake-notices.ts): what main kept shows at start with its unread count, a pushed notice adds to
// it, opening the list marks all read in main too, a reload (a restarted app) shows the same list
// without the count, and emptying the list empties it in main. Screenshots in
// test-artifacts/screenshots/notices-*.png, axe on each.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../shared/contract-notices.ts';
import { openFakePage, type FakePage } from './fake-page.ts';
import { cached, FakeMailbox, fakeAccount, folderInfo } from './fake-mailbox.ts';

const account = fakeAccount();
let ui: FakePage;
let page: Page;
let fake: FakeMailbox;
const byTestId = (id: string) => page.getByTestId(id);
const titles = () => byTestId('notice').locator('strong').allTextContents();

function notice(n: number, kind: Notice['kind'], extra: Partial<Notice> = {}): Notice {
  return {
    id: `${account.id}:${kind}:${n}`,
    accountId: account.id,
    mailbox: account.email,
    kind,
    at: `2026-12-0${n}T02:00:00.000Z`,
    urgent: kind === 'overdue',
    title: '',
    body: '',
    params: {
      number: n,
      year: 2026,
      subject: `Văn bản ${n}`,
      deadline: '2026-12-09',
      by: 'truongphong@binhphuoc.gov.vn',
    },
    ...extra,
  };
}

beforeAll(async () => {
  fake = new FakeMailbox({
    account,
    folders: [folderInfo('INBOX', { specialUse: '\\Inbox' })],
    messages: [cached('INBOX', 1, 'Công văn 123/UBND-VP về chuyển đổi số')],
  });
  // Told before this start of the app: one read already, one not.
  await fake.notices.tell([notice(1, 'assigned'), notice(2, 'overdue')]);
  (fake.notices.kept[1] as { read: boolean }).read = true;
  ui = await openFakePage(fake);
  page = ui.page;
  await page.locator('[data-testid="message-row"][data-uid="1"]').waitFor();
});

afterAll(() => ui?.close());

describe('the notices bell', () => {
  it('shows what main kept, with its unread count, and adds what main pushes', async () => {
    await expect.poll(() => byTestId('notices-unread').textContent()).toBe('1');
    await fake.notices.tell([notice(3, 'reopened')]);
    await expect.poll(() => byTestId('notices-unread').textContent()).toBe('2');
    // Told again (another read of the book): not a new notice.
    await fake.notices.tell([notice(3, 'reopened')]);
    await byTestId('btn-notices').click();
    await byTestId('notices-panel').waitFor();
    expect(await titles()).toEqual([
      'Trả lại để xử lý lại: văn bản số đến 3/2026',
      'Quá hạn xử lý: văn bản số đến 2/2026',
      'Được giao xử lý: văn bản số đến 1/2026',
    ]);
    expect(await byTestId('notices-unread').count()).toBe(0);
    await expect.poll(() => fake.notices.list().unread).toBe(0);
    await ui.shot('notices-01-list');
  });

  it('outlives a restart: the same list, nothing unread', async () => {
    await page.reload();
    await page.locator('[data-testid="message-row"][data-uid="1"]').waitFor();
    // Main's list is loaded (three kept), and none of them is unread.
    await expect.poll(() => byTestId('btn-notices').getAttribute('data-count')).toBe('3');
    expect(await byTestId('notices-unread').count()).toBe(0);
    await byTestId('btn-notices').click();
    await expect.poll(titles).toHaveLength(3);
    expect((await titles())[0]).toBe('Trả lại để xử lý lại: văn bản số đến 3/2026');
  });

  it('empties the list here and in main', async () => {
    await byTestId('notices-panel').getByRole('button', { name: 'Xóa danh sách' }).click();
    await expect.poll(() => byTestId('notice').count()).toBe(0);
    await expect.poll(() => fake.notices.kept.length).toBe(0);
    await ui.shot('notices-02-empty');
    await page.reload();
    await page.locator('[data-testid="message-row"][data-uid="1"]').waitFor();
    await byTestId('btn-notices').click();
    await byTestId('notices-panel').waitFor();
    expect(await byTestId('notice').count()).toBe(0);
    expect(ui.pageErrors).toEqual([]);
    expect(fake.refused).toEqual([]);
  });
});
