import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { UNIT_EMAIL, UNIT_FOLDERS, directive, passwordOf, withAttachment } from '../support/fixtures.ts';
import { countInTree } from '../support/profile-scan.ts';
import { tempDir } from '../support/temp-dir.ts';
import { CLI_BUILT, accountAddArgs, runCli } from '../support/cli-runner.ts';

// End to end: the built CLI (`npm run build` runs before this project) against the real stack and keychain.

let stack: MailStack;
let profile: { dir: string; cleanup: () => void };
const cli = (args: string[], stdin = '') => runCli(profile.dir, args, stdin);

const addArgs = (security: 'starttls' | 'tls' = 'starttls') =>
  accountAddArgs(stack, UNIT_EMAIL, { security, name: 'Văn phòng UBND tỉnh' });

beforeAll(async () => {
  if (!CLI_BUILT) throw new Error('out/main/cli.js missing: run `npm run build` first (npm run test:integration does)');
  stack = await startMailStack({ folders: { [UNIT_EMAIL]: UNIT_FOLDERS } });
  await stack.appendMessage(
    UNIT_EMAIL,
    'INBOX',
    directive('Quyết định số 45/QĐ-UBND về việc giao nhiệm vụ', 'Giao Văn phòng…'),
  );
  await stack.appendMessage(UNIT_EMAIL, 'Chỉ đạo', withAttachment('Chỉ thị 05/CT-UBND'));
  profile = tempDir('um-cli-');
});

afterAll(async () => {
  await new OsKeychain().delete(secretKeys.accountPassword(UNIT_EMAIL)).catch(() => false);
  await stack?.stop();
  profile?.cleanup();
});

describe('unit-mailbox CLI against the real stack', () => {
  it('refuses a wrong password with exit 1 and one clear line, saving nothing', async () => {
    const r = await cli(addArgs(), 'not-the-password\n');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('Sai tên đăng nhập hoặc mật khẩu.');
    expect(r.stderr).not.toContain('not-the-password');
    expect((await cli(['account', 'list', '--json'])).stdout.trim()).toBe('[]');
  });

  it('adds the unit mailbox with the password from stdin', async () => {
    const r = await cli(addArgs(), `${passwordOf(stack, UNIT_EMAIL)}\n`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(UNIT_EMAIL);
    expect(await new OsKeychain().get(secretKeys.accountPassword(UNIT_EMAIL))).toBe(passwordOf(stack, UNIT_EMAIL));
  });

  it('lists accounts and tests the stored one', async () => {
    const list = await cli(['account', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ email: UNIT_EMAIL, kind: 'unit', hasCustomCa: true, insecure: false }),
    ]);
    const test = await cli(['account', 'test', '--email', UNIT_EMAIL, '--json']);
    expect(test.code).toBe(0);
    expect(JSON.parse(test.stdout)).toMatchObject({ email: UNIT_EMAIL, imap: { ok: true }, smtp: { ok: true } });
  });

  it('lists the folders of the real account, including Chỉ đạo and Đã xử lý', async () => {
    // The cache is empty: `folders` syncs first (progress on stderr), then answers from it.
    const r = await cli(['folders', '--account', UNIT_EMAIL, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/headers \[#+\] 1\/1 /);
    const folders = JSON.parse(r.stdout) as Array<{
      path: string;
      name: string;
      delimiter: string;
      specialUse: string | null;
      messages: number;
      unseen: number;
    }>;
    expect(folders.map((f) => f.path)).toEqual(
      expect.arrayContaining(['INBOX', 'Chỉ đạo', 'Đã xử lý', 'Hồ sơ & Lưu trữ']),
    );
    expect(folders.find((f) => f.path === 'Chỉ đạo')).toMatchObject({
      name: 'Chỉ đạo',
      delimiter: '/',
      messages: 1,
      unseen: 1,
    });
    const text = await cli(['folders', '--account', UNIT_EMAIL]);
    expect(text.stdout).toContain('Đã xử lý');
  });

  it('lists messages and shows one', async () => {
    const r = await cli(['messages', '--account', UNIT_EMAIL, '--folder', 'Chỉ đạo', '--limit', '5', '--json']);
    expect(r.code).toBe(0);
    // A page of the local cache: { folder, total, offset, shown, messages } (cli-cache.test.ts).
    const {
      messages: [msg],
    } = JSON.parse(r.stdout) as {
      messages: Array<{ uid: number; subject: string; hasAttachments: boolean; size: number }>;
    };
    expect(msg).toMatchObject({ subject: 'Chỉ thị 05/CT-UBND', hasAttachments: true });
    const shown = await cli(['show', '--account', UNIT_EMAIL, '--folder', 'Chỉ đạo', '--uid', String(msg!.uid)]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Subject: Chỉ thị 05/CT-UBND');
    expect(shown.stdout).toContain('cong-van-123.pdf (application/pdf');
    const missing = await cli(['show', '--account', UNIT_EMAIL, '--folder', 'Chỉ đạo', '--uid', '4242']);
    expect(missing.code).toBe(1);
  });

  it('syncs into the local cache, then searches and lists directives from it', async () => {
    // `folders` above filled the empty cache (its first sync); this one finds nothing new.
    const sync = await cli(['sync', '--account', UNIT_EMAIL, '--json']);
    expect(sync.code).toBe(0);
    expect(JSON.parse(sync.stdout)).toMatchObject({ messages: 2, added: 0 });
    const again = await cli(['sync', '--account', UNIT_EMAIL]);
    expect(again.stdout).toMatch(/synced: \d+ folders, 2 messages \(\+0 ~0 -0\)/);

    const search = await cli(['search', '--account', UNIT_EMAIL, 'chi thi', '--json']);
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout)).toMatchObject({
      total: 1,
      hits: [expect.objectContaining({ folder: 'Chỉ đạo', subject: 'Chỉ thị 05/CT-UBND' })],
    });
    const none = await cli(['search', '--account', UNIT_EMAIL, 'from:khongco@binhphuoc.gov.vn']);
    expect(none.stdout).toContain('no results');

    const directives = await cli(['directives', '--account', UNIT_EMAIL, '--json']);
    expect(directives.code).toBe(0);
    const listed = JSON.parse(directives.stdout) as {
      total: number;
      shown: number;
      directives: Array<{ subject: string }>;
    };
    expect(listed.directives.map((d) => d.subject)).toEqual(
      expect.arrayContaining(['Quyết định số 45/QĐ-UBND về việc giao nhiệm vụ', 'Chỉ thị 05/CT-UBND']),
    );
    expect(listed.shown).toBe(listed.directives.length);
    expect(listed.total).toBe(listed.directives.length);
    // --limit and --offset page through them, and the text says "N of M".
    const second = await cli(['directives', '--account', UNIT_EMAIL, '--limit', '1', '--offset', '1']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`2–2 / ${listed.total} chỉ đạo / directives`);
    expect(second.stdout).toContain(listed.directives[1]?.subject as string);
  });

  it('never accepts a password as a flag value (exit 2)', async () => {
    const r = await cli(['account', 'add', '--email', UNIT_EMAIL, `--password=${passwordOf(stack, UNIT_EMAIL)}`]);
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).not.toContain(passwordOf(stack, UNIT_EMAIL));
  });

  it('keeps the password out of the profile folder and logs', () => {
    expect(countInTree(profile.dir, passwordOf(stack, UNIT_EMAIL))).toEqual({ count: 0, files: [] });
    expect(countInTree(profile.dir, 'not-the-password').count).toBe(0);
  });

  it('removes the account and its keychain entry', async () => {
    const r = await cli(['account', 'remove', '--email', UNIT_EMAIL]);
    expect(r.code).toBe(0);
    expect(await new OsKeychain().get(secretKeys.accountPassword(UNIT_EMAIL))).toBeNull();
  });
});
