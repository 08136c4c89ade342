// X.509 certificates as people and the CMS code need them: parsed from whatever
// file a user picks (PEM bundle, DER, .p7b), described for comparison by phone or
// on paper, and checked for what they may be used for.
import { X509Certificate, createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../errors/app-error.ts';
import { OID } from '../cms/oids.ts';
import { toArrayBuffer } from '../cms/pkijs-engine.ts';
import type { CertificateInfo } from './signer.ts';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** PEM (one or many certificates, or a PKCS#7 bundle) or DER → DER certificates, in file order. */
export function parseCertificates(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const found: Uint8Array[] = [];
  if (text.includes('-----BEGIN ')) {
    for (const match of text.matchAll(PEM_BLOCK)) {
      const label = match[1] as string;
      const body = (match[2] as string).replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/=]*$/.test(body)) throw invalid(`PEM block "${label}" is not base64`);
      const der = new Uint8Array(Buffer.from(body, 'base64'));
      if (label === 'CERTIFICATE' || label === 'X509 CERTIFICATE') found.push(checkedCertificate(der));
      else if (label === 'PKCS7' || label === 'CMS') found.push(...certificatesOfPkcs7(der));
    }
  } else if (bytes.length > 0) {
    found.push(...certificatesOfDer(bytes));
  }
  if (found.length === 0) throw invalid('no X.509 certificate found (expected PEM or DER)');
  return found;
}

/** The SHA-256 of the DER as `openssl x509 -fingerprint -sha256` prints it: 'AB:CD:…'. */
export function sha256Fingerprint(der: Uint8Array): string {
  const hex = createHash('sha256').update(der).digest('hex').toUpperCase();
  return (hex.match(/../g) as string[]).join(':');
}

/** The first certificate of a PEM bundle, a DER file or a .p7b: the leaf, by convention. */
export function leafCertificate(bytes: Uint8Array): Uint8Array {
  return parseCertificates(bytes)[0] as Uint8Array;
}

/**
 * Throws CERTIFICATE_INVALID (with the caller's words) unless `der` is the certificate whose
 * fingerprint a person compared, by phone or on paper: what is sealed to must be that very one.
 * Separators and case of the compared fingerprint do not count.
 */
export function requireComparedFingerprint(
  der: Uint8Array,
  compared: string,
  refusal: { detail: string; messageVi: string },
): void {
  const normalised = (fp: string) => fp.replace(/[^0-9a-f]/gi, '').toUpperCase();
  if (normalised(sha256Fingerprint(der)) !== normalised(compared)) {
    throw new AppError('CERTIFICATE_INVALID', refusal.detail, { messageVi: refusal.messageVi });
  }
}

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export function certificateInfo(der: Uint8Array): CertificateInfo {
  const cert = decodeCertificate(der);
  const x509 = new X509Certificate(der);
  const usage = keyUsage(cert);
  return {
    subject: formatName(cert.subject),
    commonName: nameAttribute(cert.subject, OID.commonName) ?? '',
    email: nameAttribute(cert.subject, OID.emailAddress) ?? subjectAltEmail(cert),
    title: nameAttribute(cert.subject, OID.title),
    organization: nameAttribute(cert.subject, OID.organization),
    issuer: formatName(cert.issuer),
    serialNumber: serialHex(cert),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    selfSigned: isSelfSigned(cert, x509),
    sha256Fingerprint: sha256Fingerprint(der),
    keyAlgorithm: keyAlgorithmName(x509),
    canEncrypt:
      cert.subjectPublicKeyInfo.algorithm.algorithmId === OID.rsaEncryption &&
      (usage === null || usage.has('keyEncipherment')),
  };
}

// ---- helpers shared with the CMS and identity code ----

/** DER → pkijs Certificate; CERTIFICATE_INVALID unless the bytes are exactly one certificate. */
export function decodeCertificate(der: Uint8Array): pkijs.Certificate {
  const asn1 = asn1js.fromBER(toArrayBuffer(der));
  if (asn1.offset === -1 || asn1.offset !== der.byteLength) throw invalid('not a DER-encoded certificate');
  try {
    return new pkijs.Certificate({ schema: asn1.result });
  } catch (e) {
    throw invalid(`not an X.509 certificate: ${(e as Error).message}`);
  }
}

export const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageName = (typeof KEY_USAGE_BITS)[number];

/** The key usages a certificate allows, or null when it has no keyUsage extension (no restriction). */
export function keyUsage(cert: pkijs.Certificate): Set<KeyUsageName> | null {
  const ext = cert.extensions?.find((e) => e.extnID === OID.keyUsage);
  if (!ext) return null;
  const asn1 = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView);
  if (!(asn1.result instanceof asn1js.BitString)) throw invalid('malformed keyUsage extension');
  const bytes = asn1.result.valueBlock.valueHexView;
  const usages = new Set<KeyUsageName>();
  KEY_USAGE_BITS.forEach((name, bit) => {
    const byte = bytes[bit >> 3];
    if (byte !== undefined && (byte & (0x80 >> (bit & 7))) !== 0) usages.add(name);
  });
  return usages;
}

/** Whether basicConstraints says this certificate is a CA. */
export function isCa(cert: pkijs.Certificate): boolean {
  const ext = cert.extensions?.find((e) => e.extnID === OID.basicConstraints);
  return ext?.parsedValue instanceof pkijs.BasicConstraints && ext.parsedValue.cA === true;
}

/** Subject Key Identifier bytes, if the certificate has the extension. */
export function subjectKeyIdentifier(cert: pkijs.Certificate): Uint8Array | null {
  const ext = cert.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier);
  return ext?.parsedValue instanceof asn1js.OctetString
    ? new Uint8Array(ext.parsedValue.valueBlock.valueHexView)
    : null;
}

/** Self-signed: issuer equals subject and the certificate's own key verifies its signature. */
export function isSelfSigned(cert: pkijs.Certificate, x509: X509Certificate): boolean {
  if (!cert.issuer.isEqual(cert.subject)) return false;
  try {
    return x509.verify(x509.publicKey);
  } catch {
    return false;
  }
}

/** `issuer` issued `subject`: names chain and the issuer's key verifies the subject's signature. */
export function issuedBy(subject: Uint8Array, issuer: Uint8Array): boolean {
  const s = decodeCertificate(subject);
  const i = decodeCertificate(issuer);
  if (!s.issuer.isEqual(i.subject)) return false;
  try {
    return new X509Certificate(subject).verify(new X509Certificate(issuer).publicKey);
  } catch {
    return false;
  }
}

export function serialHex(cert: pkijs.Certificate): string {
  const bytes = cert.serialNumber.valueBlock.valueHexView;
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return Buffer.from(bytes.subarray(start)).toString('hex').toUpperCase();
}

export function keyAlgorithmName(x509: X509Certificate): string {
  const key = x509.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return `RSA-${details.modulusLength ?? '?'}`;
    case 'rsa-pss':
      return `RSA-PSS-${details.modulusLength ?? '?'}`;
    case 'ec':
      return (
        { prime256v1: 'ECDSA-P256', secp384r1: 'ECDSA-P384', secp521r1: 'ECDSA-P521' }[details.namedCurve ?? ''] ??
        `EC-${details.namedCurve ?? '?'}`
      );
    default:
      return key.asymmetricKeyType ?? 'unknown';
  }
}

export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => `${SHORT_NAMES[tv.type] ?? tv.type}=${attributeText(tv.value).replace(/([,+\\])/g, '\\$1')}`)
    .join(', ');
}

export function nameAttribute(name: pkijs.RelativeDistinguishedNames, oid: string): string | null {
  const tv = name.typesAndValues.find((t) => t.type === oid);
  return tv ? attributeText(tv.value) : null;
}

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

function attributeText(value: unknown): string {
  const block = (value as { valueBlock?: { value?: unknown } }).valueBlock;
  if (typeof block?.value === 'string') return block.value.normalize('NFC');
  const raw = (value as asn1js.BaseBlock).toBER?.(false);
  return raw ? `#${Buffer.from(raw).toString('hex')}` : '';
}

function subjectAltEmail(cert: pkijs.Certificate): string | null {
  const ext = cert.extensions?.find((e) => e.extnID === OID.subjectAltName);
  if (!(ext?.parsedValue instanceof pkijs.AltName)) return null;
  const rfc822 = ext.parsedValue.altNames.find((n) => n.type === 1);
  return typeof rfc822?.value === 'string' ? rfc822.value : null;
}

function checkedCertificate(der: Uint8Array): Uint8Array {
  decodeCertificate(der);
  try {
    new X509Certificate(der);
  } catch (e) {
    throw invalid(`certificate rejected by OpenSSL: ${(e as Error).message}`);
  }
  return der;
}

/** One DER object: a certificate, or a PKCS#7/CMS SignedData carrying certificates (.p7b/.p7c). */
function certificatesOfDer(bytes: Uint8Array): Uint8Array[] {
  const asn1 = asn1js.fromBER(toArrayBuffer(bytes));
  if (asn1.offset === -1) throw invalid('neither PEM nor DER');
  const first = asn1.result;
  if (first instanceof asn1js.Sequence && first.valueBlock.value[0] instanceof asn1js.ObjectIdentifier)
    return certificatesOfPkcs7(bytes);
  return [checkedCertificate(new Uint8Array(bytes))];
}

function certificatesOfPkcs7(der: Uint8Array): Uint8Array[] {
  let content: asn1js.Sequence;
  try {
    const info = pkijs.ContentInfo.fromBER(toArrayBuffer(der));
    if (info.contentType !== OID.signedData) throw new Error(`content type ${info.contentType}`);
    content = info.content as asn1js.Sequence;
  } catch (e) {
    throw invalid(`not a PKCS#7 certificate bundle: ${(e as Error).message}`);
  }
  return rawCertificatesOfSignedData(content).map(checkedCertificate);
}

/**
 * The exact DER of each certificate in a SignedData's `certificates [0]`, as
 * received: a fingerprint must be computed over the original bytes, not a re-encoding.
 */
export function rawCertificatesOfSignedData(signedData: asn1js.Sequence): Uint8Array[] {
  const set = signedData.valueBlock.value.find(
    (b) => b.idBlock.tagClass === 3 && b.idBlock.tagNumber === 0 && b instanceof asn1js.Constructed,
  ) as asn1js.Constructed | undefined;
  if (!set) return [];
  return set.valueBlock.value
    .filter((b) => b.idBlock.tagClass === 1 && b.idBlock.tagNumber === 16)
    .map((b) => new Uint8Array(b.valueBeforeDecodeView));
}

function invalid(detail: string): AppError {
  return new AppError('CERTIFICATE_INVALID', detail);
}
