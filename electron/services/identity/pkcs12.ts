// Reads a PKCS#12 (.p12/.pfx) issued by a CA: the private key, its certificate
// and the issuing chain. What OpenSSL 3 writes by default (PBES2 with AES-256-CBC
// and PBKDF2-HMAC-SHA256, SHA-256 MAC) is supported; legacy RC2/3DES files are
// refused with a clear message rather than guessed at.
import { X509Certificate, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../errors/app-error.ts';
import { OID } from '../cms/oids.ts';
import { ensurePkijsEngine, toArrayBuffer } from '../cms/pkijs-engine.ts';
import { decodeCertificate, isSelfSigned, issuedBy } from './certificates.ts';
import { keyMatchesCertificate, loadPrivateKey } from './software-key.ts';

export interface Pkcs12Contents {
  /** The key's certificate first, then its issuers in order. */
  chain: Uint8Array[];
  privateKey: KeyObject;
}

const LEGACY_VI =
  'Tệp .p12/.pfx dùng kiểu mã hóa cũ (RC2/3DES) không còn được hỗ trợ. Hãy xuất lại tệp bằng công cụ mới (AES-256), ví dụ OpenSSL 3.';

export async function readPkcs12(bytes: Uint8Array, password: string): Promise<Pkcs12Contents> {
  ensurePkijsEngine();
  const secret = toArrayBuffer(new TextEncoder().encode(password));

  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(toArrayBuffer(bytes));
  } catch {
    throw invalid('the file is not a PKCS#12 (.p12/.pfx) file');
  }
  try {
    await pfx.parseInternalValues({ password: secret, checkIntegrity: true });
  } catch {
    // The MAC is keyed with the password: a mismatch is, in practice, the wrong password.
    throw invalid('the PKCS#12 integrity check failed: wrong password or damaged file');
  }
  const authSafe = pfx.parsedValue?.authenticatedSafe;
  if (!authSafe) throw invalid('the PKCS#12 file has no content');
  // pkijs rewrites the tags of what it parses, so the legacy check reads a copy, and only on failure.
  const pristine = authSafe.safeContents.map((info) => info.toSchema().toBER(false));
  try {
    await authSafe.parseInternalValues({ safeContents: authSafe.safeContents.map(() => ({ password: secret })) });
  } catch {
    const legacy = legacyAlgorithm(pristine);
    if (legacy)
      throw new AppError('IDENTITY_INVALID', `legacy PKCS#12 encryption ${legacy} is not supported`, {
        messageVi: LEGACY_VI,
      });
    throw invalid('the PKCS#12 contents could not be decrypted with this password');
  }

  const keys: Uint8Array[] = [];
  const certificates: Uint8Array[] = [];
  for (const safe of authSafe.parsedValue?.safeContents ?? []) {
    for (const bag of safe.value.safeBags) {
      if (bag.bagId === OID.pkcs8ShroudedKeyBag) {
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        if (shrouded.encryptionAlgorithm.algorithmId !== OID.pbes2)
          throw new AppError(
            'IDENTITY_INVALID',
            `legacy PKCS#12 key encryption ${shrouded.encryptionAlgorithm.algorithmId} is not supported`,
            { messageVi: LEGACY_VI },
          );
        keys.push(await decryptShroudedKey(shrouded, secret));
      } else if (bag.bagId === OID.keyBag) {
        keys.push(new Uint8Array((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER(false)));
      } else if (bag.bagId === OID.certBag) {
        const certBag = bag.bagValue as pkijs.CertBag;
        if (certBag.certId === OID.x509Certificate && certBag.certValue instanceof asn1js.OctetString)
          certificates.push(new Uint8Array(certBag.certValue.getValue()));
      }
    }
  }
  if (keys.length === 0) throw invalid('the PKCS#12 file holds no private key');
  if (certificates.length === 0) throw invalid('the PKCS#12 file holds no certificate');

  for (const keyDer of keys) {
    const privateKey = loadPrivateKey(keyDer);
    const leaf = certificates.find((c) => keyMatchesCertificate(privateKey, c));
    if (leaf) return { chain: orderChain(leaf, certificates), privateKey };
  }
  throw invalid('the private key in the PKCS#12 file matches none of its certificates');
}

/** PKCS8ShroudedKeyBag.parseInternalValues does this, but pkijs's typings mark it protected. */
async function decryptShroudedKey(bag: pkijs.PKCS8ShroudedKeyBag, password: ArrayBuffer): Promise<Uint8Array> {
  try {
    const encrypted = new pkijs.EncryptedData({
      encryptedContentInfo: new pkijs.EncryptedContentInfo({
        contentEncryptionAlgorithm: bag.encryptionAlgorithm,
        encryptedContent: bag.encryptedData,
      }),
    });
    const der = await encrypted.decrypt({ password });
    pkijs.PrivateKeyInfo.fromBER(der);
    return new Uint8Array(der);
  } catch {
    throw invalid('the private key could not be decrypted with this password');
  }
}

/** Leaf, then each issuer found among the others, up to a self-signed root. Unrelated certificates are dropped. */
function orderChain(leaf: Uint8Array, all: Uint8Array[]): Uint8Array[] {
  const chain = [leaf];
  let current = leaf;
  while (chain.length < 10 && !isSelfSigned(decodeCertificate(current), new X509Certificate(current))) {
    const issuer = all.find((c) => !chain.some((done) => Buffer.from(done).equals(c)) && issuedBy(current, c));
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}

/** The PBE algorithm of an encrypted safe that pkijs cannot open (anything but PBES2). */
function legacyAlgorithm(contentInfos: ArrayBuffer[]): string | null {
  for (const der of contentInfos) {
    try {
      const info = pkijs.ContentInfo.fromBER(der);
      if (info.contentType !== '1.2.840.113549.1.7.6') continue;
      const encrypted = new pkijs.EncryptedData({ schema: info.content });
      const id = encrypted.encryptedContentInfo.contentEncryptionAlgorithm.algorithmId;
      if (id !== OID.pbes2) return id;
    } catch {
      return 'unknown';
    }
  }
  return null;
}

function invalid(detail: string): AppError {
  return new AppError('IDENTITY_INVALID', detail);
}
