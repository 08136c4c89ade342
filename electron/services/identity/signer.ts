// Key operations behind an interface, so a hardware token (PKCS#11) can replace
// the keychain-held software key without touching CMS, handover or delegation code.
import type { CertificateInfoDto } from '../../../shared/identity.ts';

/** What the package code needs from whoever holds a private signing key. */
export interface Signer {
  /** DER certificates: the signer's own first, then its chain (issuers), root optional. */
  readonly certificateChain: readonly Uint8Array[];
  /** Algorithm of the key: RSASSA-PKCS1-v1_5 (RSA) or ECDSA P-256, both with SHA-256. */
  readonly keyAlgorithm: 'RSA' | 'ECDSA-P256';
  /**
   * Signs `data` (for CMS: the DER of the signed attributes) with SHA-256.
   * RSA: PKCS#1 v1.5 signature. ECDSA: DER-encoded (r, s) as CMS expects.
   */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** What opening a CMS EnvelopedData needs from the recipient's key (key transport, RSA-OAEP). */
export interface Decryptor {
  /** DER certificate the envelope was addressed to. */
  readonly certificate: Uint8Array;
  /** Decrypts an RSA-OAEP wrapped content-encryption key; `hash` is the OAEP hash (e.g. 'SHA-256'). */
  unwrapKey(encryptedKey: Uint8Array, hash: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'): Promise<Uint8Array>;
}

/** Facts about a certificate shown to people: for comparison by phone or on paper (the DTO is the same shape). */
export type CertificateInfo = CertificateInfoDto;
