import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCertificates, sha256Fingerprint } from '../../electron/services/identity/certificates.ts';
import { IdentityService } from '../../electron/services/identity/identity-service.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { countInTree } from '../support/profile-scan.ts';
import { tempDir } from '../support/temp-dir.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const PERSON = {
  name: 'Nguyễn Văn An',
  title: 'Chánh Văn phòng',
  unit: 'Văn phòng UBND tỉnh Bình Phước',
  email: 'An.NV@binhphuoc.gov.vn',
};

function setup() {
  const { dir, cleanup } = tempDir('um-identity-');
  cleanups.push(cleanup);
  const secrets = new MemorySecretStore();
  return { dir, secrets, service: new IdentityService({ profileDir: dir, secrets, clock: systemClock }) };
}

/** A run of base64 from the middle of the PEM body: distinctive, and never a line break. */
function keyNeedle(pem: string): string {
  const body = pem.split('\n').filter((l) => l && !l.startsWith('-----'));
  return (body[5] as string).slice(8, 48);
}

describe('IdentityService', { timeout: 60_000 }, () => {
  it('creates an identity: key only in the keychain, certificate and metadata in identity.json', async () => {
    const { dir, secrets, service } = setup();
    expect(await service.current()).toBeNull();
    const summary = await service.create(PERSON);
    expect(summary.source).toBe('created');
    expect(summary.chain).toEqual([]);
    expect(summary.info).toMatchObject({ commonName: 'Nguyễn Văn An', email: 'an.nv@binhphuoc.gov.vn' });
    expect(await service.current()).toEqual(summary);

    const keyName = secretKeys.identityKey(summary.info.sha256Fingerprint);
    expect([...secrets.entries.keys()]).toEqual([keyName]);
    const pem = secrets.entries.get(keyName) as string;
    expect(pem).toContain('-----BEGIN PRIVATE KEY-----');
    expect(countInTree(dir, keyNeedle(pem)).count).toBe(0);
    expect(countInTree(dir, 'PRIVATE KEY').count).toBe(0);

    const record = JSON.parse(readFileSync(join(dir, 'identity', 'identity.json'), 'utf8'));
    expect(record.fingerprint).toBe(summary.info.sha256Fingerprint);
    const certs = parseCertificates(new TextEncoder().encode(await service.certificatePem()));
    expect(certs.map(sha256Fingerprint)).toEqual([summary.info.sha256Fingerprint]);
  });

  it('replacing the identity removes the old key only after the new one is stored', async () => {
    const { secrets, service } = setup();
    const first = await service.create(PERSON);
    const second = await service.create({ ...PERSON, name: 'Trần Thị Bình' });
    expect(second.info.sha256Fingerprint).not.toBe(first.info.sha256Fingerprint);
    expect([...secrets.entries.keys()]).toEqual([secretKeys.identityKey(second.info.sha256Fingerprint)]);
    expect((await service.signer()).certificateChain.map(sha256Fingerprint)).toEqual([second.info.sha256Fingerprint]);
  });

  it('keychain unavailable: KEYCHAIN_UNAVAILABLE, nothing written, the previous identity intact', async () => {
    const { dir, secrets, service } = setup();
    const first = await service.create(PERSON);
    const before = readFileSync(join(dir, 'identity', 'identity.json'), 'utf8');
    secrets.available = false;
    await expect(service.create({ ...PERSON, name: 'Trần Thị Bình' })).rejects.toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
    });
    expect(readFileSync(join(dir, 'identity', 'identity.json'), 'utf8')).toBe(before);
    expect(countInTree(dir, 'PRIVATE KEY').count).toBe(0);
    await expect(service.signer()).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    secrets.available = true;
    expect((await service.current())?.info.sha256Fingerprint).toBe(first.info.sha256Fingerprint);

    const fresh = setup();
    fresh.secrets.available = false;
    await expect(fresh.service.create(PERSON)).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(existsSync(join(fresh.dir, 'identity', 'identity.json'))).toBe(false);
  });

  it('IDENTITY_MISSING without an identity, or when its key is gone from the keychain', async () => {
    const { secrets, service } = setup();
    await expect(service.signer()).rejects.toMatchObject({ code: 'IDENTITY_MISSING' });
    await expect(service.decryptor()).rejects.toMatchObject({ code: 'IDENTITY_MISSING' });
    await expect(service.certificatePem()).rejects.toMatchObject({ code: 'IDENTITY_MISSING' });
    const summary = await service.create(PERSON);
    secrets.entries.delete(secretKeys.identityKey(summary.info.sha256Fingerprint));
    await expect(service.signer()).rejects.toMatchObject({ code: 'IDENTITY_MISSING' });
  });

  it('a keychain key that does not match the certificate is IDENTITY_INVALID', async () => {
    const a = setup();
    const b = setup();
    const mine = await a.service.create(PERSON);
    const other = await b.service.create(PERSON);
    const otherKey = b.secrets.entries.get(secretKeys.identityKey(other.info.sha256Fingerprint)) as string;
    a.secrets.entries.set(secretKeys.identityKey(mine.info.sha256Fingerprint), otherKey);
    await expect(a.service.signer()).rejects.toMatchObject({ code: 'IDENTITY_INVALID' });
  });

  it('remove() deletes the key and the record', async () => {
    const { dir, secrets, service } = setup();
    await service.create(PERSON);
    await service.remove();
    expect(await service.current()).toBeNull();
    expect(secrets.entries.size).toBe(0);
    expect(existsSync(join(dir, 'identity', 'identity.json'))).toBe(false);
  });

  it('refuses empty or oversized names and a bad e-mail with VALIDATION, in Vietnamese', async () => {
    const { secrets, service } = setup();
    await expect(service.create({ ...PERSON, name: '  ' })).rejects.toMatchObject({
      code: 'VALIDATION',
      messageVi: 'Họ và tên phải có từ 1 đến 64 ký tự.',
    });
    await expect(service.create({ ...PERSON, unit: 'x'.repeat(65) })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(service.create({ ...PERSON, email: 'an nv@binhphuoc' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(secrets.entries.size).toBe(0);
  });

  it('a damaged identity.json is IDENTITY_INVALID, not a crash', async () => {
    const { dir, service } = setup();
    await service.create(PERSON);
    const file = join(dir, 'identity', 'identity.json');
    const record = JSON.parse(readFileSync(file, 'utf8'));
    record.fingerprint = 'AA:BB';
    await import('node:fs/promises').then((fs) => fs.writeFile(file, JSON.stringify(record)));
    await expect(service.current()).rejects.toMatchObject({ code: 'IDENTITY_INVALID' });
  });
});
