import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CheckReport,
  DelegationOverview,
  GrantResult,
  RevokeResult,
  SharedMailbox,
} from '../../shared/delegation.ts';
import { IdentityService } from '../../electron/services/identity/identity-service.ts';
import { setAcl } from '../../electron/services/imap/imap-acl.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { connectOther, directive } from '../support/fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';
import { CLI_BUILT, accountAddArgs, runCli } from '../support/cli-runner.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';

// End to end: the built CLI (`npm run build` first) against the real stack and keychain.
// Addresses of their own, so keychain entries never collide with test files running alongside.
const UNIT: StackUser = { email: 'vanthu@binhphuoc.gov.vn', password: 'VanThu#2026!' };
const DELEGATE: StackUser = { email: 'canbo2@binhphuoc.gov.vn', password: 'CanBo2#2026!' };

let stack: MailStack;
let headProfile: { dir: string; cleanup: () => void };
let delegateProfile: { dir: string; cleanup: () => void };

const cli = runCli;
const head = (args: string[], stdin?: string) => cli(headProfile.dir, args, stdin);
const json = <T>(r: { stdout: string }) => JSON.parse(r.stdout) as T;

const addArgs = (user: StackUser, kind: 'unit' | 'personal') => accountAddArgs(stack, user.email, { kind });

beforeAll(async () => {
  if (!CLI_BUILT) throw new Error('out/main/cli.js missing: run `npm run build` first (npm run test:integration does)');
  stack = await startMailStack({ users: [UNIT, DELEGATE], folders: { [UNIT.email]: ['Đã xử lý', 'Chỉ đạo'] } });
  await stack.appendMessage(UNIT.email, 'INBOX', directive('Công văn số 7/UBND-VP', 'Nội dung.'));
  headProfile = tempDir('um-deleg-cli-head-');
  delegateProfile = tempDir('um-deleg-cli-delegate-');
  expect((await head(addArgs(UNIT, 'unit'), `${UNIT.password}\n`)).code).toBe(0);
  expect((await cli(delegateProfile.dir, addArgs(DELEGATE, 'personal'), `${DELEGATE.password}\n`)).code).toBe(0);
  const identity = await head([
    'identity',
    'create',
    '--name',
    'Lê Thị Thư',
    '--title',
    'Chánh Văn phòng',
    '--unit',
    'Văn phòng Sở Nội vụ',
    '--email',
    'thu.lt@binhphuoc.gov.vn',
  ]);
  expect(identity.code).toBe(0);
});

afterAll(async () => {
  const keychain = new OsKeychain();
  if (headProfile)
    await new IdentityService({ profileDir: headProfile.dir, secrets: keychain, clock: systemClock })
      .remove()
      .catch(() => undefined);
  for (const u of [UNIT, DELEGATE]) await keychain.delete(secretKeys.accountPassword(u.email)).catch(() => false);
  await stack?.stop();
  headProfile?.cleanup();
  delegateProfile?.cleanup();
});

// Each step spawns several CLI processes; a loaded 2-core machine needs more than the default 60 s.
describe('unit-mailbox delegate … / shared (built CLI, real stack)', { timeout: 180_000 }, () => {
  it('refuses bad calls: usage errors exit 2, a free-mail delegate and an unconfirmed "a" exit 1', async () => {
    expect((await head(['delegate'])).code).toBe(2);
    expect((await head(['delegate', 'frobnicate', '--account', UNIT.email])).code).toBe(2);
    expect(
      (await head(['delegate', 'grant', '--account', UNIT.email, '--to', DELEGATE.email, '--role', 'boss'])).code,
    ).toBe(2);
    expect(
      (await head(['delegate', 'grant', '--account', UNIT.email, '--to', DELEGATE.email, '--role', 'custom'])).code,
    ).toBe(2);
    const gmail = await head([
      'delegate',
      'grant',
      '--account',
      UNIT.email,
      '--to',
      'canbo@gmail.com',
      '--role',
      'xem',
    ]);
    expect(gmail.code).toBe(1);
    expect(gmail.stderr).toContain('FREEMAIL_FORBIDDEN');
    const admin = await head([
      'delegate',
      'grant',
      '--account',
      UNIT.email,
      '--to',
      DELEGATE.email,
      '--role',
      'custom',
      '--rights',
      'lra',
    ]);
    expect(admin.code).toBe(1);
    expect(admin.stderr).toContain('Quyền quản trị (a)');
  });

  it('grant, list, shared and check (exit 0 when live rights match the register)', async () => {
    const grant = await head([
      'delegate',
      'grant',
      '--account',
      UNIT.email,
      '--to',
      DELEGATE.email,
      '--role',
      'soan-gui',
      '--until',
      '2099-12-31',
      '--json',
    ]);
    expect(grant.code, grant.stderr).toBe(0);
    const granted = json<GrantResult>(grant);
    expect(granted).toMatchObject({
      rights: 'lrswipte',
      validUntil: '2099-12-31T16:59:59.000Z',
      warnings: ['smtp-sender-needed'],
    });
    expect(granted.folders).toEqual(expect.arrayContaining(['INBOX', 'Đã xử lý', 'Chỉ đạo']));

    const list = await head(['delegate', 'list', '--account', UNIT.email, '--json']);
    expect(list.code).toBe(0);
    const overview = json<DelegationOverview>(list);
    expect(overview.grants).toEqual([
      expect.objectContaining({ delegate: DELEGATE.email, status: 'active', role: 'soan-gui' }),
    ]);
    const text = await head(['delegate', 'list', '--account', UNIT.email]);
    expect(text.stdout).toContain('Soạn gửi thay');
    expect(text.stdout).toContain('gửi tới thư mục');
    expect(text.stdout).toContain('nguyên vẹn / intact');

    const shared = await cli(delegateProfile.dir, ['shared', '--account', DELEGATE.email, '--json']);
    expect(shared.code).toBe(0);
    const boxes = json<SharedMailbox[]>(shared);
    expect(boxes).toEqual([expect.objectContaining({ owner: UNIT.email })]);
    expect(boxes[0]?.folders.find((f) => f.path === `shared/${UNIT.email}/INBOX`)?.rights).toBe('lrswipte');
    const sharedText = await cli(delegateProfile.dir, ['shared', '--account', DELEGATE.email]);
    expect(sharedText.stdout).toContain(`Đang làm việc thay / working on behalf of: ${UNIT.email}`);

    const check = await head(['delegate', 'check', '--account', UNIT.email, '--json']);
    expect(check.code).toBe(0);
    expect(json<CheckReport>(check)).toMatchObject({ ok: true, drift: [], register: { intact: true, records: 1 } });
  });

  it('check exits 1 on a right set by another client, listing it; --fix repairs it and records the fix', async () => {
    const other = await connectOther(stack, UNIT.email);
    try {
      await setAcl(other, 'INBOX', DELEGATE.email, '+kxa');
    } finally {
      await other.logout();
    }
    const drift = await head(['delegate', 'check', '--account', UNIT.email]);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain(`${DELEGATE.email} đang có quyền "kxa" trên thư mục "INBOX"`);
    const asJson = json<CheckReport>(await head(['delegate', 'check', '--account', UNIT.email, '--json']));
    expect(asJson.drift.map((f) => [f.kind, f.folder, f.rights])).toEqual([['unexplained', 'INBOX', 'kxa']]);
    const fix = await head(['delegate', 'check', '--account', UNIT.email, '--fix', '--json']);
    expect(fix.code).toBe(0);
    expect(json<CheckReport>(fix)).toMatchObject({ ok: true, fixed: [expect.objectContaining({ rights: 'kxa' })] });
    expect((await head(['delegate', 'check', '--account', UNIT.email])).code).toBe(0);
  });

  it('revoke removes every right, confirmed by GETACL; the delegate no longer sees the mailbox', async () => {
    const revoke = await head(['delegate', 'revoke', '--account', UNIT.email, '--to', DELEGATE.email, '--json']);
    expect(revoke.code).toBe(0);
    expect(json<RevokeResult>(revoke)).toMatchObject({
      confirmedEmpty: true,
      remaining: [],
      record: { seq: 3, type: 'revoke' },
    });
    const shared = await cli(delegateProfile.dir, ['shared', '--account', DELEGATE.email, '--json']);
    expect(json<SharedMailbox[]>(shared)).toEqual([]);
    const list = json<DelegationOverview>(await head(['delegate', 'list', '--account', UNIT.email, '--json']));
    expect(list.grants[0]).toMatchObject({ delegate: DELEGATE.email, status: 'revoked' });
    expect((await head(['delegate', 'check', '--account', UNIT.email])).code).toBe(0);
  });
});
