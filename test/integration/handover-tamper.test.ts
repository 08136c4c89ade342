import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../shared/handover.ts';
import { signDetached } from '../../electron/services/cms/cms.ts';
import { decodeCertificate } from '../../electron/services/identity/certificates.ts';
import { verifyBag } from '../../electron/services/handover/verify/verify-bag.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { UNIT_EMAIL, directive, withAttachment } from '../support/fixtures.ts';
import { CLI_BUILT, prepareExportProfile, runCli } from '../support/handover-cli.ts';
import { makeIdentity, type TestIdentity } from '../support/handover-identities.ts';
import { tempDir } from '../support/temp-dir.ts';
import { filesUnder } from '../support/bag-tools.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';

// Each way of tampering with a finished bag is caught by verifyBag and by the CLI (exit 1),
// and the problem names the file that was touched.

let stack: MailStack;
let work: { dir: string; cleanup: () => void };
let profile: string;
let fingerprint: string;
let incoming: TestIdentity;
let intruder: TestIdentity;
let pristine: string;
let caseNo = 0;

const P7S = 'seal/tagmanifest-sha256.txt.p7s';

/** The first message file, whatever the folder nesting under data/eml/. */
function firstEml(bag: string): string {
  const found = filesUnder(bag, 'data/eml').find((f) => f.endsWith('.eml'));
  if (!found) throw new Error(`no .eml in ${bag}`);
  return found;
}

/** A fresh copy of the pristine bag, tampered with by `edit`. */
function tampered(edit: (bag: string) => void | Promise<void>): Promise<string> {
  const bag = join(work.dir, `case-${++caseNo}`, 'ban-giao');
  cpSync(pristine, bag, { recursive: true });
  return Promise.resolve(edit(bag)).then(() => bag);
}

async function expectDetected(bag: string, file: string, kind?: string): Promise<void> {
  const report = await verifyBag(bag, { clock: systemClock });
  expect(report.valid).toBe(false);
  expect(report.problems, JSON.stringify(report.problems)).toContainEqual(
    expect.objectContaining({ file, ...(kind ? { kind } : {}) }),
  );
  const r = await runCli(profile, ['handover', 'verify', bag, '--json']);
  expect(r.code, r.stderr).toBe(1);
  const cli = JSON.parse(r.stdout) as VerifyReport;
  expect(cli.valid).toBe(false);
  expect(cli.problems.map((p) => p.file)).toContain(file);
}

const sha = (text: string | Buffer, alg = 'sha256') => createHash(alg).update(text).digest('hex');

beforeAll(async () => {
  if (!CLI_BUILT) throw new Error('out/main/cli.js missing: run `npm run build` first (npm run test:integration does)');
  work = tempDir('um-handover-tamper-');
  profile = join(work.dir, 'profile');
  [stack, incoming, intruder] = await Promise.all([
    startMailStack({ folders: { [UNIT_EMAIL]: ['Chỉ đạo', 'Chỉ đạo/Đã xử lý'] } }),
    makeIdentity('Trần Thị Bình', 'binh.tt@binhphuoc.gov.vn'),
    makeIdentity('Kẻ Giả Mạo', 'gia.mao@binhphuoc.gov.vn'),
  ]);
  await stack.appendMessage(UNIT_EMAIL, 'INBOX', directive('Quyết định số 45/QĐ-UBND', 'Giao Văn phòng…'), ['\\Seen']);
  await stack.appendMessage(UNIT_EMAIL, 'INBOX', directive('Công văn 12', 'Chưa đọc'));
  await stack.appendMessage(UNIT_EMAIL, 'Chỉ đạo/Đã xử lý', withAttachment('Chỉ thị 05/CT-UBND'), ['$Forwarded']);
  ({ fingerprint } = await prepareExportProfile(stack, profile));
  const recipient = incoming.writePem(work.dir, 'ben-nhan').cert;
  pristine = join(work.dir, 'pristine', 'ban-giao');
  const r = await runCli(profile, [
    'handover',
    'export',
    '--account',
    UNIT_EMAIL,
    '--recipient-cert',
    recipient,
    '--out',
    pristine,
    '--tar',
    '--witness',
    'Lê Văn Chứng',
    '--place',
    'Đồng Xoài',
    '--json',
  ]);
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ messages: 3, consistent: true, resumed: 0 });
}, 240_000);

afterAll(async () => {
  const keychain = new OsKeychain();
  await keychain.delete(secretKeys.accountPassword(UNIT_EMAIL)).catch(() => false);
  if (fingerprint) await keychain.delete(secretKeys.identityKey(fingerprint)).catch(() => false);
  await stack?.stop();
  work?.cleanup();
});

describe('handover verify', () => {
  it('accepts the untouched bag and its .tar (exit 0 with the pinned signer), signed by the profile identity', async () => {
    for (const path of [pristine, `${pristine}.tar`]) {
      const r = await runCli(profile, ['handover', 'verify', path, '--expect-signer', fingerprint, '--json']);
      expect(r.code, r.stdout).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({
        valid: true,
        authenticatedBy: 'pinned',
        problems: [],
        signature: { chain: 'self-signed', signerFingerprint: fingerprint },
        counts: { messages: 3 },
      });
    }
    const text = await runCli(profile, ['handover', 'verify', pristine, '--expect-signer', fingerprint]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('HỢP LỆ / VALID');
    expect(text.stdout).toContain(fingerprint);
    // Without --ca or --expect-signer nothing vouches for the signer: exit 3, not 0.
    const unpinned = await runCli(profile, ['handover', 'verify', pristine]);
    expect(unpinned.code).toBe(3);
    expect(unpinned.stdout).toContain('người ký CHƯA được xác thực');
  });

  it('trusts only the given CA when --ca is passed', async () => {
    const ownCa = join(work.dir, 'own.pem');
    await runCli(profile, ['identity', 'export-cert', '--out', ownCa]);
    expect((await runCli(profile, ['handover', 'verify', pristine, '--ca', ownCa, '--json'])).code).toBe(0);
    const other = intruder.writePem(work.dir, 'other-ca').cert;
    const r = await runCli(profile, ['handover', 'verify', pristine, '--ca', other, '--json']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as VerifyReport).problems.map((p) => p.file)).toContain(P7S);
  });

  it('exits 2 on bad usage', async () => {
    expect((await runCli(profile, ['handover', 'verify'])).code).toBe(2);
    expect((await runCli(profile, ['handover', 'verify', pristine, pristine])).code).toBe(2);
    expect((await runCli(profile, ['handover', 'verify', pristine, '--frobnicate'])).code).toBe(2);
    expect((await runCli(profile, ['handover', 'export', '--account', UNIT_EMAIL])).code).toBe(2);
    expect((await runCli(profile, ['handover', 'teleport'])).code).toBe(2);
  });

  it('detects one byte flipped in an .eml', async () => {
    let file = '';
    const bag = await tampered((b) => {
      file = firstEml(b);
      const bytes = readFileSync(join(b, file));
      const at = Math.floor(bytes.length / 2);
      bytes[at] = (bytes[at] as number) ^ 0x01;
      writeFileSync(join(b, file), bytes);
    });
    await expectDetected(bag, file, 'hash-mismatch');
  });

  it('detects a deleted file', async () => {
    let file = '';
    const bag = await tampered((b) => {
      file = firstEml(b);
      rmSync(join(b, file));
    });
    await expectDetected(bag, file, 'missing');
  });

  it('detects a stray file added to the payload and one beside it', async () => {
    let file = '';
    const bag = await tampered((b) => {
      file = firstEml(b).replace(/\d+\.eml$/, '9999.eml');
      writeFileSync(join(b, file), 'From: x@y.z\r\n\r\nplanted\r\n');
    });
    await expectDetected(bag, file, 'extra');
    const beside = await tampered((b) => writeFileSync(join(b, 'ghi-chu.txt'), 'planted'));
    await expectDetected(beside, 'ghi-chu.txt', 'extra');
  });

  it('detects an edited line of data/index/messages.csv', async () => {
    const bag = await tampered((b) => {
      const path = join(b, 'data/index/messages.csv');
      const lines = readFileSync(path, 'utf8').split('\r\n');
      lines[1] = (lines[1] as string).replace('"\\Seen"', '""');
      writeFileSync(path, lines.join('\r\n'));
    });
    await expectDetected(bag, 'data/index/messages.csv', 'hash-mismatch');
  });

  it('detects an edited bag-info.txt', async () => {
    const bag = await tampered((b) => {
      const path = join(b, 'bag-info.txt');
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^Contact-Name: .*$/m, 'Contact-Name: Người Khác'));
    });
    await expectDetected(bag, 'bag-info.txt', 'tagmanifest');
  });

  it("detects the signature replaced by another identity's valid signature over the same file", async () => {
    const bag = await tampered(async (b) => {
      const tagmanifest = readFileSync(join(b, 'tagmanifest-sha256.txt'));
      writeFileSync(join(b, P7S), await signDetached(tagmanifest, intruder.signer, { signingTime: new Date() }));
    });
    await expectDetected(bag, P7S, 'signature');
  });

  it("detects the signer's certificate swapped inside the .p7s", async () => {
    const bag = await tampered((b) => {
      const der = readFileSync(join(b, P7S));
      const info = pkijs.ContentInfo.fromBER(der);
      const signed = new pkijs.SignedData({ schema: info.content });
      const swap = decodeCertificate(intruder.certificate);
      signed.certificates = [swap];
      (signed.signerInfos[0] as pkijs.SignerInfo).sid = new pkijs.IssuerAndSerialNumber({
        issuer: swap.issuer,
        serialNumber: swap.serialNumber,
      });
      const out = new pkijs.ContentInfo({ contentType: info.contentType, content: signed.toSchema(true) });
      writeFileSync(join(b, P7S), new Uint8Array(out.toSchema().toBER(false)));
    });
    await expectDetected(bag, P7S, 'signature');
  });

  it('detects an edited tagmanifest-sha256.txt', async () => {
    const bag = await tampered((b) => {
      const path = join(b, 'tagmanifest-sha256.txt');
      writeFileSync(path, `${readFileSync(path, 'utf8')}${sha('x')}  ghost.txt\n`);
    });
    await expectDetected(bag, 'tagmanifest-sha256.txt', 'signature');
  });

  it('checks a tagmanifest-sha512.txt that another tool added', async () => {
    const good = await tampered((b) =>
      writeFileSync(
        join(b, 'tagmanifest-sha512.txt'),
        `${sha(readFileSync(join(b, 'bagit.txt')), 'sha512')}  bagit.txt\n`,
      ),
    );
    expect((await verifyBag(good, { clock: systemClock })).problems).toEqual([]);
    const bad = await tampered((b) =>
      writeFileSync(join(b, 'tagmanifest-sha512.txt'), `${sha('x', 'sha512')}  bagit.txt\n`),
    );
    expect((await verifyBag(bad, { clock: systemClock })).problems).toContainEqual(
      expect.objectContaining({ file: 'bagit.txt', kind: 'tagmanifest' }),
    );
  });

  it('detects an .eml changed with both manifests and the tagmanifest recomputed: only the signature is left', async () => {
    let file = '';
    const bag = await tampered((b) => {
      file = firstEml(b);
      const planted = Buffer.from('From: ke-gia-mao@example.com\r\nSubject: planted\r\n\r\nx\r\n');
      const old = readFileSync(join(b, file));
      writeFileSync(join(b, file), planted);
      for (const [name, alg] of [
        ['manifest-sha256.txt', 'sha256'],
        ['manifest-sha512.txt', 'sha512'],
      ] as const) {
        const path = join(b, name);
        writeFileSync(path, readFileSync(path, 'utf8').replace(sha(old, alg), sha(planted, alg)));
      }
      const tm = join(b, 'tagmanifest-sha256.txt');
      let text = readFileSync(tm, 'utf8');
      for (const name of ['manifest-sha256.txt', 'manifest-sha512.txt'])
        text = text.replace(new RegExp(`^[0-9a-f]{64}  ${name}$`, 'm'), `${sha(readFileSync(join(b, name)))}  ${name}`);
      writeFileSync(tm, text);
    });
    const report = await verifyBag(bag, { clock: systemClock });
    expect(report.problems).toContainEqual(
      expect.objectContaining({ file: 'tagmanifest-sha256.txt', kind: 'signature' }),
    );
    expect(report.problems.some((p) => p.file === file)).toBe(true); // the index still knows the old hash
    expect((await runCli(profile, ['handover', 'verify', bag])).code).toBe(1);
  });
});
