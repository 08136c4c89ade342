// The incoming head's side on the real stack and keychain: accept a package made by the
// outgoing head (verify, unseal with their own key, store the account), compare it with a
// mailbox that changed since, restore what was lost, and countersign the receipt into the
// package and the mailbox. Also the CLI `handover accept` / `handover diff`.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { list } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { verifyDetached } from '../../electron/services/cms/cms.ts';
import { parseCertificates } from '../../electron/services/identity/certificates.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { parseRecordMessage } from '../../electron/services/records/record-message.ts';
import { recordFolderPath } from '../../shared/records.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { UNIT_EMAIL, connectOther, directive, draftFor, passwordOf } from '../support/fixtures.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { tempDir } from '../support/temp-dir.ts';
import { CLI_BUILT, runCli } from '../support/cli-runner.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';

const FOLDER = 'Chỉ đạo';
const NESTED = 'Chỉ đạo/Đã xử lý';
const DELEGATE = 'canbo1@binhphuoc.gov.vn';

let stack: MailStack;
let work: { dir: string; cleanup: () => void };
let outgoing: AppServices;
let incoming: AppServices;
let incomingProfile: string;
let other: ImapFlow;
let bag: string;
/** The .tar package the last tests accept (exported after the restore). */
let tarPackage: string;
const cli = (args: string[]) => runCli(incomingProfile, args);

const services = (profileDir: string, secrets: AppServices['caps']['secrets']) =>
  createAppServices({
    clock: systemClock,
    profileDir,
    secrets,
    dialogs: fakeDialogs(),
    openExternal: async () => undefined,
    appVersion: 'test',
    platform: process.platform,
  });

async function uidsOf(folder: string): Promise<number[]> {
  const lock = await other.getMailboxLock(folder, { readOnly: true });
  try {
    return (await other.search({ all: true }, { uid: true })) || [];
  } finally {
    lock.release();
  }
}

beforeAll(async () => {
  stack = await startMailStack({ folders: { [UNIT_EMAIL]: [FOLDER, NESTED] } });
  work = tempDir('um-accept-');
  other = await connectOther(stack);
  for (let i = 0; i < 6; i++) {
    await stack.appendMessage(
      UNIT_EMAIL,
      'INBOX',
      directive(`Chỉ đạo số ${i + 1}/UBND-VP`, `Nội dung ${i + 1}`),
      i % 2 ? ['\\Seen'] : [],
    );
  }
  await stack.appendMessage(UNIT_EMAIL, NESTED, directive('Hồ sơ đã xử lý', 'Đã xong'), ['\\Seen', '$DaXuLy']);

  // Outgoing head: unit account + identity (memory keychain: another person's machine).
  outgoing = services(join(work.dir, 'outgoing'), new MemorySecretStore());
  await outgoing.accounts.add(draftFor(stack), passwordOf(stack, UNIT_EMAIL));
  await outgoing.identity.create({
    name: 'Nguyễn Văn Hùng',
    title: 'Chánh Văn phòng',
    unit: 'Văn phòng UBND tỉnh',
    email: UNIT_EMAIL,
  });
  // Incoming head: the real OS keychain.
  incomingProfile = join(work.dir, 'incoming');
  incoming = services(incomingProfile, new OsKeychain());
  await incoming.identity.create({
    name: 'Trần Thị Ánh Tuyết',
    title: 'Chánh Văn phòng',
    unit: 'Văn phòng UBND tỉnh',
    email: 'tuyet@binhphuoc.gov.vn',
  });
  // A delegation in force at the handover: its register travels in the bag.
  await outgoing.delegation.grant(UNIT_EMAIL, { delegate: DELEGATE, role: 'xem', scope: 'all' });
  const recipient = new TextEncoder().encode(await incoming.identity.certificatePem());
  bag = join(work.dir, 'bag');
  const exported = await outgoing.handover.export({
    accountId: UNIT_EMAIL,
    recipientCertificate: recipient,
    outDir: bag,
    witness: 'Lê Văn Chứng',
  });
  // 7 mail messages + the grant record in UnitMailbox/Delegation + what the audit log holds
  // (the grant, when the audit records it): the record's counts are the true ones.
  expect(exported.record.registers.delegation).toBe(1);
  expect(exported.messages).toBe(8 + exported.record.registers.audit);
}, 240_000);

afterAll(async () => {
  await other?.logout().catch(() => undefined);
  await outgoing?.dispose();
  await incoming?.dispose();
  await new OsKeychain().delete(secretKeys.accountPassword(UNIT_EMAIL)).catch(() => undefined);
  await incoming?.identity.remove().catch(() => undefined);
  await stack?.stop();
  work?.cleanup();
});

describe('accepting a handover', () => {
  it('carries the signed delegation register in data/registers/', () => {
    const lines = readFileSync(join(bag, 'data/registers/delegation.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0] as string)).toMatchObject({ format: 'unit-mailbox-register/1', kind: 'delegation' });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(DELEGATE);
    expect(lines[1]).toMatch(/"grant"/);
  });

  it('refuses to open the credential with someone else’s key', async () => {
    const stranger = services(join(work.dir, 'stranger'), new MemorySecretStore());
    await stranger.identity.create({
      name: 'Người Lạ',
      title: 'Chuyên viên',
      unit: 'Sở khác',
      email: 'la@binhphuoc.gov.vn',
    });
    await expect(stranger.handover.accept(bag, { accountEmail: UNIT_EMAIL })).rejects.toMatchObject({
      code: 'DECRYPT_FAILED',
      messageVi: expect.stringContaining('không phải khóa của người nhận'),
    });
    expect(stranger.accounts.list()).toHaveLength(0);
    await stranger.dispose();
  });

  it('compares with a changed mailbox, restores what was lost and countersigns a receipt', async () => {
    // Since the handover: two messages lost, one re-flagged, one new.
    const inbox = await uidsOf('INBOX');
    const lost = inbox.slice(0, 2);
    await other.mailboxOpen('INBOX');
    await other.messageDelete(lost, { uid: true });
    await other.messageFlagsAdd([inbox[3] as number], ['\\Flagged'], { uid: true });
    await other.mailboxClose();
    await stack.appendMessage(UNIT_EMAIL, 'INBOX', directive('Chỉ đạo mới sau bàn giao', 'Mới'));

    const result = await incoming.handover.accept(bag, { accountEmail: UNIT_EMAIL });
    expect(result.verification.valid).toBe(true);
    expect(result.email).toBe(UNIT_EMAIL);
    // The password is now in the incoming head's keychain, read back through the OS.
    expect(await new OsKeychain().get(secretKeys.accountPassword(UNIT_EMAIL))).toBe(passwordOf(stack, UNIT_EMAIL));
    const inboxDiff = result.diff.folders.find((f) => f.path === 'INBOX');
    expect(inboxDiff).toMatchObject({ inPackage: 6, live: 5, missing: 2, changed: 1, added: 1 });
    expect(inboxDiff?.missingUids.sort()).toEqual([...lost].sort());
    expect(result.diff.folders.find((f) => f.path === NESTED)).toMatchObject({ missing: 0, changed: 0, added: 0 });
    expect(result.reminders.join(' ')).toMatch(/đặt lại mật khẩu/);
    expect(result.reminders.join(' ')).toMatch(/ủy quyền/);
    // The previous head's delegate is named, so the new head can review the grant.
    expect(result.reminders.join(' ')).toContain(DELEGATE);
    expect(result.activeDelegates).toEqual([DELEGATE]);

    // Receipt in seal/: statement signed by the incoming head; the bag still verifies.
    const statementFile = result.receipt.files.find((f) => f.endsWith('.json')) as string;
    const statement = readFileSync(statementFile);
    const check = await verifyDetached(
      new Uint8Array(readFileSync(`${statementFile}.p7s`)),
      new Uint8Array(statement),
      {
        now: new Date(),
      },
    );
    expect(check.valid).toBe(true);
    expect(check.signer?.commonName).toBe('Trần Thị Ánh Tuyết');
    const parsed = JSON.parse(statement.toString('utf8'));
    expect(parsed.comparison).toMatchObject({ missing: 2, changed: 1, added: 1 });
    const counter = readdirSync(join(bag, 'seal')).find((n) => n.endsWith('.tagmanifest.p7s')) as string;
    const counterCheck = await verifyDetached(
      new Uint8Array(readFileSync(join(bag, 'seal', counter))),
      new Uint8Array(readFileSync(join(bag, 'tagmanifest-sha256.txt'))),
      { now: new Date() },
    );
    expect(counterCheck.valid).toBe(true);
    expect((await incoming.handover.verify(bag)).valid).toBe(true);

    // The same receipt travels with the mailbox, in the app's record folder.
    const path = recordFolderPath('handover', '/');
    expect(result.receipt.mailboxFolder).toBe(path);
    const lock = await other.getMailboxLock(path, { readOnly: true });
    try {
      const messages = [];
      for await (const m of other.fetch('1:*', { source: true })) messages.push(m);
      expect(messages).toHaveLength(1);
      const record = await parseRecordMessage(messages[0]?.source as Buffer);
      expect(Buffer.from(record.json).equals(statement)).toBe(true);
    } finally {
      lock.release();
    }

    // Restore: the two lost messages come back with their flags and dates; twice adds nothing.
    const restored = await incoming.handover.restore(bag, result.accountId);
    expect(restored.restored).toBe(2);
    const again = await incoming.handover.restore(bag, result.accountId);
    expect(again.restored).toBe(0);
    const after = await incoming.handover.diff(bag, result.accountId);
    expect(after.folders.find((f) => f.path === 'INBOX')).toMatchObject({ missing: 0, changed: 1, added: 1, live: 7 });
    const bySubject = new Map<string, { flags: Set<string>; internalDate: Date }>();
    await other.mailboxOpen('INBOX', { readOnly: true });
    for await (const m of other.fetch('1:*', { envelope: true, flags: true, internalDate: true }))
      bySubject.set(m.envelope?.subject ?? '', { flags: m.flags ?? new Set(), internalDate: m.internalDate as Date });
    await other.mailboxClose();
    expect(bySubject.has('Chỉ đạo số 1/UBND-VP')).toBe(true);
    expect(bySubject.get('Chỉ đạo số 2/UBND-VP')?.flags.has('\\Seen')).toBe(true);
    expect(bySubject.get('Chỉ đạo số 1/UBND-VP')?.flags.has('\\Seen')).toBe(false);
  }, 180_000);

  it('CLI: handover diff and accept report the comparison with exit codes', async () => {
    // Like the other CLI suites: a missing build is a failure, not a silent skip.
    if (!CLI_BUILT)
      throw new Error('out/main/cli.js missing: run `npm run build` first (npm run test:integration does)');
    const diff = await cli(['handover', 'diff', bag, '--account', UNIT_EMAIL, '--json']);
    expect(diff.stderr).not.toMatch(/INTERNAL/);
    // One message was re-flagged since the handover: the comparison differs → exit 1.
    expect(diff.code).toBe(1);
    expect(JSON.parse(diff.stdout).totals).toMatchObject({ missing: 0, changed: 1 });
    // One more message lost since: `accept --restore` puts it back and says what it did and did not.
    const [lostNested] = await uidsOf(NESTED);
    await other.mailboxOpen(NESTED);
    await other.messageDelete([lostNested as number], { uid: true });
    await other.mailboxClose();
    const accepted = await cli(['handover', 'accept', bag, '--account-email', UNIT_EMAIL, '--restore']);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toMatch(/Đã tiếp nhận hộp thư/);
    expect(accepted.stdout).toMatch(/đặt lại mật khẩu/);
    const out = accepted.stdout.normalize('NFC');
    expect(out).toMatch(/Đã khôi phục \/ restored: 1 thư \/ messages \((< )?[\d.]+,\d{2} MiB\) vào 1 thư mục/);
    expect(out).toMatch(new RegExp(`\\n {4}${NESTED}: 1 thư / messages \\((< )?[\\d.]+,\\d{2} MiB\\)\\n`));
    // The re-flagged INBOX message is still on the server: left alone, and the reason given.
    expect(out).toMatch(
      /Không khôi phục \/ not restored:\n {4}INBOX: 1 thư \/ messages — còn trên máy chủ nhưng đã thay đổi/,
    );
    expect(await uidsOf(NESTED)).toHaveLength(1);
    // The signed statement records the same facts.
    const statements = readdirSync(join(bag, 'seal'))
      .filter((n) => /^acceptance-.*\.json$/.test(n))
      .sort();
    const statement = JSON.parse(readFileSync(join(bag, 'seal', statements.at(-1) as string), 'utf8'));
    expect(statement.restored).toBe(1);
    expect(statement.restore.folders).toEqual([
      { path: NESTED, restored: 1, bytes: expect.any(Number) as number, created: false },
    ]);
    expect(statement.restore.skipped).toContainEqual({ path: 'INBOX', messages: 1, reason: 'changed' });
    const usage = await cli(['handover', 'accept', bag]);
    expect(usage.code).toBe(2);
    const wrong = await cli(['handover', 'accept', bag, '--account-email', 'khac@binhphuoc.gov.vn']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/không phải khac@binhphuoc.gov.vn/);
    expect(parseCertificates(new TextEncoder().encode(await incoming.identity.certificatePem())).length).toBe(1);
  }, 120_000);

  it('the .tar package gives its directory entries real dates, like its files', async () => {
    const recipient = new TextEncoder().encode(await incoming.identity.certificatePem());
    const exported = await outgoing.handover.export({
      accountId: UNIT_EMAIL,
      recipientCertificate: recipient,
      outDir: join(work.dir, 'bag-tar'),
      tar: true,
    });
    const entries: Array<{ path: string; type: string; mtime: number | undefined }> = [];
    await list({
      file: exported.tarPath as string,
      onReadEntry: (e) => entries.push({ path: e.path, type: e.type, mtime: e.mtime && e.mtime.getTime() / 1000 }),
    });
    const dirs = entries.filter((e) => e.type === 'Directory');
    expect(dirs.map((d) => d.path)).toEqual(expect.arrayContaining(['bag-tar/', 'bag-tar/data/', 'bag-tar/seal/']));
    // The file system's times (the kernel's clock, whatever the test's clock says): a directory is
    // dated like the files written into it during the same export, never 1970.
    const fileTimes = entries.filter((e) => e.type === 'File').map((e) => e.mtime as number);
    expect(fileTimes.length).toBeGreaterThan(0);
    const [since, until] = [Math.min(...fileTimes) - 2, Math.max(...fileTimes) + 2];
    expect(since).toBeGreaterThan(1_000_000_000);
    for (const d of dirs) {
      expect(d.mtime, d.path).toBeDefined();
      expect(d.mtime, d.path).toBeGreaterThanOrEqual(since);
      expect(d.mtime, d.path).toBeLessThanOrEqual(until);
    }
    tarPackage = exported.tarPath as string;
  }, 240_000);

  it('accepting the .tar: one extraction serves the comparison and its list; the receipt is appended; it verifies', async () => {
    // Since that export: one message lost on the server.
    const [gone] = await uidsOf('INBOX');
    await other.mailboxOpen('INBOX');
    await other.messageDelete([gone as number], { uid: true });
    await other.mailboxClose();
    const result = await incoming.handover.accept(tarPackage, { accountEmail: UNIT_EMAIL });
    expect(result.verification.valid).toBe(true);
    expect(result.receipt.files.every((f) => f.startsWith(`${tarPackage}:`))).toBe(true);
    const diff = await incoming.handover.diff(tarPackage, result.accountId);
    const inbox = diff.folders.find((f) => f.path === 'INBOX');
    expect(inbox?.missingUids).toEqual([gone]);
    const rows = await incoming.handover.packageMessages(tarPackage, 'INBOX', inbox?.missingUids ?? []);
    expect(rows.map((r) => r.uid)).toEqual([gone]);
    expect(rows[0]?.subject).toMatch(/^Chỉ đạo số \d+\/UBND-VP$/);
    expect(rows[0]?.from).toContain('@');
    // The receipt is in the .tar itself, and the .tar (opened afresh by verification) still verifies.
    const names: string[] = [];
    await list({ file: tarPackage, onReadEntry: (e) => names.push(e.path) });
    expect(names.some((n) => /\/seal\/.+\.tagmanifest\.p7s$/.test(n))).toBe(true);
    expect((await incoming.handover.verify(tarPackage)).valid).toBe(true);
    expect((await incoming.handover.restore(tarPackage, result.accountId)).restored).toBe(1);
  }, 240_000);
});
