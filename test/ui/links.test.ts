// Links in a mail, in Chromium against the scripted dispatcher, with links.open served by the
// real handler (electron/services/api/link-handlers.ts) over an openExternal that records what it
// is handed: a deceptive link shows its real host (Unicode and punycode) and the warnings before
// anything opens; a mailto: link with attach= opens the app's composer without an attachment;
// javascript:, file: and smb: links never reach openExternal, not even when the page itself
// (a compromised renderer) asks for them. Screenshots in test-artifacts/screenshots/links-*.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLink } from '../../electron/services/api/link-handlers.ts';
import type { MessageDetail, MessageSummary } from '../../shared/mail.ts';
import { expectAccessible } from './axe.ts';
import { installBridge } from './bridge.ts';
import { CONTEXT_OPTIONS, launchChromium } from './browser.ts';
import { cached, FakeMailbox, fakeAccount, folderInfo } from './fake-mailbox.ts';
import { ensureRendererBuilt, rendererOut, repoRoot } from './renderer-build.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

const SCREENSHOTS = join(repoRoot, 'test-artifacts/screenshots');
const account = fakeAccount({ id: 'acc-links', email: 'links-vanphong@binhphuoc.gov.vn' });

/** Cyrillic "а" (U+0430) in "pаypal": the host is an IDN that reads as Latin. */
const DECEPTIVE_HREF = 'https://dichvucong.gov.vn.p\u0430ypal.example/dang-nhap?ma=1';
const DECEPTIVE_PUNYCODE = 'dichvucong.gov.vn.xn--pypal-4ve.example';
const MAILTO_HREF =
  'mailto:vanthu@binhphuoc.gov.vn?subject=B%C3%A1o%20c%C3%A1o%20tu%E1%BA%A7n&cc=tonghop@binhphuoc.gov.vn' +
  '&body=K%C3%ADnh%20g%E1%BB%ADi%20V%C4%83n%20th%C6%B0&attach=/etc/passwd&attachment=C:%5CUsers%5Ckey.p12' +
  '&from=giamdoc@binhphuoc.gov.vn';
const REFUSED = ['javascript:alert(1)', 'file:///etc/passwd', 'smb://fileserver/share/bao-cao.exe'];

const HTML = `<p>Kính gửi quý đơn vị,</p>
<p><a href="${DECEPTIVE_HREF}">https://dichvucong.gov.vn/dang-nhap</a></p>
<p><a href="https://binhphuoc.gov.vn@evil.example/">binhphuoc.gov.vn</a></p>
<p><a href="${MAILTO_HREF}">Gửi Văn thư</a></p>
<p><a href="https://evil.example/ho-so-\u202Efdp.exe">Hồ sơ</a></p>
${REFUSED.map((href, i) => `<p><a href="${href}">Tệp ${i + 1}</a></p>`).join('\n')}`;

const SUMMARY: MessageSummary = {
  uid: 1,
  date: '2026-11-20T02:00:00.000Z',
  from: [{ name: 'Người lạ', address: 'nguoila@example.com' }],
  to: [{ name: '', address: account.email }],
  subject: 'Cập nhật tài khoản dịch vụ công',
  flags: [],
  size: 4096,
  hasAttachments: false,
};

const DETAIL: MessageDetail = {
  uid: 1,
  folder: 'INBOX',
  messageId: '<links-1@example.com>',
  date: SUMMARY.date,
  from: SUMMARY.from,
  to: SUMMARY.to,
  cc: [],
  replyTo: [],
  subject: SUMMARY.subject,
  flags: [],
  text: 'Kính gửi quý đơn vị',
  html: HTML,
  inlineImages: {},
  attachments: [],
  parseWarning: null,
  rawSource: null,
  legacyEncoding: null,
};

/** What reached the OS opener (main's openExternal), in order. */
const opened: string[] = [];
const fake = new FakeMailbox({
  account,
  folders: [folderInfo('INBOX', { specialUse: '\\Inbox', messages: 1, unseen: 1 })],
  messages: [cached('INBOX', 1, SUMMARY.subject, SUMMARY)],
  overrides: {
    'mail.message': () => DETAIL,
    'links.open': ({ url }) =>
      openLink(url, async (u) => {
        opened.push(u);
      }),
  },
});

let browser: Browser;
let context: BrowserContext;
let page: Page;
let web: StaticServer;
const byTestId = (id: string) => page.getByTestId(id);
const item = (kind: string, text: string) =>
  page.locator(`[data-testid="link-item"][data-kind="${kind}"]`, { hasText: text });

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ensureRendererBuilt();
  [web, browser] = await Promise.all([startStaticServer(rendererOut), launchChromium()]);
  context = await browser.newContext(CONTEXT_OPTIONS);
  page = await context.newPage();
  const bridge = await installBridge(page, fake.dispatch);
  fake.attach((event, payload) => bridge.emit(event, payload));
  await page.goto(web.url);
  await page.locator('[data-testid="message-row"][data-uid="1"]').click();
  await byTestId('mail-frame').waitFor();
  await byTestId('link-list').locator('summary').click();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await web?.close();
});

describe('links in a mail', () => {
  it('lists only http(s) and mailto links, deceptive ones marked', async () => {
    await expect.poll(() => byTestId('link-item').count()).toBe(4);
    const rtlo = 'https://evil.example/ho-so-%E2%80%AEfdp.exe';
    expect(await byTestId('link-url').allTextContents()).toEqual([
      `https://${DECEPTIVE_PUNYCODE}/dang-nhap?ma=1`,
      'https://binhphuoc.gov.vn@evil.example/',
      MAILTO_HREF,
      rtlo,
    ]);
    // The web links deceive; the mailto link's text names no other address.
    const marked = page.locator('[data-testid="link-item"]:has([data-testid="link-suspicious"])');
    expect(await marked.getByTestId('link-url').allTextContents()).toEqual([
      `https://${DECEPTIVE_PUNYCODE}/dang-nhap?ma=1`,
      'https://binhphuoc.gov.vn@evil.example/',
      rtlo,
    ]);
    // In the frame the link cannot be followed; its tooltip shows the RLO instead of applying it.
    const content = await (await byTestId('mail-frame').elementHandle())?.contentFrame();
    const titles = await content?.locator('a[title]').evaluateAll((as) => as.map((a) => a.getAttribute('title')));
    expect(titles).toContain('https://evil.example/ho-so-[U+202E]fdp.exe');
    expect(await content?.locator('a[href]').count()).toBe(0);
  });

  it('shows the real host, in Unicode and punycode, with the warnings, before opening a deceptive link', async () => {
    await item('web', 'dichvucong').getByTestId('link-open').click();
    const dialog = byTestId('link-confirm');
    await dialog.waitFor();
    expect(await byTestId('link-confirm-host').textContent()).toBe('dichvucong.gov.vn.p\u0430ypal.example');
    expect(await byTestId('link-confirm-punycode').textContent()).toBe(DECEPTIVE_PUNYCODE);
    expect(await byTestId('link-confirm-url').textContent()).toBe(`https://${DECEPTIVE_PUNYCODE}/dang-nhap?ma=1`);
    expect(await byTestId('link-confirm-text').textContent()).toBe('https://dichvucong.gov.vn/dang-nhap');
    const warnings = await byTestId('link-warning').evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-warning')),
    );
    expect(warnings).toEqual(expect.arrayContaining(['text-differs', 'mixed-script', 'idn']));
    expect(await dialog.textContent()).toContain('Cảnh báo: liên kết có dấu hiệu giả mạo');
    expect(await dialog.textContent()).toContain('Chữ hiển thị là một địa chỉ khác');
    await page.screenshot({ path: join(SCREENSHOTS, 'links-01-deceptive-confirm.png') });
    await expectAccessible(page, 'links-01-deceptive-confirm');
    // Nothing is opened until the reader confirms; "Hủy" opens nothing.
    await byTestId('dialog-cancel').click();
    await expect.poll(() => byTestId('link-confirm').count()).toBe(0);
    expect(opened).toEqual([]);
  });

  it('warns about credentials before the host and opens only the normalised URL once confirmed', async () => {
    await item('web', 'binhphuoc.gov.vn').getByTestId('link-open').click();
    await byTestId('link-confirm').waitFor();
    expect(await byTestId('link-confirm-host').textContent()).toBe('evil.example');
    const warnings = await byTestId('link-warning').evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-warning')),
    );
    expect(warnings).toEqual(expect.arrayContaining(['credentials', 'text-differs']));
    await page.screenshot({ path: join(SCREENSHOTS, 'links-02-credentials-confirm.png') });
    await byTestId('dialog-confirm').click();
    await expect.poll(() => opened).toEqual(['https://binhphuoc.gov.vn@evil.example/']);
  });

  it('opens a mailto link in the app composer, without the attachment it asked for', async () => {
    await item('mailto', 'Văn thư').getByTestId('link-open').click();
    await byTestId('composer').waitFor();
    expect(await byTestId('compose-to').getByTestId('recipient-chip').allTextContents()).toEqual([
      expect.stringContaining('vanthu@binhphuoc.gov.vn'),
    ]);
    expect(await byTestId('compose-cc').getByTestId('recipient-chip').allTextContents()).toEqual([
      expect.stringContaining('tonghop@binhphuoc.gov.vn'),
    ]);
    expect(await byTestId('compose-subject').inputValue()).toBe('Báo cáo tuần');
    await expect.poll(() => byTestId('compose-editor').textContent()).toContain('Kính gửi Văn thư');
    expect(await byTestId('compose-attachment').count()).toBe(0);
    expect(await byTestId('link-mailto-note').first().textContent()).toContain('attach, attachment, from');
    await page.screenshot({ path: join(SCREENSHOTS, 'links-03-mailto-composer.png') });
    // The mailto link went to the composer, never to the OS.
    expect(opened.filter((u) => u.startsWith('mailto:'))).toEqual([]);
  });

  it('never hands javascript:, file: or smb: to openExternal, even when the page asks directly', async () => {
    const before = opened.length;
    const results = await page.evaluate(async (urls) => {
      const api = (globalThis as unknown as { unitMailbox: { links: { open(i: { url: string }): Promise<unknown> } } })
        .unitMailbox;
      return Promise.all(urls.map((url) => api.links.open({ url })));
    }, REFUSED);
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // Positive control: the same path opens an http link, normalised.
    await page.evaluate(async () => {
      const api = (globalThis as unknown as { unitMailbox: { links: { open(i: { url: string }): Promise<unknown> } } })
        .unitMailbox;
      await api.links.open({ url: '  HTTPS://Binhphuoc.GOV.vn/a b' });
    });
    await expect.poll(() => opened.slice(before)).toEqual(['https://binhphuoc.gov.vn/a%20b']);
    expect(opened.some((u) => /^(?:javascript|file|smb):/i.test(u))).toBe(false);
  });
});
