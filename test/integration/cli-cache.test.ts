// `folders` and `messages` answer from the local cache, offline too, with `--refresh` to sync
// first; counts and limits are stated ("N–M / TOTAL"), --limit has no hidden maximum; a mistyped
// --profile is an error, not a new empty profile; --account may be left out with one account.
// Through the built CLI on real Dovecot.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { CLI_BUILT, accountAddArgs, runCli } from '../support/cli-runner.ts';
import { directive } from '../support/fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';

const UNIT: StackUser = { email: 'vpbonho@binhphuoc.gov.vn', password: 'BoNho#Cache26!' };
const OTHER: StackUser = { email: 'vpthuhai@binhphuoc.gov.vn', password: 'ThuHai#Cache26!' };
const COUNT = 1_234;

let stack: MailStack;
let profile: { dir: string; cleanup: () => void };
const cli = (args: string[], stdin = '') => runCli(profile.dir, args, stdin);
const mail = (i: number) =>
  directive(
    `Công văn số ${i}/UBND-VX V/v kiểm tra bộ nhớ đệm`,
    `Nội dung ${i}.`,
    'vanphong@binhphuoc.gov.vn',
    new Date(Date.UTC(2025, 0, 1) + i * 60_000).toUTCString().replace('GMT', '+0000'),
  );

interface Page {
  folder: string;
  total: number;
  offset: number;
  shown: number;
  messages: Array<{ uid: number; subject: string }>;
}

beforeAll(async () => {
  if (!CLI_BUILT) throw new Error('out/main/cli.js missing: run `npm run build` first');
  stack = await startMailStack({ users: [UNIT, OTHER], folders: { [UNIT.email]: ['Văn bản đến'] } });
  await stack.bulkSeed(UNIT.email, 'Văn bản đến', COUNT, mail);
  await stack.appendMessage(UNIT.email, 'INBOX', mail(0));
  profile = tempDir('um-cli-cache-');
  expect((await cli(accountAddArgs(stack, UNIT.email), `${UNIT.password}\n`)).code).toBe(0);
}, 180_000);

afterAll(async () => {
  for (const u of [UNIT, OTHER]) await new OsKeychain().delete(secretKeys.accountPassword(u.email)).catch(() => false);
  await stack?.stop();
  profile?.cleanup();
});

describe('folders and messages from the local cache (built CLI, real Dovecot)', { timeout: 300_000 }, () => {
  it('fills an empty cache first, then answers without --account when there is one account', async () => {
    const r = await cli(['folders', '--json']);
    expect(r.code).toBe(0);
    const folders = JSON.parse(r.stdout) as Array<{ path: string; messages: number }>;
    expect(folders.find((f) => f.path === 'Văn bản đến')?.messages).toBe(COUNT);
    const text = await cli(['folders']);
    expect(text.stdout).toMatch(new RegExp(`${folders.length} thư mục, ${COUNT + 1} thư`));
    expect(text.stdout).toContain('from the local cache');
  });

  it('pages with any --limit and --offset, stating "N–M / TOTAL"', async () => {
    const all = await cli(['messages', '--folder', 'Văn bản đến', '--limit', '5000', '--json']);
    expect(all.code).toBe(0);
    const page = JSON.parse(all.stdout) as Page;
    expect(page).toMatchObject({ total: COUNT, offset: 0, shown: COUNT });
    expect(new Set(page.messages.map((m) => m.uid)).size).toBe(COUNT);
    const tail = await cli(['messages', '--folder', 'Văn bản đến', '--limit', '100', '--offset', '1200']);
    expect(tail.code).toBe(0);
    expect(tail.stdout).toContain(`1201–${COUNT} / ${COUNT}`);
    const first = await cli(['messages', '--folder', 'Văn bản đến', '--limit', '10']);
    expect(first.stdout).toContain(`1–10 / ${COUNT}`);
    expect(first.stdout).toContain('--offset');
    // The newest first: the last seeded message heads the list.
    expect(first.stdout.split('\n')[1]).toContain(`Công văn số ${COUNT - 1}/UBND-VX`);
  });

  it('answers offline from the cache; --refresh syncs first and fails cleanly when the server is down', async () => {
    await stack.crashImap();
    try {
      const offline = await cli(['messages', '--folder', 'INBOX', '--json']);
      expect(offline.code).toBe(0);
      expect(JSON.parse(offline.stdout)).toMatchObject({ total: 1, shown: 1 });
      const refresh = await cli(['messages', '--folder', 'INBOX', '--refresh']);
      expect(refresh.code).toBe(1);
      expect(refresh.stderr).toMatch(/HOST_UNREACHABLE|NETWORK/);
    } finally {
      await stack.restartImap();
    }
    await stack.appendMessage(UNIT.email, 'INBOX', mail(5000));
    const stale = await cli(['messages', '--folder', 'INBOX', '--json']);
    expect((JSON.parse(stale.stdout) as Page).total).toBe(1);
    const fresh = await cli(['messages', '--folder', 'INBOX', '--refresh', '--json']);
    expect(fresh.code).toBe(0);
    expect((JSON.parse(fresh.stdout) as Page).total).toBe(2);
    const missing = await cli(['messages', '--folder', 'Không có']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('FOLDER_NOT_FOUND');
  });

  it('a mistyped --profile is an error and creates nothing', async () => {
    const typo = join(profile.dir, 'does-not-exist');
    const r = await runCli(typo, ['folders']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no profile at');
    expect(existsSync(typo)).toBe(false);
    expect((await runCli(typo, ['account', 'list'])).code).toBe(2);
  });

  it('asks for --account once there are two accounts', async () => {
    expect((await cli(accountAddArgs(stack, OTHER.email), `${OTHER.password}\n`)).code).toBe(0);
    const r = await cli(['folders']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--account is required');
    expect(r.stderr).toContain(OTHER.email);
    expect((await cli(['folders', '--account', UNIT.email])).code).toBe(0);
  });
});
