// The signing identity as the UI sees it: public facts only (never a key).
// Mirrors IdentitySummary in electron/services/identity/identity-service.ts.

/** Facts about a certificate, for comparison by phone or on paper. */
export interface CertificateInfoDto {
  subject: string;
  commonName: string;
  email: string | null;
  title: string | null;
  organization: string | null;
  issuer: string;
  /** Upper-case hex, as `openssl x509 -serial` prints it. */
  serialNumber: string;
  /** RFC 3339. */
  notBefore: string;
  notAfter: string;
  selfSigned: boolean;
  /** SHA-256 of the DER, 'AB:CD:…' upper-case, as `openssl x509 -fingerprint -sha256` prints it. */
  sha256Fingerprint: string;
  /** e.g. 'RSA-3072', 'ECDSA-P256'. */
  keyAlgorithm: string;
  /** Whether a sealed credential can be addressed to this certificate. */
  canEncrypt: boolean;
}

export type IdentitySource = 'created' | 'imported';

export interface IdentitySummaryDto {
  /** The user's own certificate. */
  info: CertificateInfoDto;
  /** Its issuers, nearest first (empty for a self-signed identity). */
  chain: CertificateInfoDto[];
  source: IdentitySource;
  /** RFC 3339: when this identity was created or imported into the app. */
  createdAt: string;
}

/** What the user types to create an identity. */
export interface IdentityCreateInput {
  name: string;
  title: string;
  unit: string;
  email: string;
}
