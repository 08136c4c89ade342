// The handover of a mailbox that keeps a processing ledger and an audit, on the real Dovecot:
// the package's data/registers/ carries both with their true counts, the records as they were
// signed and the chain heads; the record (JSON and PDF, read back with pdftotext) lists the open
// items with assignee and deadline, overdue marked, and never says 0 for what exists; the bag
// still passes the validators; accepting shows the incoming head the open items first, in the
// service's result and in the CLI's output.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { AuditLog } from '../../electron/services/audit/audit-log.ts';
import { AuditStore } from '../../electron/services/audit/audit-store.ts';
import { DAY_MS, ManualClock, systemClock } from '../../electron/services/clock/clock.ts';
import { verifyDetached } from '../../electron/services/cms/cms.ts';
import { sessionRunner } from '../../electron/services/delegation/mailbox-session.ts';
import { parseCsv } from '../../electron/services/handover/bag/csv.ts';
import type { ExportResult } from '../../electron/services/handover/export/export-handover.ts';
import { HandoverService } from '../../electron/services/handover/handover-service.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import { parseRecordMessage } from '../../electron/services/records/record-message.ts';
import { verifyBag } from '../../electron/services/handover/verify/verify-bag.ts';
import { vietnamDate } from '../../shared/ledger.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { CLI_BUILT, runCli } from '../support/cli-runner.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';
import { connectOther } from '../support/fixtures.ts';
import { incoming, ledgerPc, stopPcs, type LedgerPc } from '../support/ledger-sides.ts';
import { tempDir } from '../support/temp-dir.ts';

const UNIT: StackUser = { email: 'bangiao.vp@binhphuoc.gov.vn', password: 'BanGiaoVp#2026!' };
const XL: StackUser = { email: 'bangiao.xl@binhphuoc.gov.vn', password: 'BanGiaoXl#2026!' };
const NEXT_HEAD = 'bangiao.moi@binhphuoc.gov.vn';
const FONTS = fileURLToPath(new URL('../../resources/fonts', import.meta.url));
const BAGIT = fileURLToPath(new URL('../../../shared/tools/bagit/bagit.py', import.meta.url));
const SUBJECTS = [
  'KHẨN: Công văn số 123/UBND-VX V/v triển khai chuyển đổi số',
  'Quyết định số 45/QĐ-UBND về việc kiện toàn Ban chỉ đạo',
  'Kế hoạch số 12/KH-SNV tổ chức hội nghị cán bộ',
  'Giấy mời số 7/GM-VP dự họp giao ban quý IV',
];

let stack: MailStack;
let raw: ImapFlow;
let head: LedgerPc;
let incomingServices: AppServices;
let work: { dir: string; cleanup: () => void };
let store: AuditStore;
let bag: string;
let exported: ExportResult;
// The actions happen three days before the handover: the first deadline is over by then.
const clock = new ManualClock(Date.now() - 3 * DAY_MS);
const numbers: Array<{ year: number; number: number }> = [];
let auditRecords = 0;
let overdueDay = '';

async function deliver(subject: string, id: string): Promise<number> {
  await stack.appendMessage(UNIT.email, 'INBOX', incoming(UNIT.email, subject, id));
  const lock = await raw.getMailboxLock('INBOX', { readOnly: true });
  try {
    await raw.noop();
    const found = await raw.search({ header: { 'message-id': id } }, { uid: true });
    return (Array.isArray(found) ? found[0] : undefined) ?? Promise.reject(new Error(`no ${id}`));
  } finally {
    lock.release();
  }
}

/** SHA-256 of the record.json of the highest-UID record of a folder, and how many there are, over raw IMAP. */
async function headOf(folder: string): Promise<{ count: number; sha256: string }> {
  const box = await raw.mailboxOpen(folder, { readOnly: true });
  await raw.noop();
  const last = await raw.fetchOne('*', { uid: true, source: true });
  if (!last || !last.source) throw new Error(`${folder} is empty`);
  const { json } = await parseRecordMessage(last.source);
  return { count: box.exists, sha256: createHash('sha256').update(json).digest('hex') };
}

const pdfText = (file: string): string =>
  execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');

beforeAll(async () => {
  work = tempDir('um-ledger-handover-');
  stack = await startMailStack({ users: [UNIT, XL] });
  raw = await connectOther(stack, UNIT.email);
  head = await ledgerPc(stack, UNIT.email, { kind: 'unit', name: 'Nguyễn Văn Giao', tag: 'lh-head', clock });
  for (const [i, subject] of SUBJECTS.entries()) {
    const uid = await deliver(subject, `lh-${i + 1}`);
    const r = await head.ledger.register(head.accountId, { folder: 'INBOX', uid });
    numbers.push({ year: r.entry.year, number: r.entry.number });
  }
  const [n1, n2, n3] = numbers as [(typeof numbers)[0], (typeof numbers)[0], (typeof numbers)[0]];
  overdueDay = vietnamDate(clock.now());
  await head.ledger.assign(head.accountId, n1, { to: XL.email, deadline: overdueDay, instruction: 'Xử lý gấp' });
  await head.ledger.assign(head.accountId, n2, {
    to: XL.email,
    deadline: vietnamDate(new Date(clock.now().getTime() + 40 * DAY_MS)),
  });
  await head.ledger.assign(head.accountId, n3, { to: XL.email });
  await head.ledger.setStatus(head.accountId, n3, 'da-xu-ly', { note: 'Đã báo cáo' });

  store = new AuditStore(join(work.dir, 'audit.sqlite'));
  const audit = new AuditLog({
    sessions: sessionRunner(head.services.accounts),
    accounts: head.services.accounts,
    identity: head.services.identity,
    clock,
    settings: head.services.settings,
    store,
  });
  for (const [i, kind] of (['register', 'assign', 'flag'] as const).entries()) {
    await audit.record(head.accountId, { kind, details: { step: i + 1 } });
  }

  // The handover, at today's time; the incoming head on this machine's keychain (for the CLI).
  clock.set(Date.now());
  incomingServices = createAppServices({
    clock: systemClock,
    profileDir: join(work.dir, 'incoming'),
    secrets: new OsKeychain(),
    logger: nullLogger,
    dialogs: fakeDialogs(),
    openExternal: async () => undefined,
    appVersion: 'test',
    platform: process.platform,
  });
  await incomingServices.identity.create({
    name: 'Trần Thị Kế Nhiệm',
    title: 'Chánh Văn phòng',
    unit: 'Văn phòng UBND tỉnh',
    email: NEXT_HEAD,
  });
  const handover = new HandoverService({
    accounts: head.services.accounts,
    identity: head.services.identity,
    caches: head.services.caches,
    logger: nullLogger,
    clock,
    fontsDir: FONTS,
    appVersion: 'test',
  });
  bag = join(work.dir, 'bag');
  exported = await handover.export({
    accountId: head.accountId,
    recipientCertificate: new TextEncoder().encode(await incomingServices.identity.certificatePem()),
    outDir: bag,
  });
  auditRecords = (await headOf('UnitMailbox/Audit')).count;
}, 300_000);

afterAll(async () => {
  store?.close();
  await raw?.logout().catch(() => undefined);
  await incomingServices?.identity.remove().catch(() => undefined);
  await incomingServices?.dispose();
  await new OsKeychain().delete(secretKeys.accountPassword(UNIT.email)).catch(() => undefined);
  await stopPcs([head]);
  await stack?.stop();
  work?.cleanup();
});

describe('handover of a mailbox with a ledger and an audit (real Dovecot)', { timeout: 240_000 }, () => {
  it('data/registers/ holds every ledger and audit record as signed, with true counts', async () => {
    const ledger = await headOf('UnitMailbox/Ledger');
    // 4 registrations, 3 assignments, 1 status.
    expect(ledger.count).toBe(8);
    expect(auditRecords).toBeGreaterThanOrEqual(3);
    expect(exported.record.registers).toMatchObject({ ledger: 8, audit: auditRecords });
    for (const [file, count] of [
      ['ledger.jsonl', 8],
      ['audit.jsonl', auditRecords],
    ] as const) {
      const lines = readFileSync(join(bag, 'data/registers', file), 'utf8')
        .trim()
        .split('\n');
      expect(JSON.parse(lines[0] as string)).toMatchObject({ format: 'unit-mailbox-register/1' });
      expect(lines).toHaveLength(count + 1);
      for (const line of lines.slice(1)) {
        const r = JSON.parse(line) as { record: unknown; sha256: string; signature: string; trusted: boolean };
        expect(r.trusted).toBe(true);
        // The record as it was signed: its signature verifies over its canonical bytes.
        const bytes = Buffer.from(canonical(r.record), 'utf8');
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(r.sha256);
        const v = await verifyDetached(Buffer.from(r.signature, 'base64'), bytes, { now: new Date() });
        expect(v.signatureValid).toBe(true);
      }
    }
  });

  it('the book as CSV: one row per entry, Vietnamese intact, the overdue one marked', () => {
    const text = readFileSync(join(bag, 'data/registers/ledger.csv'), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1), 'ledger.csv');
    expect(rows[0]?.slice(0, 3)).toEqual(['Năm', 'Ngày đến', 'Số đến']);
    expect(rows).toHaveLength(5);
    const first = rows.find((r) => r[2] === String(numbers[0]?.number));
    expect(first?.join('|')).toContain('chuyển đổi số');
    expect(first).toContain(XL.email);
    expect(first).toContain('Quá hạn');
    const audit = parseCsv(readFileSync(join(bag, 'data/registers/audit.csv'), 'utf8').slice(1), 'audit.csv');
    expect(audit).toHaveLength(auditRecords + 1);
  });

  it('states both chain heads, equal to the newest record on the server, and that they are intact', async () => {
    const chains = JSON.parse(readFileSync(join(bag, 'data/registers/chains.json'), 'utf8')) as Record<
      string,
      { head: string; records: number; intact: boolean }
    >;
    const ledger = await headOf('UnitMailbox/Ledger');
    const audit = await headOf('UnitMailbox/Audit');
    expect(chains.ledger).toMatchObject({ head: ledger.sha256, records: 8, intact: true });
    expect(chains.audit).toMatchObject({ head: audit.sha256, records: auditRecords, intact: true });
    expect(exported.record.ledger.chains.ledger.head).toBe(ledger.sha256);
    expect(exported.record.ledger.chains.audit.head).toBe(audit.sha256);
  });

  it('the record lists the open items, overdue first, with assignee and deadline', () => {
    const { ledger } = exported.record;
    expect(ledger).toMatchObject({ entries: 4, open: 3, overdue: 1 });
    const [first, second, third] = ledger.openItems;
    expect(first).toMatchObject({ ...numbers[0], assignee: XL.email, deadline: overdueDay, overdue: true });
    expect(second).toMatchObject({ ...numbers[1], assignee: XL.email, overdue: false, status: 'da-giao' });
    expect(third).toMatchObject({ ...numbers[3], assignee: null, deadline: null, status: 'da-vao-so' });
    expect(ledger.openItems.map((o) => o.number)).not.toContain(numbers[2]?.number);
  });

  it('the record PDF (pdftotext) holds the open items and the chain heads, and no "0 bản ghi"', () => {
    const text = pdfText(join(bag, 'seal/bien-ban.pdf'));
    const { ledger } = exported.record;
    expect(text).toContain('8 bản ghi về 4 văn bản đến');
    expect(text).toContain(`Nhật ký thao tác: ${auditRecords} bản ghi`);
    expect(text).not.toMatch(/(^|\D)0 bản ghi/);
    expect(text).not.toContain('chưa xác định');
    expect(text).toContain('Danh sách việc đang dở dang');
    expect(text).toContain('chuyển đổi số');
    // Table cells wrap and pdftotext interleaves their lines: the tagged table keeps each cell whole.
    const pdf = join(bag, 'seal/bien-ban.pdf');
    const cells = execFileSync('pdfinfo', ['-struct-text', pdf], { encoding: 'utf8' }).normalize('NFC');
    const flat = cells.replace(/\s+/g, '');
    const [d, m, y] = [overdueDay.slice(8, 10), overdueDay.slice(5, 7), overdueDay.slice(0, 4)];
    for (const cell of [XL.email, `${d}/${m}/${y} (quá hạn)`, 'Đã giao, QUÁ HẠN', 'Chưa giao'])
      expect(flat).toContain(cell.replace(/\s+/g, ''));
    for (const h of [ledger.chains.ledger.head, ledger.chains.audit.head]) expect(text).toContain(h);
    expect(text).toBe(text.normalize('NFC'));
  });

  it('the bag still verifies: the app verifier, and the Library of Congress validator', async () => {
    const report = await verifyBag(bag, { clock: systemClock });
    expect(report.problems).toEqual([]);
    expect(report.valid).toBe(true);
    if (!existsSync(BAGIT)) throw new Error(`${BAGIT} missing`);
    const run = spawnSync('python3', [BAGIT, '--validate', bag], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/is valid/);
  });

  it('accepting shows the open items first: the service result and the CLI output', async () => {
    if (!CLI_BUILT) throw new Error('out/main/cli.js missing: run `npm run build` first');
    const result = await incomingServices.handover.accept(bag, { accountEmail: UNIT.email });
    expect(result.ledger?.openItems.map((o) => o.number)).toEqual(
      exported.record.ledger.openItems.map((o) => o.number),
    );
    expect(result.reminders[0]).toMatch(/^Còn 3 việc đang dở dang theo sổ đăng ký văn bản đến, 1 việc quá hạn/);
    const cli = await runCli(join(work.dir, 'incoming'), ['handover', 'accept', bag, '--account-email', UNIT.email]);
    expect(cli.code, cli.stderr).toBe(0);
    const lines = cli.stdout.split('\n');
    expect(lines[0]).toBe('VIỆC ĐANG DỞ DANG / OPEN ITEMS: 3, quá hạn / overdue 1');
    expect(lines[1]).toContain(`${numbers[0]?.number}/${numbers[0]?.year}`);
    expect(lines[1]).toContain('QUÁ HẠN / OVERDUE');
    expect(lines[1]).toContain(XL.email);
    expect(cli.stdout.indexOf('VIỆC ĐANG DỞ DANG')).toBeLessThan(cli.stdout.indexOf('Đã tiếp nhận hộp thư'));
    expect(cli.stdout).toContain(exported.record.ledger.chains.ledger.head as string);
  });
});

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}
