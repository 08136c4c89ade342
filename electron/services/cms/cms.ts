// CMS (RFC 5652) as the handover package needs it: a detached SignedData that
// `openssl cms -verify` accepts, and an EnvelopedData that `openssl cms -decrypt`
// and Windows open. Private-key operations go through Signer/Decryptor, so a
// PKCS#11 token can stand in for the keychain-held key.
import { X509Certificate, createDecipheriv, createHash, verify as verifySignature } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError, isAppError } from '../errors/app-error.ts';
import {
  certificateInfo,
  decodeCertificate,
  isCa,
  isSelfSigned,
  issuedBy,
  keyUsage,
  parseCertificates,
  rawCertificatesOfSignedData,
  sha256Fingerprint,
  subjectKeyIdentifier,
} from '../identity/certificates.ts';
import type { CertificateInfo, Decryptor, Signer } from '../identity/signer.ts';
import { DIGEST_BY_OID, OID } from './oids.ts';
import { ensurePkijsEngine, toArrayBuffer } from './pkijs-engine.ts';

export interface SignatureVerification {
  /** The signature matches the content AND the chain is trusted (or the signer is self-signed). */
  valid: boolean;
  /** The mathematics alone: digest and signature check out with the enclosed signer certificate. */
  signatureValid: boolean;
  signer: CertificateInfo | null;
  chain: 'trusted' | 'self-signed' | 'untrusted';
  /** RFC 3339, from the signingTime attribute. */
  signingTime: string | null;
  /** English, specific; empty when valid. */
  problems: string[];
}

/** Signing time claims further ahead than this are treated as forged (clock skew allowance). */
const FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;
const MAX_CHAIN = 10;

/**
 * Detached CMS SignedData (no eContent) over `content`, SHA-256, with the
 * CAdES-BES signed attributes: contentType, signingTime, messageDigest and
 * signingCertificateV2. The signer signs the DER SET OF those attributes.
 */
export async function signDetached(
  content: Uint8Array,
  signer: Signer,
  opts: { signingTime: Date },
): Promise<Uint8Array> {
  const leafDer = signer.certificateChain[0];
  if (!leafDer) throw new AppError('CERTIFICATE_INVALID', 'the signer has no certificate');
  const leaf = decodeCertificate(leafDer);
  const signingTime = new Date(Math.floor(opts.signingTime.getTime() / 1000) * 1000);

  const attributes = sortSetOf([
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.signingTime, asn1Time(signingTime)),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: sha('sha256', content) })),
    attribute(OID.signingCertificateV2, signingCertificateV2(leafDer, leaf)),
  ]);
  const signedAttrsDer = new Uint8Array(new asn1js.Set({ value: attributes }).toBER(false));
  const signature = await signer.sign(signedAttrsDer);

  const signerInfo = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }),
      new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }).toSchema(),
      algorithm(OID.sha256),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: attributes }),
      signer.keyAlgorithm === 'RSA' ? algorithm(OID.rsaEncryption, new asn1js.Null()) : algorithm(OID.ecdsaWithSha256),
      new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
    ],
  });
  const signedData = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }),
      new asn1js.Set({ value: [algorithm(OID.sha256)] }),
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: signer.certificateChain.map((der) => asn1js.fromBER(toArrayBuffer(der)).result),
      }),
      new asn1js.Set({ value: [signerInfo] }),
    ],
  });
  return new Uint8Array(contentInfo(OID.signedData, signedData).toBER(false));
}

/**
 * Checks a detached signature over `content`. Without trustedCertificates a
 * self-signed signer is accepted (chain 'self-signed': compare its fingerprint);
 * with them, the chain must lead to one of them. Never throws for a bad
 * signature: every finding is in `problems`.
 */
export async function verifyDetached(
  signature: Uint8Array,
  content: Uint8Array,
  opts: {
    /** The verifier's now: the signing time may not lie beyond it, and without one validity is checked at it. */
    now: Date;
    trustedCertificates?: Uint8Array[];
  },
): Promise<SignatureVerification> {
  const problems: string[] = [];
  const result = (partial: Partial<SignatureVerification>): SignatureVerification => {
    const out: SignatureVerification = {
      valid: false,
      signatureValid: false,
      signer: null,
      chain: 'untrusted',
      signingTime: null,
      problems,
      ...partial,
    };
    out.valid = out.signatureValid && out.chain !== 'untrusted' && problems.length === 0;
    return out;
  };

  let signedData: pkijs.SignedData;
  let included: Uint8Array[];
  try {
    const info = pkijs.ContentInfo.fromBER(toArrayBuffer(signature));
    if (info.contentType !== OID.signedData) throw new Error(`content type is ${info.contentType}`);
    // Raw certificates first: pkijs rewrites tags in the tree it parses.
    included = rawCertificatesOfSignedData(info.content as asn1js.Sequence);
    signedData = new pkijs.SignedData({ schema: info.content });
  } catch (e) {
    problems.push(`the signature is not a CMS SignedData structure (${(e as Error).message})`);
    return result({});
  }

  if (signedData.signerInfos.length !== 1)
    problems.push(`expected exactly one signer, found ${signedData.signerInfos.length}`);
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) return result({});

  const trusted = (opts.trustedCertificates ?? []).flatMap((t) => parseCertificates(t));
  const signerDer = findSignerCertificate(signerInfo, [...included, ...trusted]);
  if (!signerDer) {
    problems.push("the signer's certificate is not included in the signature");
    return result({});
  }
  const signer = certificateInfo(signerDer);
  const signerCert = decodeCertificate(signerDer);

  // The mathematics: digest over the content, signature over the signed attributes.
  const digestName = DIGEST_BY_OID[signerInfo.digestAlgorithm.algorithmId];
  let signatureValid = false;
  let signingTime: Date | null = null;
  if (!digestName || digestName === 'sha1') {
    problems.push(`unsupported digest algorithm ${signerInfo.digestAlgorithm.algorithmId}`);
  } else {
    let signedBytes: Uint8Array = content;
    let attributesOk = true;
    const attrs = signerInfo.signedAttrs;
    if (attrs) {
      signedBytes = new Uint8Array(attrs.encodedValue);
      const contentType = single(attrs.attributes, OID.contentType);
      if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.getValue() !== OID.data) {
        problems.push('the contentType signed attribute is missing or is not id-data');
        attributesOk = false;
      }
      const digest = single(attrs.attributes, OID.messageDigest);
      if (!(digest instanceof asn1js.OctetString)) {
        problems.push('the messageDigest signed attribute is missing');
        attributesOk = false;
      } else if (!bytesEqual(digest.valueBlock.valueHexView, sha(digestName, content))) {
        problems.push('signature does not match the content (message digest differs)');
        attributesOk = false;
      }
      const time = single(attrs.attributes, OID.signingTime);
      if (time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime) signingTime = time.toDate();
      const essProblem = checkSigningCertificateV2(attrs.attributes, signerDer, signerCert);
      if (essProblem) {
        problems.push(essProblem);
        attributesOk = false;
      }
    }
    const mathOk = checkSignatureValue(signerInfo, digestName, signedBytes, signerDer, problems);
    if (!mathOk) problems.push("the signature does not verify with the signer's certificate");
    signatureValid = attributesOk && mathOk;
  }

  // What the certificate may do, and when.
  const at = signingTime ?? opts.now;
  if (signingTime && signingTime.getTime() > opts.now.getTime() + FUTURE_SKEW_MS)
    problems.push(`the signing time ${signingTime.toISOString()} is in the future`);
  const validity = validityProblem(signerCert, at, "the signer's certificate");
  if (validity) problems.push(validity);
  const usage = keyUsage(signerCert);
  if (usage && !usage.has('digitalSignature') && !usage.has('nonRepudiation'))
    problems.push("the signer's certificate key usage does not allow signing");

  const chain = evaluateChain(signerDer, included, trusted, at, problems);
  return result({
    signatureValid,
    signer,
    chain,
    signingTime: signingTime ? signingTime.toISOString() : null,
  });
}

/**
 * CMS EnvelopedData for one recipient: AES-256-CBC content, the key wrapped
 * with RSA-OAEP (SHA-256). AES-CBC rather than GCM because Windows'
 * Unprotect-CmsMessage opens it.
 */
export async function envelopeFor(
  content: Uint8Array,
  recipientCertificate: Uint8Array,
  opts: { now: Date },
): Promise<Uint8Array> {
  ensurePkijsEngine();
  const der = parseCertificates(recipientCertificate)[0] as Uint8Array;
  const cert = decodeCertificate(der);
  const who = `recipient certificate ${sha256Fingerprint(der)}`;
  if (cert.subjectPublicKeyInfo.algorithm.algorithmId !== OID.rsaEncryption)
    throw new AppError('CERTIFICATE_INVALID', `${who} has no RSA key: sealing needs RSA key transport`, {
      messageVi:
        'Chứng thư số của người nhận không dùng khóa RSA nên không niêm phong được. Người nhận cần một chứng thư RSA.',
    });
  const usage = keyUsage(cert);
  if (usage && !usage.has('keyEncipherment'))
    throw new AppError('CERTIFICATE_INVALID', `${who} key usage forbids keyEncipherment (signature-only)`, {
      messageVi:
        'Chứng thư số của người nhận chỉ dùng để ký, không dùng để mã hóa. Người nhận cần tạo danh tính có khả năng mã hóa.',
    });
  const expired = validityProblem(cert, opts.now, who);
  if (expired) throw new AppError('CERTIFICATE_INVALID', expired);

  const enveloped = new pkijs.EnvelopedData();
  enveloped.addRecipientByCertificate(cert, { oaepHashAlgorithm: 'SHA-256' }, 1);
  await enveloped.encrypt(
    { name: 'AES-CBC', length: 256 } as Parameters<pkijs.EnvelopedData['encrypt']>[0],
    toArrayBuffer(content),
  );
  return new Uint8Array(contentInfo(OID.envelopedData, enveloped.toSchema()).toBER(false));
}

/**
 * Opens an EnvelopedData addressed to the decryptor's certificate. The key
 * unwrap is the decryptor's (a token can do it); AES-CBC is done here.
 */
export async function openEnvelope(envelope: Uint8Array, decryptor: Decryptor): Promise<Uint8Array> {
  let enveloped: pkijs.EnvelopedData;
  try {
    const info = pkijs.ContentInfo.fromBER(toArrayBuffer(envelope));
    if (info.contentType !== OID.envelopedData) throw new Error(`content type is ${info.contentType}`);
    enveloped = new pkijs.EnvelopedData({ schema: info.content });
  } catch (e) {
    throw new AppError('PACKAGE_INVALID', `not a CMS EnvelopedData: ${(e as Error).message}`);
  }
  const me = decodeCertificate(decryptor.certificate);
  const mine = enveloped.recipientInfos
    .map((r) => r.value)
    .find((v): v is pkijs.KeyTransRecipientInfo => v instanceof pkijs.KeyTransRecipientInfo && ridMatches(v.rid, me));
  if (!mine)
    throw new AppError(
      'DECRYPT_FAILED',
      `no recipient of the envelope matches certificate ${sha256Fingerprint(decryptor.certificate)}`,
    );

  const hash = oaepHash(mine.keyEncryptionAlgorithm);
  let key: Uint8Array;
  try {
    key = await decryptor.unwrapKey(new Uint8Array(mine.encryptedKey.valueBlock.valueHexView), hash);
  } catch (e) {
    // A token or keychain failure is its own error; anything else means "not your key".
    if (isAppError(e)) throw e;
    throw new AppError('DECRYPT_FAILED', 'the content-encryption key could not be unwrapped with this key');
  }

  const eci = enveloped.encryptedContentInfo;
  const cipherName = AES_CBC[eci.contentEncryptionAlgorithm.algorithmId];
  if (!cipherName)
    throw new AppError(
      'PACKAGE_INVALID',
      `unsupported content encryption ${eci.contentEncryptionAlgorithm.algorithmId} (AES-CBC expected)`,
    );
  const iv = eci.contentEncryptionAlgorithm.algorithmParams;
  if (!(iv instanceof asn1js.OctetString) || iv.valueBlock.valueHexView.length !== 16)
    throw new AppError('PACKAGE_INVALID', 'the AES-CBC initialisation vector is missing or malformed');
  if (!eci.encryptedContent) throw new AppError('PACKAGE_INVALID', 'the envelope has no encrypted content');
  if (key.length !== cipherName.keyLength)
    throw new AppError('DECRYPT_FAILED', 'the unwrapped key has the wrong length for the content cipher');
  try {
    const decipher = createDecipheriv(cipherName.name, key, iv.valueBlock.valueHexView);
    const ciphertext = new Uint8Array(eci.getEncryptedContent());
    return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
  } catch {
    throw new AppError('DECRYPT_FAILED', 'the content did not decrypt with the unwrapped key (bad padding)');
  } finally {
    key.fill(0);
  }
}

// ---- signing helpers ----

function attribute(type: string, value: asn1js.BaseBlock): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [new asn1js.ObjectIdentifier({ value: type }), new asn1js.Set({ value: [value] })],
  });
}

function algorithm(oid: string, params?: asn1js.BaseBlock): asn1js.Sequence {
  return new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid }), ...(params ? [params] : [])] });
}

function contentInfo(type: string, content: asn1js.BaseBlock): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: type }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [content] }),
    ],
  });
}

/** RFC 5280 time rule: UTCTime through 2049, GeneralizedTime after. */
function asn1Time(date: Date): asn1js.UTCTime | asn1js.GeneralizedTime {
  return date.getUTCFullYear() < 2050
    ? new asn1js.UTCTime({ valueDate: date })
    : new asn1js.GeneralizedTime({ valueDate: date });
}

/**
 * SigningCertificateV2 (RFC 5035) binds the signer's certificate into what is
 * signed, so swapping in another certificate with the same key breaks the
 * signature. hashAlgorithm is omitted: SHA-256 is its DER default.
 */
function signingCertificateV2(leafDer: Uint8Array, leaf: pkijs.Certificate): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [leaf.issuer.toSchema()] })],
      }),
      leaf.serialNumber,
    ],
  });
  const essCertId = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: sha('sha256', leafDer) }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] });
}

/** DER orders a SET OF by the encodings of its elements. */
function sortSetOf(blocks: asn1js.BaseBlock[]): asn1js.BaseBlock[] {
  const encoded = blocks.map((b) => ({ b, der: new Uint8Array(b.toBER(false)) }));
  encoded.sort((x, y) => Buffer.compare(x.der, y.der));
  return encoded.map((e) => asn1js.fromBER(toArrayBuffer(e.der)).result);
}

// ---- verification helpers ----

function sha(name: DigestName, data: Uint8Array): ArrayBuffer {
  return toArrayBuffer(createHash(name).update(data).digest());
}

function bytesEqual(a: Uint8Array | ArrayBuffer, b: Uint8Array | ArrayBuffer): boolean {
  return Buffer.from(a instanceof Uint8Array ? a : new Uint8Array(a)).equals(
    Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)),
  );
}

function single(attributes: pkijs.Attribute[], type: string): unknown {
  const found = attributes.filter((a) => a.type === type);
  return found.length === 1 && found[0]?.values.length === 1 ? found[0].values[0] : undefined;
}

function findSignerCertificate(info: pkijs.SignerInfo, candidates: Uint8Array[]): Uint8Array | undefined {
  return candidates.find((der) => {
    try {
      return ridMatches(info.sid, decodeCertificate(der));
    } catch {
      return false;
    }
  });
}

/** IssuerAndSerialNumber or [0] SubjectKeyIdentifier, as in SignerIdentifier and RecipientIdentifier. */
function ridMatches(rid: unknown, cert: pkijs.Certificate): boolean {
  if (rid instanceof pkijs.IssuerAndSerialNumber)
    return rid.issuer.isEqual(cert.issuer) && rid.serialNumber.isEqual(cert.serialNumber);
  const ski = subjectKeyIdentifier(cert);
  if (!ski) return false;
  const block = rid as asn1js.BaseBlock | undefined;
  const bytes =
    block instanceof asn1js.OctetString
      ? block.valueBlock.valueHexView
      : block instanceof asn1js.Primitive
        ? block.valueBlock.valueHexView
        : null;
  return bytes !== null && bytesEqual(bytes, ski);
}

function checkSigningCertificateV2(
  attributes: pkijs.Attribute[],
  signerDer: Uint8Array,
  signerCert: pkijs.Certificate,
): string | null {
  if (!attributes.some((a) => a.type === OID.signingCertificateV2)) return null;
  try {
    const value = single(attributes, OID.signingCertificateV2) as asn1js.Sequence;
    const certs = value.valueBlock.value[0] as asn1js.Sequence;
    const first = certs.valueBlock.value[0] as asn1js.Sequence;
    const parts = first.valueBlock.value;
    let hashName: DigestName = 'sha256';
    let index = 0;
    if (parts[0] instanceof asn1js.Sequence) {
      const oid = (parts[0].valueBlock.value[0] as asn1js.ObjectIdentifier).getValue();
      const name = DIGEST_BY_OID[oid];
      if (!name) return `the signing-certificate attribute uses an unsupported hash ${oid}`;
      hashName = name;
      index = 1;
    }
    const certHash = parts[index] as asn1js.OctetString;
    if (!bytesEqual(certHash.valueBlock.valueHexView, sha(hashName, signerDer)))
      return "the signing-certificate attribute does not match the signer's certificate";
    const issuerSerial = parts[index + 1];
    if (issuerSerial instanceof asn1js.Sequence) {
      const serial = issuerSerial.valueBlock.value[1];
      if (!(serial instanceof asn1js.Integer) || !serial.isEqual(signerCert.serialNumber))
        return "the signing-certificate attribute names another certificate's serial number";
    }
    return null;
  } catch {
    return 'the signing-certificate attribute is malformed';
  }
}

type DigestName = 'sha1' | 'sha256' | 'sha384' | 'sha512';

function checkSignatureValue(
  info: pkijs.SignerInfo,
  digestName: string,
  signedBytes: Uint8Array,
  signerDer: Uint8Array,
  problems: string[],
): boolean {
  const algorithmId = info.signatureAlgorithm.algorithmId;
  const publicKey = new X509Certificate(signerDer).publicKey;
  const rsa = [OID.rsaEncryption, OID.sha256WithRsa, OID.sha384WithRsa, OID.sha512WithRsa] as string[];
  const ecdsa = [OID.ecPublicKey, OID.ecdsaWithSha256, OID.ecdsaWithSha384, OID.ecdsaWithSha512] as string[];
  const signatureBytes = info.signature.valueBlock.valueHexView;
  try {
    if (rsa.includes(algorithmId) && publicKey.asymmetricKeyType === 'rsa')
      return verifySignature(digestName, signedBytes, publicKey, signatureBytes);
    if (ecdsa.includes(algorithmId) && publicKey.asymmetricKeyType === 'ec')
      return verifySignature(digestName, signedBytes, { key: publicKey, dsaEncoding: 'der' }, signatureBytes);
  } catch {
    return false;
  }
  problems.push(`unsupported signature algorithm ${algorithmId} for a ${publicKey.asymmetricKeyType ?? '?'} key`);
  return false;
}

function validityProblem(cert: pkijs.Certificate, at: Date, who: string): string | null {
  if (at.getTime() > cert.notAfter.value.getTime())
    return `${who} expired on ${cert.notAfter.value.toISOString()} (checked at ${at.toISOString()})`;
  if (at.getTime() < cert.notBefore.value.getTime())
    return `${who} is not yet valid until ${cert.notBefore.value.toISOString()} (checked at ${at.toISOString()})`;
  return null;
}

/**
 * Walks from the signer up through the enclosed and trusted certificates.
 * Without trust anchors only a self-signed signer is acceptable; with them the
 * walk must reach one, and every issuer on the way must be a CA valid at `at`.
 */
function evaluateChain(
  signerDer: Uint8Array,
  included: Uint8Array[],
  trusted: Uint8Array[],
  at: Date,
  problems: string[],
): SignatureVerification['chain'] {
  const isTrusted = (der: Uint8Array) => trusted.some((t) => bytesEqual(t, der));
  const selfSigned = (der: Uint8Array) => isSelfSigned(decodeCertificate(der), new X509Certificate(der));

  if (trusted.length === 0) {
    if (selfSigned(signerDer)) return 'self-signed';
    problems.push(
      `certificate not issued by a trusted CA: the signer was issued by "${certificateInfo(signerDer).issuer}" and no trusted CA certificate was given`,
    );
    return 'untrusted';
  }

  const pool = [...included, ...trusted];
  let current = signerDer;
  for (let depth = 0; depth < MAX_CHAIN; depth += 1) {
    if (isTrusted(current)) return 'trusted';
    if (selfSigned(current)) {
      problems.push(
        depth === 0
          ? 'the self-signed signer certificate is not one of the trusted certificates'
          : `certificate not issued by a trusted CA: the chain ends at "${certificateInfo(current).subject}", which is not trusted`,
      );
      return 'untrusted';
    }
    const next = pool.find((candidate) => !bytesEqual(candidate, current) && issuedBy(current, candidate));
    if (!next) {
      problems.push(
        `certificate not issued by a trusted CA: the issuer "${certificateInfo(current).issuer}" was not found`,
      );
      return 'untrusted';
    }
    const issuerCert = decodeCertificate(next);
    const name = `CA certificate "${certificateInfo(next).subject}"`;
    if (!isCa(issuerCert)) problems.push(`${name} is not marked as a CA (basicConstraints)`);
    const usage = keyUsage(issuerCert);
    if (usage && !usage.has('keyCertSign')) problems.push(`${name} key usage does not allow signing certificates`);
    const validity = validityProblem(issuerCert, at, name);
    if (validity) problems.push(validity);
    current = next;
  }
  problems.push(`certificate chain longer than ${MAX_CHAIN}`);
  return 'untrusted';
}

const AES_CBC: Record<string, { name: string; keyLength: number }> = {
  [OID.aes128Cbc]: { name: 'aes-128-cbc', keyLength: 16 },
  [OID.aes192Cbc]: { name: 'aes-192-cbc', keyLength: 24 },
  [OID.aes256Cbc]: { name: 'aes-256-cbc', keyLength: 32 },
};

/** The OAEP hash of a KeyTransRecipientInfo; PKCS#1 v1.5 key transport is not offered by Decryptor. */
function oaepHash(alg: pkijs.AlgorithmIdentifier): 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512' {
  if (alg.algorithmId !== OID.rsaesOaep)
    throw new AppError('PACKAGE_INVALID', `unsupported key transport ${alg.algorithmId} (RSA-OAEP expected)`);
  let params: pkijs.RSAESOAEPParams;
  try {
    params =
      alg.algorithmParams instanceof asn1js.Sequence
        ? new pkijs.RSAESOAEPParams({ schema: alg.algorithmParams })
        : new pkijs.RSAESOAEPParams();
  } catch {
    throw new AppError('PACKAGE_INVALID', 'malformed RSA-OAEP parameters');
  }
  const names: Record<string, 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'> = {
    [OID.sha1]: 'SHA-1',
    [OID.sha256]: 'SHA-256',
    [OID.sha384]: 'SHA-384',
    [OID.sha512]: 'SHA-512',
  };
  const hash = names[params.hashAlgorithm.algorithmId];
  if (!hash) throw new AppError('PACKAGE_INVALID', `unsupported OAEP hash ${params.hashAlgorithm.algorithmId}`);
  const mgfHash = params.maskGenAlgorithm.algorithmParams;
  if (mgfHash instanceof asn1js.Sequence) {
    const mgfOid = (mgfHash.valueBlock.value[0] as asn1js.ObjectIdentifier).getValue();
    if (names[mgfOid] !== hash)
      throw new AppError('PACKAGE_INVALID', 'OAEP with a different MGF1 hash is not supported');
  }
  return hash;
}
