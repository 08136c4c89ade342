// The user's signing identity: a certificate chain kept in the profile (public)
// and its private key kept only in the OS keychain, under the certificate's
// fingerprint. Signer and Decryptor hand the key to CMS code without exposing it.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type { IdentityCreateInput, IdentitySource, IdentitySummaryDto } from '../../../shared/identity.ts';
import type { Clock } from '../clock/clock.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import { secretKeys, type SecretStore } from '../keychain/secret-store.ts';
import { certificateInfo, parseCertificates, sha256Fingerprint, toPem } from './certificates.ts';
import { readPkcs12 } from './pkcs12.ts';
import { createSelfSigned } from './self-signed.ts';
import type { CertificateInfo, Decryptor, Signer } from './signer.ts';
import { SoftwareDecryptor, SoftwareSigner, keyMatchesCertificate, loadPrivateKey } from './software-key.ts';

export interface IdentitySummary {
  info: CertificateInfo;
  /** The issuers of `info`, nearest first; empty for a self-signed identity. */
  chain: CertificateInfo[];
  source: IdentitySource;
  createdAt: string;
}

// Compile-time proof that the service's summary can cross IPC as the shared DTO.
const _dtoCompatible = (s: IdentitySummary): IdentitySummaryDto => s;
void _dtoCompatible;

/** `<profile>/identity/identity.json`: public, so it holds certificates and nothing secret. */
interface IdentityRecord {
  version: 1;
  source: IdentitySource;
  createdAt: string;
  fingerprint: string;
  /** PEM, the user's certificate first. */
  certificates: string[];
}

const KEY_MISSING_VI =
  'Không tìm thấy khóa bí mật của danh tính ký số trong kho khóa của hệ điều hành. Hãy tạo mới hoặc nhập lại chứng thư số.';

export class IdentityService {
  private readonly dir: string;
  private readonly file: string;
  private readonly secrets: SecretStore;
  private readonly clock: Clock;

  constructor(deps: { profileDir: string; secrets: SecretStore; clock: Clock }) {
    this.clock = deps.clock;
    this.dir = join(deps.profileDir, 'identity');
    this.file = join(this.dir, 'identity.json');
    this.secrets = deps.secrets;
  }

  async current(): Promise<IdentitySummary | null> {
    const record = await this.read();
    return record ? summaryOf(record) : null;
  }

  /** A new RSA-3072 key and a self-signed certificate naming the person; replaces any existing identity. */
  async create(input: IdentityCreateInput): Promise<IdentitySummary> {
    const { certificate, privateKey } = await createSelfSigned(input, this.clock.now());
    return this.store('created', [certificate], privateKey);
  }

  /** A CA-issued identity from a PKCS#12 file; replaces any existing identity. The password is never kept. */
  async importP12(bytes: Uint8Array, password: string): Promise<IdentitySummary> {
    const { chain, privateKey } = await readPkcs12(bytes, password);
    const own = certificateInfo(chain[0] as Uint8Array);
    if (Date.parse(own.notAfter) < this.clock.now().getTime())
      throw new AppError('CERTIFICATE_INVALID', `the certificate expired on ${own.notAfter}`, {
        messageVi: `Chứng thư số đã hết hạn từ ${own.notAfter.slice(0, 10)}.`,
      });
    return this.store('imported', chain, privateKey);
  }

  /** The user's certificate then its chain, PEM. */
  async certificatePem(): Promise<string> {
    return (await this.require()).certificates.join('');
  }

  async signer(): Promise<Signer> {
    const { chain, key } = await this.unlock();
    return new SoftwareSigner(key, chain);
  }

  async decryptor(): Promise<Decryptor> {
    const { chain, key } = await this.unlock();
    return new SoftwareDecryptor(key, chain[0] as Uint8Array);
  }

  /** Deletes the key from the keychain first, so a failure there leaves the identity intact. */
  async remove(): Promise<void> {
    const record = await this.read();
    if (!record) return;
    await this.secrets.delete(secretKeys.identityKey(record.fingerprint));
    await rm(this.file, { force: true }).catch((e: unknown) => {
      throw fileError('delete', this.file, e);
    });
  }

  // ---- storage ----

  /**
   * Key into the keychain first, then the public record; the old key goes only
   * once the new identity is fully stored, so a failure never leaves the user
   * with neither.
   */
  private async store(source: IdentitySource, chain: Uint8Array[], key: KeyObject): Promise<IdentitySummary> {
    const previous = await this.read().catch(() => null);
    const fingerprint = sha256Fingerprint(chain[0] as Uint8Array);
    const keyName = secretKeys.identityKey(fingerprint);
    await this.secrets.set(keyName, key.export({ type: 'pkcs8', format: 'pem' }) as string);
    const record: IdentityRecord = {
      version: 1,
      source,
      createdAt: this.clock.now().toISOString(),
      fingerprint,
      certificates: chain.map((der) => toPem(der)),
    };
    try {
      await this.write(record);
    } catch (e) {
      if (previous?.fingerprint !== fingerprint) await this.secrets.delete(keyName).catch(() => false);
      throw e;
    }
    if (previous && previous.fingerprint !== fingerprint)
      // The new identity is in place; an orphaned old key is harmless, a failed "create" would not be.
      await this.secrets.delete(secretKeys.identityKey(previous.fingerprint)).catch(() => false);
    return summaryOf(record);
  }

  private async write(record: IdentityRecord): Promise<void> {
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o644 });
      await rename(temp, this.file);
    } catch (e) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw fileError('write', this.file, e);
    }
  }

  private async read(): Promise<IdentityRecord | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw fileError('read', this.file, e);
    }
    try {
      const record = JSON.parse(text) as IdentityRecord;
      if (record.version !== 1 || !Array.isArray(record.certificates) || record.certificates.length === 0)
        throw new Error('unexpected shape');
      const own = parseCertificates(new TextEncoder().encode(record.certificates[0]))[0] as Uint8Array;
      if (sha256Fingerprint(own) !== record.fingerprint) throw new Error('fingerprint does not match the certificate');
      return record;
    } catch (e) {
      throw new AppError('IDENTITY_INVALID', `${this.file} is damaged: ${(e as Error).message}`);
    }
  }

  private async require(): Promise<IdentityRecord> {
    const record = await this.read();
    if (!record) throw new AppError('IDENTITY_MISSING', 'no signing identity has been created or imported');
    return record;
  }

  private async unlock(): Promise<{ chain: Uint8Array[]; key: KeyObject }> {
    const record = await this.require();
    const chain = derChain(record);
    const pem = await this.secrets.get(secretKeys.identityKey(record.fingerprint));
    if (pem === null)
      throw new AppError('IDENTITY_MISSING', `no private key in the keychain for ${record.fingerprint}`, {
        messageVi: KEY_MISSING_VI,
      });
    let key: KeyObject;
    try {
      key = loadPrivateKey(pem);
    } catch (e) {
      if (isAppError(e))
        throw new AppError('IDENTITY_INVALID', `the keychain entry for ${record.fingerprint}: ${e.detail}`);
      throw e;
    }
    if (!keyMatchesCertificate(key, chain[0] as Uint8Array))
      throw new AppError('IDENTITY_INVALID', `the keychain key does not match certificate ${record.fingerprint}`);
    return { chain, key };
  }
}

function derChain(record: IdentityRecord): Uint8Array[] {
  return record.certificates.flatMap((pem) => parseCertificates(new TextEncoder().encode(pem)));
}

function summaryOf(record: IdentityRecord): IdentitySummary {
  const [own, ...issuers] = derChain(record);
  return {
    info: certificateInfo(own as Uint8Array),
    chain: issuers.map((der) => certificateInfo(der)),
    source: record.source,
    createdAt: record.createdAt,
  };
}

function fileError(action: 'read' | 'write' | 'delete', path: string, e: unknown): AppError {
  return new AppError('FILE_ERROR', `cannot ${action} ${path}: ${(e as Error).message}`, { cause: e });
}
