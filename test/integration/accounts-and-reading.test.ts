import { readFileSync } from 'node:fs';
import { connect as tlsConnect } from 'node:tls';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../electron/services/api/dispatcher.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import type { AccountSummary } from '../../shared/account.ts';
import type { Envelope } from '../../shared/contract.ts';
import type { FolderInfo, MessageDetail, MessageSummary } from '../../shared/mail.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import {
  UNIT_EMAIL,
  UNIT_FOLDERS,
  connectOther,
  directive,
  draftFor,
  passwordOf,
  withAttachment,
} from '../support/fixtures.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { countInTree } from '../support/profile-scan.ts';
import { tempDir } from '../support/temp-dir.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';

let stack: MailStack;
let profile: { dir: string; cleanup: () => void };
let services: AppServices;
let dispatch: Dispatcher;
const keychain = new OsKeychain();

function ok<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.detail}`);
  return envelope.value as T;
}
function err(envelope: Envelope<unknown>) {
  if (envelope.ok) throw new Error('expected an error');
  return envelope.error;
}

beforeAll(async () => {
  stack = await startMailStack({ folders: { [UNIT_EMAIL]: UNIT_FOLDERS } });
  await stack.appendMessage(
    UNIT_EMAIL,
    'INBOX',
    directive('V/v triển khai kế hoạch chuyển đổi số năm 2027', 'Đề nghị Văn phòng chủ trì, phối hợp…'),
  );
  await stack.appendMessage(UNIT_EMAIL, 'INBOX', withAttachment('Công văn số 123/STTTT-CNTT'));
  profile = tempDir('um-profile-');
  services = createAppServices({
    clock: systemClock,
    profileDir: profile.dir,
    secrets: keychain,
    dialogs: fakeDialogs(),
    openExternal: async () => {},
    appVersion: 'test',
    platform: process.platform,
  });
  dispatch = createDispatcher(services);
});

afterAll(async () => {
  await services?.dispose();
  await keychain.delete(secretKeys.accountPassword(UNIT_EMAIL)).catch(() => false);
  await stack?.stop();
  profile?.cleanup();
});

describe('connection test against real Dovecot and Postfix', () => {
  it('logs in over STARTTLS with the per-run CA and reports capabilities', async () => {
    const result = ok<{ imap: { capabilities: string[] }; smtp: { ok: boolean } }>(
      await dispatch('accounts.test', { draft: draftFor(stack), password: passwordOf(stack, UNIT_EMAIL) }),
    );
    expect(result.imap.capabilities).toEqual(
      expect.arrayContaining(
        ['IMAP4REV1', 'ACL', 'CONDSTORE', 'QRESYNC', 'MOVE', 'SPECIAL-USE'].map((c) =>
          expect.stringMatching(new RegExp(`^${c}$`, 'i')),
        ),
      ),
    );
    expect(result.smtp.ok).toBe(true);
  });

  it('logs in over implicit TLS', async () => {
    const draft = draftFor(stack, UNIT_EMAIL, { imap: { host: stack.host, port: stack.imapsPort, security: 'tls' } });
    expect((await dispatch('accounts.test', { draft, password: passwordOf(stack, UNIT_EMAIL) })).ok).toBe(true);
  });

  // "Quickly" used to be a 5 s bound (now in `npm run bench`); here it is what makes it quick: the
  // server's first refusal is the answer (no retry, no second protocol, no timeout).
  it('reports a wrong password as AUTH_FAILED in Vietnamese, from one login attempt, without echoing it', async () => {
    // Dovecot's auth process logs one line per refused password.
    const line = new RegExp(
      `auth: Info: passwd-file\\(${UNIT_EMAIL.replace(/\./g, '\\.')},[^)]*\\): Password mismatch`,
      'g',
    );
    const mismatches = async () => ((await stack.logs()).match(line) ?? []).length;
    const before = await mismatches();
    const e = err(await dispatch('accounts.test', { draft: draftFor(stack), password: 'sai-mat-khau-123' }));
    expect(e.code).toBe('AUTH_FAILED');
    expect(e.messageVi).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    expect(JSON.stringify(e)).not.toContain('sai-mat-khau-123');
    // Positive control: one more refused login, made after the call returned, logged by the same
    // process through the same pipe. Once its line is in the log, every line of the call is too.
    const control = new ImapFlow({
      host: stack.host,
      port: stack.imapsPort,
      secure: true,
      tls: { ca: [stack.caPem] },
      auth: { user: UNIT_EMAIL, pass: 'sai-mat-khau-456' },
      logger: false,
    });
    await expect(control.connect()).rejects.toThrow();
    await expect.poll(mismatches, { timeout: 30_000 }).toBeGreaterThanOrEqual(before + 2);
    expect(await mismatches()).toBe(before + 2);
  });

  it('reports an unknown CA as TLS_UNTRUSTED with the server certificate fingerprint', async () => {
    const expected = await new Promise<string>((resolve, reject) => {
      const s = tlsConnect({ host: stack.host, port: stack.imapsPort, rejectUnauthorized: false }, () => {
        resolve(s.getPeerCertificate().fingerprint256);
        s.destroy();
      });
      s.on('error', reject);
    });
    for (const caPem of [undefined, stack.otherCaPem]) {
      const draft = { ...draftFor(stack), caPem };
      const e = err(await dispatch('accounts.test', { draft, password: passwordOf(stack, UNIT_EMAIL) }));
      expect(e.code).toBe('TLS_UNTRUSTED');
      expect(e.data?.fingerprint256).toBe(expected);
      expect(e.detail).toContain(expected);
    }
  });

  it('reports a closed port as HOST_UNREACHABLE', async () => {
    const draft = draftFor(stack, UNIT_EMAIL, { imap: { host: '127.0.0.1', port: 1, security: 'tls' } });
    expect(err(await dispatch('accounts.test', { draft, password: 'x' })).code).toBe('HOST_UNREACHABLE');
  });

  it('refuses to save when the keychain is unavailable, and writes nothing in clear', async () => {
    const { dir, cleanup } = tempDir('um-nokeychain-');
    try {
      const noKeychain = new MemorySecretStore();
      noKeychain.available = false;
      const s = createAppServices({
        clock: systemClock,
        profileDir: dir,
        secrets: noKeychain,
        dialogs: fakeDialogs(),
        openExternal: async () => {},
        appVersion: 't',
        platform: 'linux',
      });
      const e = err(
        await createDispatcher(s)('accounts.add', { draft: draftFor(stack), password: passwordOf(stack, UNIT_EMAIL) }),
      );
      expect(e.code).toBe('KEYCHAIN_UNAVAILABLE');
      expect(s.accounts.list()).toEqual([]);
      expect(countInTree(dir, passwordOf(stack, UNIT_EMAIL)).count).toBe(0);
      await s.dispose();
    } finally {
      cleanup();
    }
  });
});

describe('reading the unit mailbox', () => {
  let account: AccountSummary;

  beforeAll(async () => {
    account = ok<AccountSummary>(
      await dispatch('accounts.add', { draft: draftFor(stack), password: passwordOf(stack, UNIT_EMAIL) }),
    );
  });

  it('stores the password in the keychain and the rest in config.json', async () => {
    expect(await keychain.get(secretKeys.accountPassword(UNIT_EMAIL))).toBe(passwordOf(stack, UNIT_EMAIL));
    const config = JSON.parse(readFileSync(`${profile.dir}/config.json`, 'utf8'));
    expect(config.accounts[0]).toMatchObject({ email: UNIT_EMAIL, kind: 'unit', imap: { port: stack.imapPort } });
    expect(ok<AccountSummary[]>(await dispatch('accounts.list', {}))).toEqual([account]);
    expect(
      err(await dispatch('accounts.add', { draft: draftFor(stack), password: passwordOf(stack, UNIT_EMAIL) })).code,
    ).toBe('ACCOUNT_EXISTS');
  });

  it('lists folders with Vietnamese names and & decoded from modified UTF-7', async () => {
    const folders = ok<FolderInfo[]>(await dispatch('mail.folders', { accountId: account.id }));
    const paths = folders.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['INBOX', ...UNIT_FOLDERS]));
    expect(folders[0]).toMatchObject({ path: 'INBOX', specialUse: '\\Inbox', messages: 2, unseen: 2 });
    expect(folders.find((f) => f.path === 'Đã xử lý/2026')).toMatchObject({ name: '2026', parentPath: 'Đã xử lý' });
    expect(folders.find((f) => f.specialUse === '\\Sent')).toBeTruthy();
  });

  it('round-trips a folder name with diacritics and & through the server encoding', async () => {
    const name = 'Tờ trình & Đề xuất';
    const client = await connectOther(stack);
    const raw: string[] = [];
    try {
      await client.mailboxCreate(name);
      // The wire form must be modified UTF-7 (RFC 3501 5.1.3): '&' becomes '&-', non-ASCII is &...-.
      for (const entry of await client.list()) raw.push(entry.pathAsListed);
    } finally {
      await client.logout();
    }
    expect(raw).toContain('T&Ht0- tr&AOw-nh &- &ARAewQ- xu&HqU-t');
    await services.mail.pool.drop(account.id);
    const folders = ok<FolderInfo[]>(await dispatch('mail.folders', { accountId: account.id }));
    expect(folders.map((f) => f.path)).toContain(name);
  });

  it('lists the newest messages with subject, sender, flags and attachment marker', async () => {
    const messages = ok<MessageSummary[]>(
      await dispatch('mail.messages', { accountId: account.id, folder: 'INBOX', limit: 10 }),
    );
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ subject: 'Công văn số 123/STTTT-CNTT', hasAttachments: true });
    expect(messages[1]).toMatchObject({
      subject: 'V/v triển khai kế hoạch chuyển đổi số năm 2027',
      hasAttachments: false,
      from: [{ name: 'Lãnh đạo UBND tỉnh', address: 'lanhdao@binhphuoc.gov.vn' }],
    });
    expect(messages[1]!.flags).not.toContain('\\Seen');
  });

  it('opens a message without setting \\Seen', async () => {
    const [withAtt] = ok<MessageSummary[]>(
      await dispatch('mail.messages', { accountId: account.id, folder: 'INBOX', limit: 1 }),
    );
    const detail = ok<MessageDetail>(
      await dispatch('mail.message', { accountId: account.id, folder: 'INBOX', uid: withAtt!.uid }),
    );
    expect(detail.html).toContain('tệp đính kèm');
    expect(detail.attachments).toEqual([
      expect.objectContaining({ filename: 'cong-van-123.pdf', contentType: 'application/pdf' }),
    ]);
    const again = ok<MessageSummary[]>(
      await dispatch('mail.messages', { accountId: account.id, folder: 'INBOX', limit: 10 }),
    );
    expect(again.every((m) => !m.flags.includes('\\Seen'))).toBe(true);
  });

  it('reports a missing folder and a missing UID as typed errors', async () => {
    expect(
      err(await dispatch('mail.messages', { accountId: account.id, folder: 'Không tồn tại', limit: 5 })).code,
    ).toBe('FOLDER_NOT_FOUND');
    expect(err(await dispatch('mail.message', { accountId: account.id, folder: 'INBOX', uid: 999_999 })).code).toBe(
      'MESSAGE_NOT_FOUND',
    );
  });

  it('never writes the password to the profile folder or its logs', async () => {
    const scan = countInTree(profile.dir, passwordOf(stack, UNIT_EMAIL));
    expect(scan).toEqual({ count: 0, files: [] });
    expect(countInTree(profile.dir, 'sai-mat-khau-123').count).toBe(0);
  });

  it('removes the account and its keychain entry', async () => {
    expect(ok(await dispatch('accounts.remove', { accountId: account.id }))).toEqual({ removed: true });
    expect(await keychain.get(secretKeys.accountPassword(UNIT_EMAIL))).toBeNull();
    expect(ok<AccountSummary[]>(await dispatch('accounts.list', {}))).toEqual([]);
  });
});
