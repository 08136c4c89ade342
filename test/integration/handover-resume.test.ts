import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../shared/handover.ts';
import { verifyBag } from '../../electron/services/handover/verify/verify-bag.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { filesUnder, treeDigest } from '../support/bag-tools.ts';
import { UNIT_EMAIL, connectOther, directive, withAttachment } from '../support/fixtures.ts';
import { CLI_BUILT, prepareExportProfile, runCli, spawnCli } from '../support/handover-cli.ts';
import { makeIdentity } from '../support/handover-identities.ts';
import { tempDir } from '../support/temp-dir.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';

// An export interrupted twice (Ctrl-C, then kill -9) and run again finishes without fetching
// the finished messages again, and its payload is byte-identical to an uninterrupted export.

const SEEDED = 3000;
let stack: MailStack;
let work: { dir: string; cleanup: () => void };
let profile: string;
let fingerprint: string;
let recipient: string;

const exportArgs = (out: string) => [
  'handover',
  'export',
  '--account',
  UNIT_EMAIL,
  '--recipient-cert',
  recipient,
  '--out',
  out,
  '--json',
];

/** Message files downloaded so far: by UID in the working state until all are in (export/placement.ts). */
function emlCount(bag: string): number {
  const root = join(bag, '.export-state', 'eml');
  if (!existsSync(root)) return 0;
  let n = 0;
  for (const dir of readdirSync(root)) n += readdirSync(join(root, dir)).length;
  return n;
}

/** Starts the export and stops it with `signal` once at least `atLeast` message files exist. */
async function interrupt(out: string, atLeast: number, signal: NodeJS.Signals) {
  const { child, done } = spawnCli(profile, exportArgs(out));
  const deadline = Date.now() + 180_000;
  let finished = false;
  void done.then(() => (finished = true));
  while (!finished && emlCount(out) < atLeast && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  expect(finished, 'the export finished before it could be interrupted').toBe(false);
  child.kill(signal);
  return { result: await done, files: emlCount(out) };
}

beforeAll(async () => {
  if (!CLI_BUILT) throw new Error('out/main/cli.js missing: run `npm run build` first (npm run test:integration does)');
  work = tempDir('um-handover-resume-');
  profile = join(work.dir, 'profile');
  let incoming;
  [stack, incoming] = await Promise.all([
    startMailStack({ folders: { [UNIT_EMAIL]: ['Chỉ đạo', 'Chỉ đạo/Đã xử lý', 'Hồ sơ & Lưu trữ'] } }),
    makeIdentity('Trần Thị Bình', 'binh.tt@binhphuoc.gov.vn'),
  ]);
  recipient = incoming.writePem(work.dir, 'ben-nhan').cert;
  // Sizes vary (2–60 KB) so batches and connections end at different places in each run.
  const filler = (i: number) => 'Nội dung công văn. '.repeat(100 + ((i * 7919) % 3000));
  await stack.bulkSeed(UNIT_EMAIL, 'INBOX', SEEDED, (i) =>
    directive(`Công văn số ${i}/UBND`, filler(i), 'lanhdao@binhphuoc.gov.vn', 'Mon, 23 Nov 2026 08:00:00 +0700'),
  );
  await stack.bulkSeed(UNIT_EMAIL, 'Hồ sơ & Lưu trữ', 500, (i) => directive(`Hồ sơ ${i}`, filler(i * 3)));
  await stack.appendMessage(UNIT_EMAIL, 'Chỉ đạo/Đã xử lý', withAttachment('Chỉ thị 05/CT-UBND'), ['\\Seen', 'DaXuLy']);
  await stack.appendMessage(UNIT_EMAIL, 'Chỉ đạo', directive('Kế hoạch 7', 'x'), ['\\Flagged']);
  ({ fingerprint } = await prepareExportProfile(stack, profile));
}, 300_000);

afterAll(async () => {
  const keychain = new OsKeychain();
  await keychain.delete(secretKeys.accountPassword(UNIT_EMAIL)).catch(() => false);
  if (fingerprint) await keychain.delete(secretKeys.identityKey(fingerprint)).catch(() => false);
  await stack?.stop();
  work?.cleanup();
});

describe('handover export resume', () => {
  it('survives Ctrl-C and kill -9, resumes without re-downloading, and matches an uninterrupted export', async () => {
    const total = SEEDED + 500 + 2;
    const bag = join(work.dir, 'resumed', 'ban-giao');
    const before = await connectOther(stack);
    const recordsBefore = (await before.list()).map((f) => f.path).filter((p) => p.startsWith('UnitMailbox'));
    await before.logout();

    // 1. Ctrl-C: a clean stop that says how to go on.
    const first = await interrupt(bag, 300, 'SIGINT');
    expect(first.result.code, first.result.stderr).toBe(1);
    expect(first.result.stderr).toContain('Chạy lại đúng lệnh này để tiếp tục');
    expect(existsSync(join(bag, '.export-state'))).toBe(true);
    // An unfinished bag is never mistaken for a valid one.
    const partial = await verifyBag(bag, { clock: systemClock });
    expect(partial.valid).toBe(false);
    expect(partial.problems).toContainEqual(expect.objectContaining({ file: '.export-state/', kind: 'incomplete' }));
    const cliPartial = await runCli(profile, ['handover', 'verify', bag, '--json']);
    expect(cliPartial.code).toBe(1);
    expect((JSON.parse(cliPartial.stdout) as VerifyReport).problems.map((p) => p.kind)).toContain('incomplete');

    // 2. kill -9 further on.
    const second = await interrupt(bag, first.files + 600, 'SIGKILL');
    expect(second.result.signal).toBe('SIGKILL');
    expect(second.files).toBeGreaterThan(first.files);
    // Files are written straight to their file (by UID until all are in): the ones being written
    // when the process died are short.
    const staged = join(bag, '.export-state', 'eml');
    const sizeAtKill = new Map(filesUnder(staged).map((f) => [f, statSync(join(staged, f)).size]));

    // 3. The same command again finishes the bag.
    const third = await runCli(profile, exportArgs(bag));
    expect(third.code, third.stderr).toBe(0);
    const summary = JSON.parse(third.stdout) as { messages: number; resumed: number; consistent: boolean };
    console.log(
      `resume: ${first.files} files after Ctrl-C, ${second.files} after kill -9; the last run skipped ${summary.resumed} of ${total}`,
    );
    expect(summary.messages).toBe(total);
    expect(summary.consistent).toBe(true);
    // Every file that was complete when the process died (journaled or not) is reused, not
    // downloaded again; only the few being written then (at most one per connection) are fetched.
    // The finished bag names each file by its Mailbag-Message-ID; the index gives folder id and UID.
    const finalOf = new Map(
      readFileSync(join(bag, 'data/index/messages.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { folder_id: string; uid: number; path: string })
        .map((o) => [`${o.folder_id}/${o.uid}.eml`, o.path]),
    );
    const complete = [...sizeAtKill].filter(([f, size]) => {
      const final = finalOf.get(f);
      return final !== undefined && statSync(join(bag, final)).size === size;
    }).length;
    expect(summary.resumed).toBe(complete);
    expect(complete).toBeGreaterThanOrEqual(second.files - 4);
    expect(existsSync(join(bag, '.export-state'))).toBe(false);
    const report = await verifyBag(bag, { clock: systemClock });
    expect(report.problems).toEqual([]);
    expect(report.counts.messages).toBe(total);
    expect((await runCli(profile, ['handover', 'verify', bag, '--expect-signer', fingerprint])).code).toBe(0);

    // The finished export is in the unit's audit log (kind "export"). It is the one thing the
    // export itself adds to the mailbox: taken away again (the record tree did not exist before),
    // the mailbox is as it was, so an uninterrupted export must give the same bytes.
    const audit = await runCli(profile, ['audit', 'list', '--account', UNIT_EMAIL, '--json']);
    expect(audit.code, audit.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(audit.stdout))).toContain('"kind":"export"');
    const owner = await connectOther(stack);
    try {
      const created = (await owner.list()).map((f) => f.path).filter((p) => p.startsWith('UnitMailbox'));
      expect(recordsBefore).toEqual([]);
      for (const path of created.sort().reverse()) await owner.mailboxDelete(path);
    } finally {
      await owner.logout();
    }

    // 4. An uninterrupted export of the same mailbox: the same payload, byte for byte.
    const clean = join(work.dir, 'clean', 'ban-giao');
    const straight = await runCli(profile, exportArgs(clean));
    expect(straight.code, straight.stderr).toBe(0);
    expect((JSON.parse(straight.stdout) as { resumed: number }).resumed).toBe(0);
    for (const part of ['data/eml', 'data/index']) {
      const a = treeDigest(bag, part);
      const b = treeDigest(clean, part);
      expect(a.size).toBeGreaterThan(0);
      expect([...a.keys()]).toEqual([...b.keys()]);
      for (const [path, digest] of a) expect(digest, path).toBe(b.get(path));
    }
    expect(filesUnder(bag, 'data/eml')).toHaveLength(total);
  }, 600_000);
});
