import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { envelopeFor, openEnvelope, signDetached, verifyDetached } from '../../electron/services/cms/cms.ts';
import { toArrayBuffer } from '../../electron/services/cms/pkijs-engine.ts';
import {
  certificateInfo,
  parseCertificates,
  sha256Fingerprint,
  toPem,
} from '../../electron/services/identity/certificates.ts';
import { IdentityService } from '../../electron/services/identity/identity-service.ts';
import type { Signer } from '../../electron/services/identity/signer.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { tempDir } from '../support/temp-dir.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';

// Two app-made identities (RSA-3072, self-signed), each in its own profile with an in-memory keychain.
const cleanups: Array<() => void> = [];
let alice: { service: IdentityService; signer: Signer; cert: Uint8Array };
let bob: { service: IdentityService; signer: Signer; cert: Uint8Array };

async function makeIdentity(name: string, email: string) {
  const { dir, cleanup } = tempDir('um-cms-');
  cleanups.push(cleanup);
  const service = new IdentityService({ profileDir: dir, secrets: new MemorySecretStore(), clock: systemClock });
  await service.create({ name, title: 'Chánh Văn phòng', unit: 'Văn phòng UBND tỉnh Bình Phước', email });
  const signer = await service.signer();
  return { service, signer, cert: signer.certificateChain[0] as Uint8Array };
}

beforeAll(async () => {
  alice = await makeIdentity('Nguyễn Văn An', 'an.nv@binhphuoc.gov.vn');
  bob = await makeIdentity('Trần Thị Bình', 'binh.tt@binhphuoc.gov.vn');
}, 60_000);
afterAll(() => cleanups.splice(0).forEach((c) => c()));

const content = new TextEncoder().encode(
  'c0ffee  manifest-sha256.txt\nbeef  bag-info.txt\nTiếng Việt: Biên bản bàn giao\n',
);

/** Rewrites the SignedData inside a ContentInfo (pkijs re-encodes the rest as parsed). */
function rewriteSignedData(signature: Uint8Array, change: (sd: pkijs.SignedData) => void): Uint8Array {
  const info = pkijs.ContentInfo.fromBER(toArrayBuffer(signature));
  const signed = new pkijs.SignedData({ schema: info.content });
  change(signed);
  const out = new pkijs.ContentInfo({ contentType: info.contentType, content: signed.toSchema(true) });
  return new Uint8Array(out.toSchema().toBER(false));
}

describe('detached CMS signatures', { timeout: 60_000 }, () => {
  it('round-trips: a signature over the content verifies, self-signed, with the signing time', async () => {
    const when = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);
    const signature = await signDetached(content, alice.signer, { signingTime: when });
    const result = await verifyDetached(signature, content, { now: new Date() });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ valid: true, signatureValid: true, chain: 'self-signed' });
    expect(result.signingTime).toBe(when.toISOString());
    expect(result.signer?.sha256Fingerprint).toBe(sha256Fingerprint(alice.cert));
    expect(result.signer?.commonName).toBe('Nguyễn Văn An');
  });

  it('one flipped byte of content makes it invalid with a clear problem', async () => {
    const signature = await signDetached(content, alice.signer, { signingTime: new Date() });
    for (const index of [0, content.length >> 1, content.length - 1]) {
      const tampered = content.slice();
      tampered[index] = (tampered[index] as number) ^ 0x01;
      const result = await verifyDetached(signature, tampered, { now: new Date() });
      expect(result.valid).toBe(false);
      expect(result.signatureValid).toBe(false);
      expect(result.problems).toContain('signature does not match the content (message digest differs)');
    }
  });

  it('a flipped byte in the signature value is reported as a signature that does not verify', async () => {
    const signature = await signDetached(content, alice.signer, { signingTime: new Date() });
    const tampered = rewriteSignedData(signature, (sd) => {
      const info = sd.signerInfos[0] as pkijs.SignerInfo;
      const bytes = new Uint8Array(info.signature.valueBlock.valueHexView);
      bytes[10] = (bytes[10] as number) ^ 0xff;
      info.signature = new asn1js.OctetString({ valueHex: toArrayBuffer(bytes) });
    });
    const result = await verifyDetached(tampered, content, { now: new Date() });
    expect(result.valid).toBe(false);
    expect(result.problems).toContain("the signature does not verify with the signer's certificate");
  });

  it("another signer's certificate swapped into the SignedData makes it invalid", async () => {
    const signature = await signDetached(content, alice.signer, { signingTime: new Date() });
    const bobCert = pkijs.Certificate.fromBER(toArrayBuffer(bob.cert));
    // The rewriting itself keeps a valid signature valid, so what follows measures the swap alone.
    expect(
      (
        await verifyDetached(
          rewriteSignedData(signature, () => undefined),
          content,
          { now: new Date() },
        )
      ).valid,
    ).toBe(true);

    // Certificate replaced, signer identifier left alone: the signer cannot be found.
    const certOnly = rewriteSignedData(signature, (sd) => {
      sd.certificates = [bobCert];
    });
    const r1 = await verifyDetached(certOnly, content, { now: new Date() });
    expect(r1.valid).toBe(false);
    expect(r1.problems).toContain("the signer's certificate is not included in the signature");

    // Certificate and signer identifier both point at Bob: Bob's key does not verify Alice's signature,
    // and the signed signing-certificate attribute still names Alice's certificate.
    const both = rewriteSignedData(signature, (sd) => {
      sd.certificates = [bobCert];
      (sd.signerInfos[0] as pkijs.SignerInfo).sid = new pkijs.IssuerAndSerialNumber({
        issuer: bobCert.issuer,
        serialNumber: bobCert.serialNumber,
      });
    });
    const r2 = await verifyDetached(both, content, { now: new Date() });
    expect(r2.valid).toBe(false);
    expect(r2.signatureValid).toBe(false);
    expect(r2.signer?.sha256Fingerprint).toBe(sha256Fingerprint(bob.cert));
    expect(r2.problems).toContain("the signature does not verify with the signer's certificate");
    expect(r2.problems).toContain("the signing-certificate attribute does not match the signer's certificate");
  });

  it('with trusted certificates, a self-signed signer must be one of them', async () => {
    const signature = await signDetached(content, alice.signer, { signingTime: new Date() });
    const trustedAlice = await verifyDetached(signature, content, {
      now: new Date(),
      trustedCertificates: [alice.cert],
    });
    expect(trustedAlice).toMatchObject({ valid: true, chain: 'trusted' });
    const trustedBobOnly = await verifyDetached(signature, content, {
      now: new Date(),
      trustedCertificates: [bob.cert],
    });
    expect(trustedBobOnly).toMatchObject({ valid: false, signatureValid: true, chain: 'untrusted' });
    expect(trustedBobOnly.problems).toContain(
      'the self-signed signer certificate is not one of the trusted certificates',
    );
  });

  it('a signing time outside the certificate validity is reported as expired', async () => {
    const later = new Date(Date.now() + 6 * 365 * 24 * 3600 * 1000);
    const signature = await signDetached(content, alice.signer, { signingTime: later });
    const result = await verifyDetached(signature, content, { now: new Date() });
    expect(result.valid).toBe(false);
    expect(result.signatureValid).toBe(true);
    expect(result.problems.some((p) => p.includes('expired'))).toBe(true);
    expect(result.problems.some((p) => p.includes('in the future'))).toBe(true);
  });

  it('bytes that are not a SignedData give a problem, not an exception', async () => {
    const result = await verifyDetached(new TextEncoder().encode('not a signature'), content, { now: new Date() });
    expect(result.valid).toBe(false);
    expect(result.problems[0]).toMatch(/not a CMS SignedData/);
  });
});

describe('CMS enveloped data', { timeout: 60_000 }, () => {
  const secret = new TextEncoder().encode('{"password":"Mật-khẩu-bí-mật-2026","imap":"mail.binhphuoc.gov.vn"}');

  it('round-trips: an envelope for Bob opens with Bob’s key and does not contain the plaintext', async () => {
    const envelope = await envelopeFor(secret, bob.cert, { now: new Date() });
    expect(Buffer.from(envelope).includes(Buffer.from('Mật-khẩu'))).toBe(false);
    const opened = await openEnvelope(envelope, await bob.service.decryptor());
    expect(new TextDecoder().decode(opened)).toBe(new TextDecoder().decode(secret));
  });

  it('accepts the recipient certificate as PEM too', async () => {
    const envelope = await envelopeFor(secret, new TextEncoder().encode(toPem(bob.cert)), { now: new Date() });
    expect(await openEnvelope(envelope, await bob.service.decryptor())).toEqual(secret);
  });

  it('opening with the wrong identity fails with DECRYPT_FAILED', async () => {
    const envelope = await envelopeFor(secret, bob.cert, { now: new Date() });
    await expect(openEnvelope(envelope, await alice.service.decryptor())).rejects.toMatchObject({
      code: 'DECRYPT_FAILED',
    });
    // Even when the wrong key claims Bob's certificate, the unwrap fails: still DECRYPT_FAILED.
    const aliceKeyAsBob = await alice.service.decryptor();
    const impostor = { certificate: bob.cert, unwrapKey: aliceKeyAsBob.unwrapKey.bind(aliceKeyAsBob) };
    await expect(openEnvelope(envelope, impostor)).rejects.toMatchObject({ code: 'DECRYPT_FAILED' });
  });

  it('bytes that are not an EnvelopedData are PACKAGE_INVALID; a signature is not an envelope either', async () => {
    const decryptor = await bob.service.decryptor();
    await expect(openEnvelope(new Uint8Array([1, 2, 3]), decryptor)).rejects.toMatchObject({
      code: 'PACKAGE_INVALID',
    });
    const signature = await signDetached(content, bob.signer, { signingTime: new Date() });
    await expect(openEnvelope(signature, decryptor)).rejects.toMatchObject({ code: 'PACKAGE_INVALID' });
  });

  it('refuses a recipient certificate that is not RSA or is signature-only (CERTIFICATE_INVALID)', async () => {
    const ec = opensslSelfSigned(['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], []);
    await expect(envelopeFor(secret, ec, { now: new Date() })).rejects.toMatchObject({ code: 'CERTIFICATE_INVALID' });
    const signOnly = opensslSelfSigned(['-newkey', 'rsa:2048'], ['-addext', 'keyUsage=critical,digitalSignature']);
    expect(certificateInfo(parseCertificates(signOnly)[0] as Uint8Array).canEncrypt).toBe(false);
    await expect(envelopeFor(secret, signOnly, { now: new Date() })).rejects.toMatchObject({
      code: 'CERTIFICATE_INVALID',
    });
  });
});

describe('certificates', { timeout: 60_000 }, () => {
  it('the fingerprint equals `openssl x509 -fingerprint -sha256`', () => {
    for (const cert of [alice.cert, bob.cert]) {
      const out = spawnSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], {
        input: toPem(cert),
        encoding: 'utf8',
      });
      expect(out.status).toBe(0);
      const expected = out.stdout.trim().split('=')[1];
      expect(expected).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      expect(sha256Fingerprint(cert)).toBe(expected);
      expect(certificateInfo(cert).sha256Fingerprint).toBe(expected);
    }
  });

  it('describes the app-made certificate as the brief asks (RSA-3072, names, key usage, self-signed)', () => {
    const info = certificateInfo(alice.cert);
    expect(info).toMatchObject({
      commonName: 'Nguyễn Văn An',
      title: 'Chánh Văn phòng',
      organization: 'Văn phòng UBND tỉnh Bình Phước',
      email: 'an.nv@binhphuoc.gov.vn',
      keyAlgorithm: 'RSA-3072',
      selfSigned: true,
      canEncrypt: true,
    });
    const text = spawnSync('openssl', ['x509', '-noout', '-text'], { input: toPem(alice.cert), encoding: 'utf8' });
    expect(text.stdout).toContain('Digital Signature, Non Repudiation, Key Encipherment');
    expect(text.stdout).toContain('E-mail Protection');
    expect(text.stdout).toContain('email:an.nv@binhphuoc.gov.vn');
    expect(text.stdout).toContain('Public-Key: (3072 bit)');
    const years = (Date.parse(info.notAfter) - Date.parse(info.notBefore)) / (365.25 * 24 * 3600 * 1000);
    expect(years).toBeGreaterThan(4.9);
    expect(years).toBeLessThan(5.1);
  });

  it('parses PEM bundles and DER, and refuses anything else with CERTIFICATE_INVALID', () => {
    const bundle = new TextEncoder().encode(`junk before\n${toPem(alice.cert)}${toPem(bob.cert)}`);
    expect(parseCertificates(bundle).map(sha256Fingerprint)).toEqual([
      sha256Fingerprint(alice.cert),
      sha256Fingerprint(bob.cert),
    ]);
    expect(parseCertificates(alice.cert)).toHaveLength(1);
    expect(() => parseCertificates(new TextEncoder().encode('hello'))).toThrow(
      expect.objectContaining({ code: 'CERTIFICATE_INVALID' }),
    );
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    expect(() => parseCertificates(new TextEncoder().encode(key as string))).toThrow(
      expect.objectContaining({ code: 'CERTIFICATE_INVALID' }),
    );
  });
});

/** A throwaway self-signed certificate made by OpenSSL itself (DER). */
function opensslSelfSigned(keyArgs: string[], extra: string[]): Uint8Array {
  const { dir, cleanup } = tempDir('um-cms-openssl-');
  cleanups.push(cleanup);
  const out = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      ...keyArgs,
      '-nodes',
      '-keyout',
      `${dir}/key.pem`,
      '-subj',
      '/CN=Thử nghiệm',
      '-utf8',
      '-days',
      '2',
      '-outform',
      'DER',
      ...extra,
    ],
    { encoding: 'buffer' },
  );
  if (out.status !== 0) throw new Error(`openssl req failed: ${out.stderr.toString()}`);
  return new Uint8Array(out.stdout);
}
