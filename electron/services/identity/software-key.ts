// The keychain-held private key behind the Signer and Decryptor interfaces.
import { X509Certificate, constants, createPrivateKey, createPublicKey, privateDecrypt, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { AppError } from '../errors/app-error.ts';
import type { Decryptor, Signer } from './signer.ts';

/** Reads a PKCS#8 key (PEM text or DER) and checks it is a kind a Signer can use. */
export function loadPrivateKey(pkcs8: string | Uint8Array): KeyObject {
  let key: KeyObject;
  try {
    key =
      typeof pkcs8 === 'string'
        ? createPrivateKey({ key: pkcs8, format: 'pem' })
        : createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  } catch {
    throw new AppError('IDENTITY_INVALID', 'the private key is not a readable PKCS#8 key');
  }
  signerAlgorithm(key);
  return key;
}

/** The Signer.keyAlgorithm of a key: RSA (2048 bits or more) or ECDSA P-256. */
export function signerAlgorithm(key: KeyObject): Signer['keyAlgorithm'] {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' && (details.modulusLength ?? 0) >= 2048) return 'RSA';
  if (key.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1') return 'ECDSA-P256';
  throw new AppError(
    'IDENTITY_INVALID',
    `unsupported key: ${key.asymmetricKeyType ?? '?'} ${details.modulusLength ?? details.namedCurve ?? ''} (RSA ≥ 2048 or ECDSA P-256 expected)`,
    { messageVi: 'Khóa của chứng thư số không được hỗ trợ (chỉ dùng RSA từ 2048 bit hoặc ECDSA P-256).' },
  );
}

/** Whether the private key is the one whose public half the certificate carries. */
export function keyMatchesCertificate(key: KeyObject, certificate: Uint8Array): boolean {
  const fromKey = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const fromCert = new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' });
  return fromKey.equals(fromCert);
}

export class SoftwareSigner implements Signer {
  readonly certificateChain: readonly Uint8Array[];
  readonly keyAlgorithm: Signer['keyAlgorithm'];
  private readonly key: KeyObject;

  constructor(key: KeyObject, certificateChain: readonly Uint8Array[]) {
    this.key = key;
    this.certificateChain = certificateChain;
    this.keyAlgorithm = signerAlgorithm(key);
  }

  async sign(data: Uint8Array): Promise<Uint8Array> {
    const signature =
      this.keyAlgorithm === 'RSA'
        ? sign('sha256', data, { key: this.key, padding: constants.RSA_PKCS1_PADDING })
        : sign('sha256', data, { key: this.key, dsaEncoding: 'der' });
    return new Uint8Array(signature);
  }
}

export class SoftwareDecryptor implements Decryptor {
  readonly certificate: Uint8Array;
  private readonly key: KeyObject;

  constructor(key: KeyObject, certificate: Uint8Array) {
    this.key = key;
    this.certificate = certificate;
  }

  async unwrapKey(encryptedKey: Uint8Array, hash: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'): Promise<Uint8Array> {
    if (this.key.asymmetricKeyType !== 'rsa') throw new Error('only an RSA key can unwrap');
    const oaepHash = hash.replace('-', '').toLowerCase();
    return new Uint8Array(
      privateDecrypt({ key: this.key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, encryptedKey),
    );
  }
}
