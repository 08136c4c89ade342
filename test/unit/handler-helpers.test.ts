// The helpers the handover and delegation handlers share: the leaf of a certificate file, the check
// that a certificate is the one whose fingerprint a person compared, and the file error.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { errnoCode, fileError } from '../../electron/services/errors/file-error.ts';
import {
  leafCertificate,
  requireComparedFingerprint,
  sha256Fingerprint,
  toPem,
} from '../../electron/services/identity/certificates.ts';
import { createSelfSigned } from '../../electron/services/identity/self-signed.ts';

const NOW = new Date('2026-11-02T08:00:00Z');
const person = (name: string, email: string) => ({ name, title: 'Chánh Văn phòng', unit: 'UBND tỉnh', email });
const refusal = { detail: 'not the compared certificate', messageVi: 'Chứng thư số đã khác.' };

let leaf: Uint8Array;
let other: Uint8Array;

beforeAll(async () => {
  leaf = (await createSelfSigned(person('Nguyễn Văn Hùng', 'hung@binhphuoc.gov.vn'), NOW)).certificate;
  other = (await createSelfSigned(person('Trần Thị Lan', 'lan@binhphuoc.gov.vn'), NOW)).certificate;
}, 60_000);

describe('leafCertificate', () => {
  it('takes the first certificate of a PEM bundle, or the DER itself', () => {
    const bundle = new TextEncoder().encode(toPem(leaf) + toPem(other));
    expect(leafCertificate(bundle)).toEqual(leaf);
    expect(leafCertificate(leaf)).toEqual(leaf);
  });

  it('refuses what holds no certificate, as CERTIFICATE_INVALID', () => {
    for (const bytes of [new Uint8Array(0), new TextEncoder().encode('not a certificate')]) {
      expect(() => leafCertificate(bytes)).toThrow(expect.objectContaining({ code: 'CERTIFICATE_INVALID' }));
    }
  });
});

describe('requireComparedFingerprint', () => {
  it('accepts the fingerprint as people write it: any case, any separators', () => {
    const fp = sha256Fingerprint(leaf);
    for (const written of [fp, fp.toLowerCase(), fp.replace(/:/g, ''), fp.replace(/:/g, ' ')]) {
      expect(() => requireComparedFingerprint(leaf, written, refusal)).not.toThrow();
    }
  });

  it("refuses another certificate's fingerprint, in the caller's words", () => {
    let thrown: unknown;
    try {
      requireComparedFingerprint(leaf, sha256Fingerprint(other), refusal);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).toPayload()).toEqual({
      code: 'CERTIFICATE_INVALID',
      detail: refusal.detail,
      messageVi: refusal.messageVi,
    });
  });

  it('refuses an empty or truncated fingerprint', () => {
    const fp = sha256Fingerprint(leaf);
    for (const written of ['', fp.slice(0, 20)]) {
      expect(() => requireComparedFingerprint(leaf, written, refusal)).toThrow(refusal.detail);
    }
  });
});

describe('fileError', () => {
  it('names the file by its base name and the errno code', async () => {
    const path = join('/nonexistent-dir-of-the-test', 'chung-thu.pem');
    const cause = await readFile(path).catch((e: unknown) => e);
    expect(errnoCode(cause)).toBe('ENOENT');
    const error = fileError('read', path, cause);
    expect(error.toPayload()).toMatchObject({ code: 'FILE_ERROR', detail: 'cannot read chung-thu.pem: ENOENT' });
    expect(error.cause).toBe(cause);
  });

  it('says "error" when there is no errno code', () => {
    expect(errnoCode(new Error('boom'))).toBe('error');
    expect(errnoCode('boom')).toBe('error');
  });
});
