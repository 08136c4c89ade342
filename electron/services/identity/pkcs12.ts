// Reads a PKCS#12 (.p12/.pfx) issued by a CA: the private key, its certificate
// and the issuing chain. What OpenSSL 3 writes by default (PBES2 with AES-256-CBC
// and PBKDF2-HMAC-SHA256, SHA-256 MAC) is decrypted by pkijs; the PKCS#12 PBE with
// SHA-1 and 3DES that Windows' export still defaults to ("TripleDES-SHA1") is
// decrypted here. RC2 (OpenSSL's -legacy) is refused with a clear message: Node's
// OpenSSL no longer ships it.
import { X509Certificate, createDecipheriv, createHash, type KeyObject } from 'node:crypto';
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

const ID_DATA = '1.2.840.113549.1.7.1';
const ID_ENCRYPTED_DATA = '1.2.840.113549.1.7.6';
/** pbeWithSHAAnd3-KeyTripleDES-CBC (RFC 7292 appendix C). */
const PBE_SHA1_3DES = '1.2.840.113549.1.12.1.3';

const LEGACY_VI =
  'Tệp .p12/.pfx dùng kiểu mã hóa cũ (RC2) không còn được hỗ trợ. Hãy xuất lại tệp với mã hóa AES-256 (hoặc TripleDES).';

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

  const keys: Uint8Array[] = [];
  const certificates: Uint8Array[] = [];
  for (const info of authSafe.safeContents) {
    const safe = pkijs.SafeContents.fromBER(await safeContentsBytes(info, password, secret));
    for (const bag of safe.safeBags) {
      if (bag.bagId === OID.pkcs8ShroudedKeyBag) {
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        const der = await decrypt(shrouded.encryptionAlgorithm, shrouded.encryptedData, password, secret);
        try {
          pkijs.PrivateKeyInfo.fromBER(der);
        } catch {
          throw invalid('the private key could not be decrypted with this password');
        }
        keys.push(new Uint8Array(der));
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

/** The DER SafeContents inside one ContentInfo of the AuthenticatedSafe, decrypted if need be. */
async function safeContentsBytes(info: pkijs.ContentInfo, password: string, secret: ArrayBuffer): Promise<ArrayBuffer> {
  if (info.contentType === ID_DATA && info.content instanceof asn1js.OctetString) return info.content.getValue();
  if (info.contentType === ID_ENCRYPTED_DATA) {
    let eci: pkijs.EncryptedContentInfo;
    try {
      eci = new pkijs.EncryptedData({ schema: info.content }).encryptedContentInfo;
    } catch {
      throw invalid('malformed encrypted part in the PKCS#12 file');
    }
    if (!eci.encryptedContent) throw invalid('empty encrypted part in the PKCS#12 file');
    return decrypt(
      eci.contentEncryptionAlgorithm,
      new asn1js.OctetString({ valueHex: eci.getEncryptedContent() }),
      password,
      secret,
    );
  }
  throw invalid(`unsupported PKCS#12 content type ${info.contentType} (public-key privacy is not supported)`);
}

/** Decrypts one password-protected blob: PBES2 through pkijs, PKCS#12 PBE-SHA1-3DES here. */
async function decrypt(
  algorithm: pkijs.AlgorithmIdentifier,
  ciphertext: asn1js.OctetString,
  password: string,
  secret: ArrayBuffer,
): Promise<ArrayBuffer> {
  if (algorithm.algorithmId === OID.pbes2) {
    try {
      const encrypted = new pkijs.EncryptedData({
        encryptedContentInfo: new pkijs.EncryptedContentInfo({
          contentEncryptionAlgorithm: algorithm,
          encryptedContent: ciphertext,
        }),
      });
      return await encrypted.decrypt({ password: secret });
    } catch {
      throw invalid('a part of the PKCS#12 file could not be decrypted with this password');
    }
  }
  if (algorithm.algorithmId === PBE_SHA1_3DES) {
    try {
      const params = algorithm.algorithmParams as asn1js.Sequence;
      const salt = (params.valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView;
      const iterations = (params.valueBlock.value[1] as asn1js.Integer).valueBlock.valueDec;
      if (!(iterations >= 1 && iterations <= 10_000_000)) throw new Error('iteration count');
      const key = pkcs12Kdf(password, salt, iterations, 1, 24);
      const iv = pkcs12Kdf(password, salt, iterations, 2, 8);
      const decipher = createDecipheriv('des-ede3-cbc', key, iv);
      const data = ciphertext.getValue();
      return toArrayBuffer(Buffer.concat([decipher.update(new Uint8Array(data)), decipher.final()]));
    } catch {
      throw invalid('a 3DES part of the PKCS#12 file could not be decrypted with this password');
    }
  }
  throw new AppError('IDENTITY_INVALID', `legacy PKCS#12 encryption ${algorithm.algorithmId} is not supported`, {
    messageVi: LEGACY_VI,
  });
}

/**
 * The PKCS#12 key derivation (RFC 7292 appendix B.2) with SHA-1: id 1 derives
 * the key, 2 the IV. The password is taken as BMPString (UTF-16BE plus a NUL).
 */
function pkcs12Kdf(password: string, salt: Uint8Array, iterations: number, id: 1 | 2, length: number): Buffer {
  const u = 20;
  const v = 64;
  const bmp = Buffer.alloc(password.length * 2 + 2);
  for (let i = 0; i < password.length; i += 1) bmp.writeUInt16BE(password.charCodeAt(i), i * 2);
  const fill = (src: Uint8Array): Buffer => {
    const out = Buffer.alloc(src.length === 0 ? 0 : v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i += 1) out[i] = src[i % src.length] as number;
    return out;
  };
  const I = Buffer.concat([fill(salt), fill(bmp)]);
  const D = Buffer.alloc(v, id);
  const result: Buffer[] = [];
  for (let produced = 0; produced < length; produced += u) {
    let A = createHash('sha1').update(D).update(I).digest();
    for (let r = 1; r < iterations; r += 1) A = createHash('sha1').update(A).digest();
    result.push(A);
    const B = fill(A);
    // I_j = (I_j + B + 1) mod 2^(8v), for each v-byte block of I.
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k -= 1) {
        const sum = (I[j + k] as number) + (B[k] as number) + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(result).subarray(0, length);
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

function invalid(detail: string): AppError {
  return new AppError('IDENTITY_INVALID', detail);
}
