import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../shared/contract-ledger.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { IdentityService } from '../../electron/services/identity/identity-service.ts';
import { getAcl } from '../../electron/services/imap/imap-acl.ts';
import type { AuditEntry, AuditVerification } from '../../shared/audit.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { CLI_BUILT, accountAddArgs, runCli, type CliRun } from '../support/cli-runner.ts';
import { connectOther } from '../support/fixtures.ts';
import { incoming } from '../support/ledger-sides.ts';
import { tempDir } from '../support/temp-dir.ts';

// End to end: the built CLI (`npm run build` first) against the real stack. The head registers and
// assigns; delegates (own profiles, xu-ly grant) list their work on the unit mailbox, process it,
// and race for a claim. Addresses of their own, so keychain entries never collide.
const HEAD: StackUser = { email: 'vanthu.so@binhphuoc.gov.vn', password: 'VanThuSo#2026!' };
const D1: StackUser = { email: 'chuyenvien1@binhphuoc.gov.vn', password: 'ChuyenVien1#2026!' };
const D2: StackUser = { email: 'chuyenvien2@binhphuoc.gov.vn', password: 'ChuyenVien2#2026!' };
const ALL = [HEAD, D1, D2];
const ENTRY_KEYS = [
  'number',
  'year',
  'folder',
  'uid',
  'messageId',
  'subject',
  'urgency',
  'status',
  'assignee',
  'deadline',
];

let stack: MailStack;
let raw: ImapFlow;
const profiles = new Map<string, { dir: string; cleanup: () => void }>();
const as = (u: StackUser, args: string[], stdin?: string) => runCli(profiles.get(u.email)!.dir, args, stdin);
const json = <T>(r: CliRun) => JSON.parse(r.stdout) as T;
type Action = { entry: LedgerRow; recordUid: number | null; keywords: string };
type Listing = { mailbox: string; total: number; offset: number; shown: number; intact: boolean; entries: LedgerRow[] };
let year = 0;

beforeAll(async () => {
  if (!CLI_BUILT) throw new Error('out/main/cli.js missing: run `npm run build` first (npm run test:integration does)');
  stack = await startMailStack({ users: ALL });
  for (const [i, subject] of [
    'KHẨN: Công văn số 12/UBND-VX V/v báo cáo chuyển đổi số',
    'Kế hoạch số 34/KH-UBND V/v kiểm tra',
  ].entries())
    await stack.appendMessage(HEAD.email, 'INBOX', incoming(HEAD.email, subject, `ledger-cli-${i + 1}`));
  for (const u of ALL) {
    profiles.set(u.email, tempDir('um-ledger-cli-'));
    const kind = u === HEAD ? 'unit' : 'personal';
    const added = await as(u, accountAddArgs(stack, u.email, { kind }), `${u.password}\n`);
    expect(added.code, added.stderr).toBe(0);
    const id = ['identity', 'create', '--name', 'Cán bộ', '--title', 'Chuyên viên', '--unit', 'Sở Nội vụ'];
    expect((await as(u, [...id, '--email', u.email])).code).toBe(0);
  }
  for (const d of [D1, D2]) {
    const grant = await as(HEAD, ['delegate', 'grant', '--account', HEAD.email, '--to', d.email, '--role', 'xu-ly']);
    expect(grant.code, grant.stderr).toBe(0);
  }
  raw = await connectOther(stack, HEAD.email);
}, 180_000);

afterAll(async () => {
  await raw?.logout().catch(() => undefined);
  const keychain = new OsKeychain();
  for (const [email, p] of profiles) {
    await new IdentityService({ profileDir: p.dir, secrets: keychain, clock: systemClock })
      .remove()
      .catch(() => undefined);
    await keychain.delete(secretKeys.accountPassword(email)).catch(() => false);
    p.cleanup();
  }
  await stack?.stop();
});

describe('unit-mailbox ledger … (built CLI, real stack)', { timeout: 180_000 }, () => {
  it('usage errors exit 2 (ledger and audit)', async () => {
    expect((await as(HEAD, ['ledger'])).code).toBe(2);
    expect((await as(HEAD, ['ledger', 'frobnicate', '--account', HEAD.email])).code).toBe(2);
    expect((await as(HEAD, ['ledger', 'claim', '--account', HEAD.email])).code).toBe(2);
    expect((await as(HEAD, ['ledger', 'claim', '--account', HEAD.email, 'abc'])).code).toBe(2);
    expect((await as(HEAD, ['ledger', 'status', '--account', HEAD.email, '1', 'xong'])).code).toBe(2);
    expect((await as(HEAD, ['ledger', 'list', '--account', HEAD.email, '--status', 'moi-tinh'])).code).toBe(2);
    const badDay = ['ledger', 'assign', '--account', HEAD.email, '1', '--to', D1.email, '--deadline', '2026-02-30'];
    expect((await as(HEAD, badDay)).code).toBe(2);
    expect((await as(HEAD, ['audit', 'frobnicate', '--account', HEAD.email])).code).toBe(2);
    expect((await as(HEAD, ['audit', 'verify', '--account', HEAD.email, 'extra'])).code).toBe(2);
    expect((await as(HEAD, ['audit', 'list', '--account', HEAD.email, '--limit', 'all'])).code).toBe(2);
    const report = ['ledger', 'report', '--account', HEAD.email, '--from', '2026-01-01', '--to', '2026-12-31'];
    expect((await as(HEAD, [...report, '--format', 'docx', '--out', '/tmp/x.docx'])).code).toBe(2);
    expect((await as(HEAD, [...report, '--format', 'csv'])).code).toBe(2);
  });

  it('the head registers (again: nothing written) and assigns with --deadline', async () => {
    const first = await as(HEAD, [
      'ledger',
      'register',
      '--account',
      HEAD.email,
      '--folder',
      'INBOX',
      '--uid',
      '1',
      '--json',
    ]);
    expect(first.code, first.stderr).toBe(0);
    const a = json<Action>(first);
    expect(Object.keys(a.entry)).toEqual(expect.arrayContaining(ENTRY_KEYS));
    expect(a.entry).toMatchObject({
      number: 1,
      folder: 'INBOX',
      uid: 1,
      urgency: 'khan',
      status: 'da-vao-so',
      assignee: null,
    });
    expect(a.entry.messageId).toBe('<ledger-cli-1@binhphuoc.gov.vn>');
    expect(a.recordUid).toBeGreaterThan(0);
    year = a.entry.year;
    const second = json<Action>(
      await as(HEAD, ['ledger', 'register', '--account', HEAD.email, '--folder', 'INBOX', '--uid', '2', '--json']),
    );
    expect(second.entry).toMatchObject({ number: 2, year });
    const again = await as(HEAD, ['ledger', 'register', '--account', HEAD.email, '--folder', 'INBOX', '--uid', '1']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already registered');
    // `delegate grant` gave each delegate 'lri' on the ledger and audit folders: append, never delete.
    for (const d of [D1, D2]) {
      for (const folder of ['UnitMailbox/Ledger', 'UnitMailbox/Audit']) {
        const acl = (await getAcl(raw, folder)).find((e) => e.identifier === d.email);
        expect(acl?.rights.split('').sort().join('')).toBe('ilr');
      }
    }

    const assign = ['ledger', 'assign', '--account', HEAD.email, `${year}/1`, '--to', D1.email];
    const assigned = await as(HEAD, [...assign, '--deadline', '2099-01-15', '--note', 'Giao phòng báo cáo', '--json']);
    expect(assigned.code, assigned.stderr).toBe(0);
    expect(json<Action>(assigned).entry).toMatchObject({
      status: 'da-giao',
      assignee: D1.email,
      deadline: '2099-01-15',
    });
  });

  it('a delegate lists --assignee me on the unit mailbox, works and finishes the entry', async () => {
    const on = ['--account', D1.email, '--mailbox', HEAD.email];
    const mine = await as(D1, ['ledger', 'list', ...on, '--assignee', 'me', '--json']);
    expect(mine.code, mine.stderr).toBe(0);
    const listing = json<Listing>(mine);
    expect(listing).toMatchObject({ mailbox: HEAD.email, total: 1, shown: 1, offset: 0, intact: true });
    expect(listing.entries.map((e) => e.number)).toEqual([1]);
    expect(Object.keys(listing.entries[0]!)).toEqual(expect.arrayContaining(ENTRY_KEYS));

    const working = await as(D1, ['ledger', 'status', ...on, `${year}/1`, 'dang-xu-ly', '--json']);
    expect(working.code, working.stderr).toBe(0);
    expect(json<Action>(working).entry.status).toBe('dang-xu-ly');
    const done = ['ledger', 'status', ...on, `${year}/1`, 'da-xu-ly', '--note', 'Đã báo cáo'];
    const finished = await as(D1, [...done, '--result-message-id', '<reply-1@binhphuoc.gov.vn>', '--json']);
    expect(finished.code, finished.stderr).toBe(0);
    expect(json<Action>(finished).entry.status).toBe('da-xu-ly');

    const byHead = json<Listing>(
      await as(HEAD, ['ledger', 'list', '--account', HEAD.email, '--status', 'da-xu-ly', '--json']),
    );
    expect(byHead.entries.map((e) => [e.number, e.assignee])).toEqual([[1, D1.email]]);
    const text = await as(HEAD, ['ledger', 'list', '--account', HEAD.email, '--limit', '1']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('1 of 2');
  });

  it('two delegates claim at once: one wins, the other exits 1 naming the winner', async () => {
    const claim = (d: StackUser) =>
      as(d, ['ledger', 'claim', '--account', d.email, '--mailbox', HEAD.email, `${year}/2`, '--json']);
    const [r1, r2] = await Promise.all([claim(D1), claim(D2)]);
    const codes = [r1.code, r2.code].sort();
    expect(codes, `${r1.stderr}\n${r2.stderr}`).toEqual([0, 1]);
    const [won, lost] = r1.code === 0 ? [r1, r2] : [r2, r1];
    const winner = json<Action>(won).entry.assignee as string;
    expect([D1.email, D2.email]).toContain(winner);
    expect(lost.stderr).toContain(winner);
    const error = json<{ error: { code: string; data: { winner: string } } }>(lost).error;
    expect(error).toMatchObject({ code: 'LEDGER_CLAIM_LOST', data: { winner } });
    const seen = json<Listing>(await as(HEAD, ['ledger', 'list', '--account', HEAD.email, '--json']));
    expect(seen.entries.find((e) => e.number === 2)).toMatchObject({ status: 'dang-xu-ly', assignee: winner });
  });

  it('ledger report writes the register of a period as CSV and PDF', async () => {
    const dir = profiles.get(HEAD.email)!.dir;
    const period = ['--from', `${year}-01-01`, '--to', `${year}-12-31`];
    const base = ['ledger', 'report', '--account', HEAD.email, ...period];
    const csv = await as(HEAD, [...base, '--format', 'csv', '--out', join(dir, 'so.csv'), '--json']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(json<{ entries: number; format: string }>(csv)).toMatchObject({ entries: 2, format: 'csv' });
    expect(readFileSync(join(dir, 'so.csv'), 'utf8')).toContain('12/UBND-VX');
    const pdf = await as(HEAD, [...base, '--format', 'pdf', '--out', join(dir, 'so.pdf')]);
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(readFileSync(join(dir, 'so.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('audit list: who did what on which message; verify exits 0, then 1 naming a record deleted over raw IMAP', async () => {
    const listed = await as(HEAD, ['audit', 'list', '--account', HEAD.email, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    type Listed = { mailbox: string; total: number; shown: number; intact: boolean; entries: AuditEntry[] };
    const log = json<Listed>(listed);
    expect(log).toMatchObject({ mailbox: HEAD.email, intact: true });
    expect(log.shown).toBe(log.total);
    const kinds = log.entries.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'delegation-grant')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'register')).toHaveLength(2);
    const assign = log.entries.find((e) => e.kind === 'assign')!;
    expect(assign).toMatchObject({
      by: { email: HEAD.email },
      message: { folder: 'INBOX', uid: 1, messageId: '<ledger-cli-1@binhphuoc.gov.vn>' },
      details: { to: D1.email, deadline: '2099-01-15' },
    });
    // The delegates acted on the unit mailbox through their own accounts: the records say so.
    const byD1 = log.entries.filter((e) => e.by.email === D1.email && e.kind === 'status');
    expect(byD1.map((e) => [e.mailbox, e.details.status])).toEqual([
      [HEAD.email, 'dang-xu-ly'],
      [HEAD.email, 'da-xu-ly'],
    ]);
    expect(log.entries.filter((e) => e.kind === 'claim')).toHaveLength(1);
    const page = await as(HEAD, ['audit', 'list', '--account', HEAD.email, '--limit', '1']);
    expect(page.stdout).toContain(`1 of ${log.total}`);
    expect(page.stdout).toContain(`${HEAD.email} delegation-grant`);

    const ok = await as(HEAD, ['audit', 'verify', '--account', HEAD.email]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`${log.total} records`);
    const fromDelegate = await as(D1, ['audit', 'verify', '--account', D1.email, '--mailbox', HEAD.email, '--json']);
    expect(fromDelegate.code, fromDelegate.stderr).toBe(0);

    await raw.mailboxOpen('UnitMailbox/Audit');
    await raw.messageFlagsAdd(String(assign.uid), ['\\Deleted'], { uid: true });
    await raw.messageDelete(String(assign.uid), { uid: true });
    const broken = await as(HEAD, ['audit', 'verify', '--account', HEAD.email, '--json']);
    expect(broken.code).toBe(1);
    const v = json<AuditVerification>(broken);
    expect(v.intact).toBe(false);
    expect(v.first).toMatchObject({ kind: 'missing', seq: assign.seq, uid: assign.uid });
    const text = await as(HEAD, ['audit', 'verify', '--account', HEAD.email]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`Bản ghi nhật ký số ${assign.seq} (thư UID ${assign.uid})`);
  });
});
