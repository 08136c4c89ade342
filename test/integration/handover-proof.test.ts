import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../shared/handover.ts';
import { signDetached } from '../../electron/services/cms/cms.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { parseRecordBinding, recordBindingJson } from '../../electron/services/handover/record/record-binding.ts';
import { renderRecordPdf } from '../../electron/services/handover/record/record-pdf.ts';
import type { HandoverRecord } from '../../electron/services/handover/record/record-types.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { accountAddArgs } from '../support/cli-runner.ts';
import { directive } from '../support/fixtures.ts';
import { CLI_BUILT, runCli } from '../support/handover-cli.ts';
import { makeIdentity, type TestIdentity } from '../support/handover-identities.ts';
import { tempDir } from '../support/temp-dir.ts';

// The handover's proof (issue 17, items 9 and 10): the signed record is bound to its bag, and a
// signature nothing vouches for is reported as such (exit 3), never as plainly valid.

const UNIT: StackUser = { email: 'proof.vp@binhphuoc.gov.vn', password: 'ProofVp#2026!' };
const FONTS = fileURLToPath(new URL('../../resources/fonts', import.meta.url));
const BAGIT = fileURLToPath(new URL('../../../shared/tools/bagit/bagit.py', import.meta.url));

let stack: MailStack;
let work: { dir: string; cleanup: () => void };
let profile: string;
let head: TestIdentity;
let intruder: TestIdentity;
let fingerprint: string;
let first: string;
let second: string;
let caseNo = 0;

async function exportTo(out: string, recipient: string): Promise<void> {
  const r = await runCli(profile, [
    'handover',
    'export',
    '--account',
    UNIT.email,
    '--recipient-cert',
    recipient,
    '--out',
    out,
    '--json',
  ]);
  expect(r.code, r.stderr).toBe(0);
}

const verify = async (bag: string, ...extra: string[]) => {
  const r = await runCli(profile, ['handover', 'verify', bag, '--json', ...extra]);
  return { code: r.code, report: JSON.parse(r.stdout) as VerifyReport, stderr: r.stderr };
};

function copyOf(bag: string): string {
  const to = join(work.dir, `case-${++caseNo}`, 'ban-giao');
  cpSync(bag, to, { recursive: true });
  return to;
}

beforeAll(async () => {
  if (!CLI_BUILT) throw new Error('out/main/cli.js missing: run `npm run build` first');
  work = tempDir('um-handover-proof-');
  profile = join(work.dir, 'profile');
  [stack, head, intruder] = await Promise.all([
    startMailStack({ users: [UNIT] }),
    makeIdentity('Nguyễn Văn Chứng Minh', 'chungminh@binhphuoc.gov.vn'),
    makeIdentity('Kẻ Giả Mạo', 'gia.mao@binhphuoc.gov.vn'),
  ]);
  // The head's identity enters the profile as a .p12, so the test holds the same key.
  const pem = head.writePem(work.dir, 'head', true);
  const p12 = join(work.dir, 'head.p12');
  execFileSync('openssl', [
    'pkcs12',
    '-export',
    '-in',
    pem.cert,
    '-inkey',
    pem.key as string,
    '-out',
    p12,
    '-passout',
    'pass:MatKhau#1',
  ]);
  const imported = await runCli(profile, ['identity', 'import-p12', p12, '--password-stdin', '--json'], 'MatKhau#1\n');
  expect(imported.code, imported.stderr).toBe(0);
  fingerprint = head.party.certificateSha256;
  const added = await runCli(profile, accountAddArgs(stack, UNIT.email, { security: 'tls' }), `${UNIT.password}\n`);
  expect(added.code, added.stderr).toBe(0);
  const recipient = intruder.writePem(work.dir, 'ben-nhan').cert;
  await stack.appendMessage(UNIT.email, 'INBOX', directive('Quyết định số 1/QĐ-UBND', 'Lần bàn giao thứ nhất'));
  first = join(work.dir, 'first', 'ban-giao');
  await exportTo(first, recipient);
  await stack.appendMessage(UNIT.email, 'INBOX', directive('Quyết định số 2/QĐ-UBND', 'Lần bàn giao thứ hai'));
  second = join(work.dir, 'second', 'ban-giao');
  await exportTo(second, recipient);
}, 240_000);

afterAll(async () => {
  const keychain = new OsKeychain();
  await keychain.delete(secretKeys.accountPassword(UNIT.email)).catch(() => false);
  if (fingerprint) await keychain.delete(secretKeys.identityKey(fingerprint)).catch(() => false);
  await stack?.stop();
  work?.cleanup();
});

describe('the signer must be authenticated (item 10)', () => {
  it('exits 3 without --ca or --expect-signer, 0 with the right pin or CA, 1 with a wrong pin', async () => {
    const bare = await verify(second);
    expect(bare.code).toBe(3);
    expect(bare.report).toMatchObject({ valid: true, authenticatedBy: null, problems: [] });
    const text = await runCli(profile, ['handover', 'verify', second]);
    expect(text.code).toBe(3);
    expect(text.stdout).toContain('chữ ký hợp lệ về mặt toán học nhưng người ký CHƯA được xác thực');
    expect(text.stdout).not.toContain('HỢP LỆ / VALID');

    const pinned = await verify(second, '--expect-signer', fingerprint);
    expect(pinned.code).toBe(0);
    expect(pinned.report.authenticatedBy).toBe('pinned');
    const plainHex = await verify(second, '--expect-signer', fingerprint.replace(/:/g, '').toLowerCase());
    expect(plainHex.code).toBe(0);

    const ca = await verify(second, '--ca', head.writePem(work.dir, 'head-ca').cert);
    expect(ca.code).toBe(0);
    expect(ca.report.authenticatedBy).toBe('ca');

    const wrong = await verify(second, '--expect-signer', intruder.party.certificateSha256);
    expect(wrong.code).toBe(1);
    expect(wrong.report.problems).toContainEqual(
      expect.objectContaining({ file: 'seal/tagmanifest-sha256.txt.p7s', kind: 'signature' }),
    );
  });

  it('a bag forged end to end with a self-signed key in the head name is not authenticated', async () => {
    const guide = readFileSync(join(second, 'HUONG-DAN-KIEM-TRA.txt'), 'utf8');
    expect(guide).toContain('-nameopt utf8');
    expect(guide).toMatch(/kênh khác/);
  });
});

describe('the record is bound to its bag (item 9)', () => {
  it('the bag passes the BagIt validator, and its binding names this bag', () => {
    const r = spawnSync('python3', [BAGIT, '--validate', second], { encoding: 'utf8' });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    const binding = parseRecordBinding(readFileSync(join(second, 'record-binding.json'), 'utf8'));
    expect(binding).not.toBeNull();
    expect(readFileSync(join(second, 'tagmanifest-sha256.txt'), 'utf8')).toContain('record-binding.json');
    const out = join(work.dir, 'attached-binding.json');
    execFileSync('pdfdetach', ['-savefile', 'record-binding.json', '-o', out, join(second, 'seal/bien-ban.pdf')]);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(second, 'record-binding.json'), 'utf8'));
  });

  it('refuses the record and its signature taken from an earlier handover by the same head', async () => {
    const bag = copyOf(second);
    for (const f of ['seal/bien-ban.pdf', 'seal/bien-ban.pdf.p7s']) cpSync(join(first, f), join(bag, f));
    // The transplanted signature is itself sound: the same head signed that PDF.
    const openssl = spawnSync('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-noverify',
      '-out',
      '/dev/null',
      '-in',
      join(bag, 'seal/bien-ban.pdf.p7s'),
      '-content',
      join(bag, 'seal/bien-ban.pdf'),
    ]);
    expect(openssl.status).toBe(0);
    const r = await verify(bag, '--expect-signer', fingerprint);
    expect(r.code).toBe(1);
    expect(r.report.valid).toBe(false);
    expect(r.report.problems).toContainEqual(
      expect.objectContaining({ file: 'seal/bien-ban.pdf', kind: 'record-binding' }),
    );
    expect(r.report.problems.filter((p) => p.kind === 'pdf-signature')).toEqual([]);
  });

  it('refuses a PDF signed by the head whose embedded binding differs from the bag', async () => {
    const bag = copyOf(second);
    const record = JSON.parse(readFileSync(join(bag, 'data/record/bien-ban.json'), 'utf8')) as HandoverRecord;
    const binding = parseRecordBinding(readFileSync(join(bag, 'record-binding.json'), 'utf8'));
    if (!binding) throw new Error('no binding');
    const forged = recordBindingJson({ ...binding, bagIdentifier: 'urn:uuid:00000000-0000-4000-8000-000000000000' });
    const pdf = await renderRecordPdf(
      record,
      {
        payloadOxum: binding.payloadOxum,
        tagmanifestSha256: '0'.repeat(64),
        signerCertificateSha256: fingerprint,
        bagName: binding.bagName,
        binding: forged,
      },
      { fontsDir: FONTS },
    );
    writeFileSync(join(bag, 'seal/bien-ban.pdf'), pdf);
    writeFileSync(
      join(bag, 'seal/bien-ban.pdf.p7s'),
      await signDetached(pdf, head.signer, { signingTime: systemClock.now() }),
    );
    const r = await verify(bag, '--expect-signer', fingerprint);
    expect(r.code).toBe(1);
    expect(r.report.problems).toEqual([expect.objectContaining({ file: 'seal/bien-ban.pdf', kind: 'record-binding' })]);
  });

  it('refuses a binding file edited to match a transplanted record (the tagmanifest covers it)', async () => {
    const bag = copyOf(second);
    for (const f of ['seal/bien-ban.pdf', 'seal/bien-ban.pdf.p7s', 'record-binding.json'])
      cpSync(join(first, f), join(bag, f));
    const r = await verify(bag, '--expect-signer', fingerprint);
    expect(r.code).toBe(1);
    expect(r.report.problems).toContainEqual(
      expect.objectContaining({ file: 'record-binding.json', kind: 'tagmanifest' }),
    );
  });
});
