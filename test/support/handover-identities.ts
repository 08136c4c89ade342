import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { sha256Fingerprint, toPem } from '../../electron/services/identity/certificates.ts';
import { createSelfSigned } from '../../electron/services/identity/self-signed.ts';
import { SoftwareSigner } from '../../electron/services/identity/software-key.ts';
import type { RecordParty } from '../../electron/services/handover/record/record-types.ts';

/** A person with an app-made identity (RSA-3072, self-signed), held in memory for tests. */
export interface TestIdentity {
  certificate: Uint8Array;
  privateKey: KeyObject;
  signer: SoftwareSigner;
  party: RecordParty;
  /** Writes the certificate (PEM) and, when asked, the key (PKCS#8 PEM) into `dir`; returns the paths. */
  writePem(dir: string, base: string, withKey?: boolean): { cert: string; key: string | null };
}

/** `at` is the certificate's issue time (valid from a little before it, for five years). */
export async function makeIdentity(
  name: string,
  email: string,
  title = 'Chánh Văn phòng',
  at: Date = new Date(),
): Promise<TestIdentity> {
  const unit = 'Văn phòng UBND tỉnh Bình Phước';
  const { certificate, privateKey } = await createSelfSigned({ name, title, unit, email }, at);
  return {
    certificate,
    privateKey,
    signer: new SoftwareSigner(privateKey, [certificate]),
    party: { name, title, unit, email, certificateSha256: sha256Fingerprint(certificate) },
    writePem(dir, base, withKey = false) {
      const cert = join(dir, `${base}.pem`);
      writeFileSync(cert, toPem(certificate));
      let key: string | null = null;
      if (withKey) {
        key = join(dir, `${base}.key.pem`);
        writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 });
      }
      return { cert, key };
    },
  };
}
