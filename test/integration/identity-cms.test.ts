import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeFor, openEnvelope, signDetached, verifyDetached } from '../../electron/services/cms/cms.ts';
import { parseCertificates, sha256Fingerprint } from '../../electron/services/identity/certificates.ts';
import { IdentityService } from '../../electron/services/identity/identity-service.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { countInTree } from '../support/profile-scan.ts';
import { tempDir } from '../support/temp-dir.ts';
import { CLI_BUILT, runCli } from '../support/cli-runner.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';

// Real parts only: the OS keychain (gnome-keyring via with-keyring.sh), OpenSSL as the
// independent verifier, and the built CLI (`npm run build` first).

const keychain = new OsKeychain();
const fingerprints = new Set<string>();
const cleanups: Array<() => void> = [];
let work: string;

const PERSON = {
  name: 'Nguyễn Văn An',
  title: 'Chánh Văn phòng',
  unit: 'Văn phòng UBND tỉnh Bình Phước',
  email: 'an.nv@binhphuoc.gov.vn',
};
const P12_PASSWORD = 'Mật khẩu p12 #2026';

beforeAll(async () => {
  await keychain.assertAvailable();
  const dir = tempDir('um-idcms-');
  cleanups.push(dir.cleanup);
  work = dir.dir;
  makeCaAndP12();
});

afterAll(async () => {
  for (const fp of fingerprints) await keychain.delete(secretKeys.identityKey(fp)).catch(() => false);
  cleanups.splice(0).forEach((c) => c());
});

function profile(): string {
  const dir = tempDir('um-idcms-profile-');
  cleanups.push(dir.cleanup);
  return dir.dir;
}

function openssl(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('openssl', args, { cwd: work, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function mustOpenssl(args: string[], env: Record<string, string> = {}): string {
  const r = openssl(args, env);
  if (r.code !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}

/** A distinctive run of the PKCS#8 base64, from the middle of the PEM body. */
function keyNeedle(pem: string): string {
  const body = pem.split('\n').filter((l) => l && !l.startsWith('-----'));
  expect(body.length).toBeGreaterThan(10);
  return (body[7] as string).slice(4, 52);
}

describe('identity created by the app, key in the real keychain', () => {
  let service: IdentityService;
  let profileDir: string;
  let fingerprint: string;
  const content = new TextEncoder().encode('0123abcd  manifest-sha256.txt\nfeed  bag-info.txt\nBiên bản bàn giao\n');

  beforeAll(async () => {
    profileDir = profile();
    service = new IdentityService({ profileDir, secrets: keychain, clock: systemClock });
    const summary = await service.create(PERSON);
    fingerprint = summary.info.sha256Fingerprint;
    fingerprints.add(fingerprint);
    writeFileSync(join(work, 'created.pem'), await service.certificatePem());
  });

  it('keeps the private key in the keychain and in no profile file', async () => {
    const pem = await keychain.get(secretKeys.identityKey(fingerprint));
    expect(pem).toContain('-----BEGIN PRIVATE KEY-----');
    const needle = keyNeedle(pem as string);
    expect(countInTree(profileDir, needle)).toEqual({ count: 0, files: [] });
    expect(countInTree(profileDir, 'PRIVATE KEY').count).toBe(0);
    // The scan can find things: the certificate is there.
    const certBody = readFileSync(join(work, 'created.pem'), 'utf8').split('\n')[3] as string;
    expect(countInTree(profileDir, certBody).count).toBeGreaterThan(0);
  });

  it('the fingerprint is what openssl prints for the exported certificate', () => {
    const out = mustOpenssl(['x509', '-in', 'created.pem', '-noout', '-fingerprint', '-sha256']);
    expect(out.trim()).toBe(`sha256 Fingerprint=${fingerprint}`);
  });

  it('openssl cms -verify accepts the detached signature, and rejects it after tampering', async () => {
    writeFileSync(join(work, 'content.txt'), content);
    writeFileSync(
      join(work, 'content.p7s'),
      await signDetached(content, await service.signer(), { signingTime: new Date() }),
    );
    const verify = (file: string) =>
      openssl([
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        'content.p7s',
        '-content',
        file,
        '-CAfile',
        'created.pem',
        '-out',
        '/dev/null',
      ]);
    const good = verify('content.txt');
    expect(good.stderr).toContain('Verification successful');
    expect(good.code).toBe(0);

    const tampered = content.slice();
    tampered[5] = (tampered[5] as number) ^ 0x20;
    writeFileSync(join(work, 'tampered.txt'), tampered);
    const bad = verify('tampered.txt');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/digest failure|verification failure/i);

    // Our own verifier agrees on both.
    const sig = readFileSync(join(work, 'content.p7s'));
    expect((await verifyDetached(sig, content, { now: new Date() })).valid).toBe(true);
    expect((await verifyDetached(sig, tampered, { now: new Date() })).valid).toBe(false);
  });

  it('openssl cms -decrypt opens envelopeFor output with the key taken from the keychain', async () => {
    const secret = 'Mật khẩu hộp thư: Vp@2026-bàn-giao';
    writeFileSync(
      join(work, 'credential.p7m'),
      await envelopeFor(new TextEncoder().encode(secret), readFileSync(join(work, 'created.pem')), { now: new Date() }),
    );
    writeFileSync(join(work, 'created.key'), (await keychain.get(secretKeys.identityKey(fingerprint))) as string, {
      mode: 0o600,
    });
    const out = spawnSync(
      'openssl',
      ['cms', '-decrypt', '-inform', 'DER', '-in', 'credential.p7m', '-recip', 'created.pem', '-inkey', 'created.key'],
      { cwd: work },
    );
    expect(out.status).toBe(0);
    expect(out.stdout.toString('utf8')).toBe(secret);
    const opened = await openEnvelope(readFileSync(join(work, 'credential.p7m')), await service.decryptor());
    expect(new TextDecoder().decode(opened)).toBe(secret);
  });

  it('an envelope made by openssl cms -encrypt (RSA-OAEP, AES-256-CBC) opens with openEnvelope', async () => {
    writeFileSync(join(work, 'plain.txt'), 'từ OpenSSL');
    mustOpenssl([
      'cms',
      '-encrypt',
      '-binary',
      '-aes256',
      '-in',
      'plain.txt',
      '-outform',
      'DER',
      '-out',
      'from-openssl.p7m',
      '-recip',
      'created.pem',
      '-keyopt',
      'rsa_padding_mode:oaep',
      '-keyopt',
      'rsa_oaep_md:sha256',
    ]);
    const opened = await openEnvelope(readFileSync(join(work, 'from-openssl.p7m')), await service.decryptor());
    expect(new TextDecoder().decode(opened)).toBe('từ OpenSSL');
  });
});

/** A small CA, a person's certificate it issued, and PKCS#12 files of it in three encryptions. */
function makeCaAndP12(): void {
  // A small CA and a person's certificate, as a provincial CA would issue it.
  writeFileSync(
    join(work, 'leaf.cnf'),
    [
      '[v3]',
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,nonRepudiation,keyEncipherment',
      'extendedKeyUsage=emailProtection',
      'subjectAltName=email:binh.tt@binhphuoc.gov.vn',
      '',
    ].join('\n'),
  );
  mustOpenssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:3072',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '30',
    '-utf8',
    '-subj',
    '/C=VN/O=Ban Cơ yếu Chính phủ (thử nghiệm)/CN=CA Thử nghiệm',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  mustOpenssl([
    'req',
    '-new',
    '-newkey',
    'rsa:3072',
    '-nodes',
    '-keyout',
    'leaf.key',
    '-out',
    'leaf.csr',
    '-utf8',
    '-subj',
    '/CN=Trần Thị Bình/title=Phó Chánh Văn phòng/O=Văn phòng UBND tỉnh/emailAddress=binh.tt@binhphuoc.gov.vn',
  ]);
  mustOpenssl([
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '20',
    '-extfile',
    'leaf.cnf',
    '-extensions',
    'v3',
    '-out',
    'leaf.pem',
  ]);
  const env = { P12PASS: P12_PASSWORD };
  mustOpenssl(
    [
      'pkcs12',
      '-export',
      '-inkey',
      'leaf.key',
      '-in',
      'leaf.pem',
      '-certfile',
      'ca.pem',
      '-out',
      'id.p12',
      '-passout',
      'env:P12PASS',
    ],
    env,
  );
  // What `openssl pkcs12 -export` produces by default here is what the import must read.
  const info = openssl(['pkcs12', '-info', '-in', 'id.p12', '-noout', '-passin', 'env:P12PASS'], env);
  expect(info.stderr).toContain('PBES2, PBKDF2, AES-256-CBC');
  expect(info.stderr).toContain('MAC: sha256');
  // Windows' default export (TripleDES-SHA1), and OpenSSL's -legacy (RC2-40 for the certificates).
  mustOpenssl(
    [
      'pkcs12',
      '-export',
      '-certpbe',
      'PBE-SHA1-3DES',
      '-keypbe',
      'PBE-SHA1-3DES',
      '-macalg',
      'sha1',
      '-inkey',
      'leaf.key',
      '-in',
      'leaf.pem',
      '-certfile',
      'ca.pem',
      '-out',
      'tripledes.p12',
      '-passout',
      'env:P12PASS',
    ],
    env,
  );
  mustOpenssl(
    [
      'pkcs12',
      '-export',
      '-legacy',
      '-inkey',
      'leaf.key',
      '-in',
      'leaf.pem',
      '-out',
      'rc2.p12',
      '-passout',
      'env:P12PASS',
    ],
    env,
  );
}

describe('identity imported from a CA-issued PKCS#12', () => {
  it('imports with its chain; openssl and verifyDetached trust the signature through the CA', async () => {
    const profileDir = profile();
    const service = new IdentityService({ profileDir, secrets: keychain, clock: systemClock });
    const summary = await service.importP12(readFileSync(join(work, 'id.p12')), P12_PASSWORD);
    fingerprints.add(summary.info.sha256Fingerprint);
    const leafDer = parseCertificates(readFileSync(join(work, 'leaf.pem')))[0] as Uint8Array;
    const caDer = parseCertificates(readFileSync(join(work, 'ca.pem')))[0] as Uint8Array;
    expect(summary).toMatchObject({
      source: 'imported',
      info: { commonName: 'Trần Thị Bình', title: 'Phó Chánh Văn phòng', selfSigned: false },
    });
    expect(summary.info.sha256Fingerprint).toBe(sha256Fingerprint(leafDer));
    expect(summary.chain.map((c) => c.sha256Fingerprint)).toEqual([sha256Fingerprint(caDer)]);
    const pemChain = parseCertificates(new TextEncoder().encode(await service.certificatePem()));
    expect(pemChain.map(sha256Fingerprint)).toEqual([sha256Fingerprint(leafDer), sha256Fingerprint(caDer)]);

    // Key only in the keychain; the password nowhere.
    const pem = (await keychain.get(secretKeys.identityKey(summary.info.sha256Fingerprint))) as string;
    expect(countInTree(profileDir, keyNeedle(pem)).count).toBe(0);
    expect(countInTree(profileDir, P12_PASSWORD).count).toBe(0);

    const content = new TextEncoder().encode('tagmanifest of a bag\n');
    writeFileSync(join(work, 'ca-content.txt'), content);
    const signature = await signDetached(content, await service.signer(), { signingTime: new Date() });
    writeFileSync(join(work, 'ca-content.p7s'), signature);
    const verify = openssl([
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      'ca-content.p7s',
      '-content',
      'ca-content.txt',
      '-CAfile',
      'ca.pem',
      '-out',
      '/dev/null',
    ]);
    expect(verify.stderr).toContain('Verification successful');
    expect(verify.code).toBe(0);

    const trusted = await verifyDetached(signature, content, {
      now: new Date(),
      trustedCertificates: [readFileSync(join(work, 'ca.pem'))],
    });
    expect(trusted).toMatchObject({ valid: true, signatureValid: true, chain: 'trusted', problems: [] });
    expect(trusted.signer?.sha256Fingerprint).toBe(summary.info.sha256Fingerprint);
    const untrusted = await verifyDetached(signature, content, { now: new Date() });
    expect(untrusted).toMatchObject({ valid: false, signatureValid: true, chain: 'untrusted' });
    expect(untrusted.problems.join('\n')).toContain('certificate not issued by a trusted CA');

    // The sealed credential can be addressed to a CA-issued certificate as well.
    const envelope = await envelopeFor(new TextEncoder().encode('bí mật'), leafDer, { now: new Date() });
    expect(new TextDecoder().decode(await openEnvelope(envelope, await service.decryptor()))).toBe('bí mật');
  });

  it('a wrong password is IDENTITY_INVALID and the password is echoed nowhere', async () => {
    const profileDir = profile();
    const service = new IdentityService({ profileDir, secrets: keychain, clock: systemClock });
    const wrong = 'sai-mật-khẩu-123';
    const error = await service.importP12(readFileSync(join(work, 'id.p12')), wrong).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'IDENTITY_INVALID' });
    expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toContain(wrong);
    expect(await service.current()).toBeNull();
  });

  it("imports Windows' TripleDES-SHA1 export with its chain; refuses RC2 with a clear message", async () => {
    const service = new IdentityService({ profileDir: profile(), secrets: keychain, clock: systemClock });
    const summary = await service.importP12(readFileSync(join(work, 'tripledes.p12')), P12_PASSWORD);
    fingerprints.add(summary.info.sha256Fingerprint);
    expect(summary.info.commonName).toBe('Trần Thị Bình');
    expect(summary.chain.map((c) => c.commonName)).toEqual(['CA Thử nghiệm']);
    const signature = await signDetached(new TextEncoder().encode('x'), await service.signer(), {
      signingTime: new Date(),
    });
    expect(
      (
        await verifyDetached(signature, new TextEncoder().encode('x'), {
          now: new Date(),
          trustedCertificates: [readFileSync(join(work, 'ca.pem'))],
        })
      ).valid,
    ).toBe(true);

    await expect(service.importP12(readFileSync(join(work, 'tripledes.p12')), 'sai mật khẩu')).rejects.toMatchObject({
      code: 'IDENTITY_INVALID',
    });
    await expect(service.importP12(readFileSync(join(work, 'rc2.p12')), P12_PASSWORD)).rejects.toMatchObject({
      code: 'IDENTITY_INVALID',
      messageVi: expect.stringContaining('mã hóa cũ (RC2)'),
    });
    // The failed imports left the imported identity in place.
    expect((await service.current())?.info.sha256Fingerprint).toBe(summary.info.sha256Fingerprint);
  });
});

describe('CLI: identity create, show, export-cert', () => {
  let profileDir: string;
  const cli = (args: string[], stdin = '') => runCli(profileDir, args, stdin);

  beforeAll(() => {
    if (!CLI_BUILT)
      throw new Error('out/main/cli.js missing: run `npm run build` first (npm run test:integration does)');
    profileDir = profile();
  });

  it('works end to end against the real keychain', async () => {
    const none = await cli(['identity', 'show']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('IDENTITY_MISSING');

    const created = await cli([
      'identity',
      'create',
      '--name',
      PERSON.name,
      '--title',
      PERSON.title,
      '--unit',
      PERSON.unit,
      '--email',
      PERSON.email,
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Nguyễn Văn An');
    const fingerprint = /SHA-256 fingerprint:\n\s+([0-9A-F:]{95})/.exec(created.stdout)?.[1] as string;
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    fingerprints.add(fingerprint);

    const shown = await cli(['identity', 'show', '--json']);
    expect(shown.code).toBe(0);
    const summary = JSON.parse(shown.stdout);
    expect(summary).toMatchObject({
      source: 'created',
      chain: [],
      info: { commonName: PERSON.name, title: PERSON.title, organization: PERSON.unit, email: PERSON.email },
    });
    expect(summary.info.sha256Fingerprint).toBe(fingerprint);
    const text = await cli(['identity', 'show']);
    expect(text.stdout).toContain(fingerprint);

    const out = join(work, 'cli-cert.pem');
    const exported = await cli(['identity', 'export-cert', '--out', out]);
    expect(exported.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(mustOpenssl(['x509', '-in', out, '-noout', '-fingerprint', '-sha256']).trim()).toBe(
      `sha256 Fingerprint=${fingerprint}`,
    );
    expect(mustOpenssl(['x509', '-in', out, '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus'])).toContain(
      'CN=Nguyễn Văn An',
    );

    // The key went to the keychain under the fingerprint, and into no profile file (logs included).
    const pem = await keychain.get(secretKeys.identityKey(fingerprint));
    expect(pem).toContain('-----BEGIN PRIVATE KEY-----');
    expect(countInTree(profileDir, keyNeedle(pem as string)).count).toBe(0);

    const usage = await cli(['identity', 'create', '--name', 'x']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--title is required');

    // import-p12 replaces the identity; the password comes on stdin and is never printed.
    const wrong = await cli(['identity', 'import-p12', join(work, 'id.p12'), '--password-stdin'], 'sai-mật-khẩu\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('IDENTITY_INVALID');
    expect(wrong.stderr + wrong.stdout).not.toContain('sai-mật-khẩu');
    const imported = await cli(
      ['identity', 'import-p12', join(work, 'id.p12'), '--password-stdin', '--json'],
      `${P12_PASSWORD}\n`,
    );
    expect(imported.code).toBe(0);
    const importedSummary = JSON.parse(imported.stdout);
    fingerprints.add(importedSummary.info.sha256Fingerprint);
    expect(importedSummary).toMatchObject({ source: 'imported', info: { commonName: 'Trần Thị Bình' } });
    expect(importedSummary.chain).toHaveLength(1);
    expect(await keychain.get(secretKeys.identityKey(fingerprint))).toBeNull();
  }, 240_000);
});
