// The built CLI's sync and search (issue 16): `sync --no-index` leaves the text to the server
// and says so; `sync` returns once the index covers what it synced, so a script can search next;
// `search` prints the total, honours any --limit and --offset, and refuses a bad date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { CLI_BUILT, accountAddArgs, runCli } from '../support/cli-runner.ts';
import { pdfWithText, rawMessage } from '../support/search-documents.ts';
import { tempDir } from '../support/temp-dir.ts';

const EMAIL = 'clitimkiem@binhphuoc.gov.vn';
const PASSWORD = 'TimKiem#Cli2026';
const MATCHING = 70;

let stack: MailStack;
let profile: { dir: string; cleanup: () => void };
const cli = (args: string[], stdin = '') => runCli(profile.dir, args, stdin);
const search = (query: string, ...more: string[]) => cli(['search', '--account', EMAIL, query, ...more]);

interface SearchJson {
  total: number;
  offset: number;
  serverFolders: string[];
  hits: Array<{ uid: number; subject: string }>;
}

beforeAll(async () => {
  if (!CLI_BUILT) throw new Error('out/main/cli.js missing: run `npm run build` first (npm run test:integration does)');
  stack = await startMailStack({ users: [{ email: EMAIL, password: PASSWORD }] });
  const base = Date.UTC(2025, 0, 1);
  const msg = (
    i: number,
    subject: string,
    body: string,
    attachments: Parameters<typeof rawMessage>[0]['attachments'] = [],
  ) =>
    rawMessage({
      from: { name: 'Sở Nội vụ', address: 'sonoivu@binhphuoc.gov.vn' },
      to: [{ name: '', address: EMAIL }],
      subject,
      date: new Date(base + i * 86_400_000),
      body,
      attachments,
      messageId: `cli-search-${i}@binhphuoc.gov.vn`,
    });
  for (let i = 0; i < MATCHING; i++)
    await stack.appendMessage(EMAIL, 'INBOX', msg(i, `Văn bản số ${i + 1}`, 'Triển khai nghị quyết của tỉnh.'));
  const pdf = {
    filename: 'to-trinh.pdf',
    contentType: 'application/pdf',
    content: await pdfWithText('totrinhepsilon'),
  };
  await stack.appendMessage(EMAIL, 'INBOX', msg(MATCHING, 'Tờ trình', 'Xem tệp.', [pdf]));
  profile = tempDir('um-cli-search-');
  const added = await cli(accountAddArgs(stack, EMAIL), `${PASSWORD}\n`);
  expect(added.stderr).toBe('');
}, 300_000);

afterAll(async () => {
  await new OsKeychain().delete(secretKeys.accountPassword(EMAIL)).catch(() => false);
  await stack?.stop();
  profile?.cleanup();
});

describe('unit-mailbox sync and search', () => {
  it('sync --no-index: the text is not indexed, search asks the server and says so', async () => {
    const sync = await cli(['sync', '--account', EMAIL, '--no-index']);
    expect(sync.code).toBe(0);
    expect(sync.stdout).toContain(`text not indexed yet: ${MATCHING + 1} messages`);
    const r = await search('totrinhepsilon');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 / 0 kết quả / results');
    expect(r.stdout).toContain('also searched on the server (not indexed yet): INBOX');
  });

  it('sync returns with the index complete: the next search finds body and PDF text, with the total', async () => {
    const sync = await cli(['sync', '--account', EMAIL, '--json']);
    expect(sync.code).toBe(0);
    expect(JSON.parse(sync.stdout)).toMatchObject({ notIndexed: 0 });
    const pdf = JSON.parse((await search('totrinhepsilon', '--json')).stdout) as SearchJson;
    expect(pdf).toMatchObject({ total: 1, serverFolders: [] });
    expect(pdf.hits.map((h) => h.subject)).toEqual(['Tờ trình']);
    const text = await search('nghi quyet');
    expect(text.stdout).toContain(`1–50 / ${MATCHING} kết quả / results`);
  });

  it('honours any --limit (no hidden maximum) and --offset', async () => {
    const all = JSON.parse((await search('nghị quyết', '--limit', '100000', '--json')).stdout) as SearchJson;
    expect(all.total).toBe(MATCHING);
    expect(all.hits).toHaveLength(MATCHING);
    const page = JSON.parse(
      (await search('nghị quyết', '--limit', '20', '--offset', '60', '--json')).stdout,
    ) as SearchJson;
    expect(page).toMatchObject({ total: MATCHING, offset: 60 });
    expect(page.hits).toHaveLength(MATCHING - 60);
    expect(new Set([...all.hits.slice(60).map((h) => h.uid)])).toEqual(new Set(page.hits.map((h) => h.uid)));
    expect((await search('nghị quyết', '--limit', '20', '--offset', '60')).stdout).toContain(
      `61–${MATCHING} / ${MATCHING} kết quả / results`,
    );
  });

  it('refuses a bad date or an unknown operator with exit 1 and a Vietnamese message', async () => {
    const date = await search('after:2025-02-30 nghi quyet');
    expect(date.code).toBe(1);
    expect(date.stderr).toContain('"2025-02-30" không phải là ngày');
    const op = await search('tu:sonoivu');
    expect(op.code).toBe(1);
    expect(op.stderr).toContain('Không hiểu toán tử tìm kiếm "tu:"');
  });
});
