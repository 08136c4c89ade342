// The sync summary counts what happened on the server, through the built CLI on real Dovecot:
// 101 new messages are "+101" (not also "~101"), flags changed on 50 are "~50", a renamed folder's
// messages are removed under the old name and added under the new one, expunged ones are removed;
// and a server killed mid-sync is a NETWORK error in Vietnamese, after which the next sync
// resumes with what is missing.
import { SettingsRepository } from '../../electron/services/settings/settings-repository.ts';
import { createConfStore } from '../../electron/services/settings/conf-store.ts';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import type { SyncSummary } from '../../shared/mail.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { CLI_BUILT, accountAddArgs, runCli, spawnCli } from '../support/cli-runner.ts';
import { connectOther, directive } from '../support/fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';

const UNIT: StackUser = { email: 'vpdongbo@binhphuoc.gov.vn', password: 'DongBo#Counts26!' };
const BIG = 20_000;

let stack: MailStack;
let profile: { dir: string; cleanup: () => void };
let raw: ImapFlow;
const cli = (args: string[], stdin = '') => runCli(profile.dir, args, stdin);
const mail = (i: number) =>
  directive(`Công văn số ${i}/UBND-VX V/v thử đồng bộ`, `Nội dung ${i}.`, 'vanphong@binhphuoc.gov.vn');

async function sync(): Promise<SyncSummary & { text: string }> {
  const json = await cli(['sync', '--no-index', '--json']);
  expect(json.stderr).not.toMatch(/INTERNAL/);
  expect(json.code).toBe(0);
  return { ...(JSON.parse(json.stdout) as SyncSummary), text: json.stdout };
}

/** Messages of a folder in the CLI's cache, read beside the running sync (WAL). */
function cachedIn(folder: string): number {
  const dir = join(profile.dir, 'cache');
  const file = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.sqlite')) : undefined;
  if (!file) return 0;
  const db = new DatabaseSync(join(dir, file), { readOnly: true });
  try {
    const row = db
      .prepare('SELECT COUNT(*) AS n FROM messages m JOIN folders f ON f.id = m.folder_id WHERE f.path = ?')
      .get(folder) as { n: number } | undefined;
    return row?.n ?? 0;
  } finally {
    db.close();
  }
}

async function inboxUids(): Promise<number[]> {
  const lock = await raw.getMailboxLock('INBOX');
  try {
    await raw.noop();
    return ((await raw.search({ all: true }, { uid: true })) || []) as number[];
  } finally {
    lock.release();
  }
}

beforeAll(async () => {
  if (!CLI_BUILT) throw new Error('out/main/cli.js missing: run `npm run build` first');
  stack = await startMailStack({ users: [UNIT], folders: { [UNIT.email]: ['Lưu trữ', 'Lớn'] } });
  for (let i = 0; i < 5; i++) await stack.appendMessage(UNIT.email, 'INBOX', mail(i));
  for (let i = 0; i < 7; i++) await stack.appendMessage(UNIT.email, 'Lưu trữ', mail(100 + i));
  raw = await connectOther(stack, UNIT.email);
  profile = tempDir('um-sync-counts-');
  const added = await cli(accountAddArgs(stack, UNIT.email), `${UNIT.password}\n`);
  expect(added.code).toBe(0);
  // The crash test needs a sync long enough to be cut: bodies are part of it whatever today's date
  // (the fixtures' Date is fixed; a 30-day offline window would leave them out once it has passed).
  new SettingsRepository(createConfStore(profile.dir)).updatePreferences({ offlineBodyDays: 3650 });
}, 180_000);

afterAll(async () => {
  await raw?.logout().catch(() => undefined);
  await new OsKeychain().delete(secretKeys.accountPassword(UNIT.email)).catch(() => false);
  await stack?.stop();
  profile?.cleanup();
});

describe('sync summary counts (built CLI, real Dovecot)', { timeout: 300_000 }, () => {
  it('counts the first sync, then 101 new messages as +101 and nothing else', async () => {
    expect(await sync()).toMatchObject({ added: 12, updated: 0, removed: 0, messages: 12 });
    for (let i = 0; i < 101; i++) await stack.appendMessage(UNIT.email, 'INBOX', mail(1000 + i));
    const text = await cli(['sync', '--no-index']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/113 messages \(\+101 ~0 -0\)/);
  });

  it('counts flags changed on 50 messages as ~50', async () => {
    const uids = (await inboxUids()).slice(0, 50);
    const lock = await raw.getMailboxLock('INBOX');
    try {
      await raw.messageFlagsAdd(uids, ['\\Flagged'], { uid: true });
    } finally {
      lock.release();
    }
    expect(await sync()).toMatchObject({ added: 0, updated: 50, removed: 0 });
    // Unchanged since: nothing.
    expect(await sync()).toMatchObject({ added: 0, updated: 0, removed: 0 });
  });

  it('counts a renamed folder as removed under the old name and added under the new', async () => {
    await raw.mailboxRename('Lưu trữ', 'Lưu trữ 2026');
    expect(await sync()).toMatchObject({ added: 7, updated: 0, removed: 7, messages: 113 });
    const last = (await inboxUids()).slice(-3);
    const lock = await raw.getMailboxLock('INBOX');
    try {
      await raw.messageDelete(last, { uid: true });
    } finally {
      lock.release();
    }
    expect(await sync()).toMatchObject({ added: 0, updated: 0, removed: 3, messages: 110 });
  });

  it('a server killed mid-sync is a NETWORK error; the next sync resumes with what is missing', async () => {
    await stack.bulkSeed(UNIT.email, 'Lớn', BIG, (i) => mail(10_000 + i));
    const run = spawnCli(profile.dir, ['sync', '--no-index']);
    // Wait until the first batch of the big folder is committed, then crash Dovecot.
    while (cachedIn('Lớn') === 0) {
      if (run.child.exitCode !== null) throw new Error(`sync ended before the crash: ${(await run.done).stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await stack.crashImap();
    try {
      const done = await run.done;
      expect(done.code).toBe(1);
      expect(done.stderr).toContain('NETWORK');
      expect(done.stderr).toContain('Mất kết nối tới máy chủ giữa chừng');
      expect(done.stderr).not.toContain('INTERNAL');
      // Offline, the cache still answers: what was committed before the crash.
      const offline = await cli(['folders', '--json']);
      expect(offline.code).toBe(0);
      const before = (JSON.parse(offline.stdout) as Array<{ path: string; messages: number }>).find(
        (f) => f.path === 'Lớn',
      )?.messages;
      // The crash lands in the headers (some batches committed) or, on a fast machine, in the bodies.
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThanOrEqual(BIG);
      await stack.restartImap();
      const resumed = await sync();
      expect(resumed.added).toBe(BIG - (before ?? 0));
      expect(resumed.messages).toBe(110 + BIG);
    } finally {
      await stack.restartImap().catch(() => undefined);
    }
  });
});
