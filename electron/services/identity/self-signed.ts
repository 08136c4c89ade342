// The app-made identity: an RSA-3072 key and a self-signed certificate naming
// the person. RSA rather than ECDSA because the same certificate must also
// receive a sealed credential (key transport) and be opened on Windows.
import { createHash, generateKeyPair, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../errors/app-error.ts';
import { OID } from '../cms/oids.ts';
import { toArrayBuffer } from '../cms/pkijs-engine.ts';

export interface PersonName {
  name: string;
  title: string;
  unit: string;
  email: string;
}

const VALIDITY_YEARS = 5;
/** Backdated a little so a verifier whose clock runs slow does not see "not yet valid". */
const BACKDATE_MS = 10 * 60 * 1000;
/** X.520 upper bounds for CN, title and O. */
const MAX_NAME = 64;

export async function createSelfSigned(
  person: PersonName,
  now: Date,
): Promise<{ certificate: Uint8Array; privateKey: KeyObject }> {
  const input = normalise(person);
  const { publicKey, privateKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: 3072,
    publicExponent: 0x10001,
  });
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  const publicKeyInfo = pkijs.PublicKeyInfo.fromBER(toArrayBuffer(spki));
  const keyId = createHash('sha1').update(publicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();

  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: toArrayBuffer(randomSerial()) });
  cert.subject = personName(input);
  cert.issuer = personName(input);
  cert.notBefore = timeOf(new Date(now.getTime() - BACKDATE_MS));
  const notAfter = new Date(now.getTime());
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  cert.notAfter = timeOf(notAfter);
  cert.subjectPublicKeyInfo = publicKeyInfo;
  cert.extensions = [
    extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: false }).toSchema()),
    // digitalSignature | nonRepudiation | keyEncipherment: bits 0-2, so 5 unused bits.
    extension(OID.keyUsage, true, new asn1js.BitString({ valueHex: new Uint8Array([0xe0]).buffer, unusedBits: 5 })),
    extension(OID.extKeyUsage, false, new pkijs.ExtKeyUsage({ keyPurposes: [OID.emailProtection] }).toSchema()),
    extension(
      OID.subjectAltName,
      false,
      new pkijs.AltName({ altNames: [new pkijs.GeneralName({ type: 1, value: input.email })] }).toSchema(),
    ),
    extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: toArrayBuffer(keyId) })),
    extension(
      OID.authorityKeyIdentifier,
      false,
      new pkijs.AuthorityKeyIdentifier({
        keyIdentifier: new asn1js.OctetString({ valueHex: toArrayBuffer(keyId) }),
      }).toSchema(),
    ),
  ];
  const sha256WithRsa = new pkijs.AlgorithmIdentifier({
    algorithmId: OID.sha256WithRsa,
    algorithmParams: new asn1js.Null(),
  });
  cert.signature = sha256WithRsa;
  cert.signatureAlgorithm = sha256WithRsa;
  cert.tbsView = new Uint8Array(cert.encodeTBS().toBER(false));
  const signature = sign('sha256', cert.tbsView, privateKey);
  cert.signatureValue = new asn1js.BitString({ valueHex: toArrayBuffer(signature) });
  return { certificate: new Uint8Array(cert.toSchema(false).toBER(false)), privateKey };
}

function normalise(person: PersonName): PersonName {
  const text = (value: string, field: string, label: string): string => {
    const v = (value ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
    if (!v || [...v].length > MAX_NAME)
      throw new AppError('VALIDATION', `${field} must be 1 to ${MAX_NAME} characters`, {
        messageVi: `${label} phải có từ 1 đến ${MAX_NAME} ký tự.`,
      });
    return v;
  };
  const email = (person.email ?? '').trim().toLowerCase();
  if (!/^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(email) || email.length > 128)
    throw new AppError('VALIDATION', 'email is not a valid ASCII e-mail address', {
      messageVi: 'Địa chỉ thư điện tử không hợp lệ.',
    });
  return {
    name: text(person.name, 'name', 'Họ và tên'),
    title: text(person.title, 'title', 'Chức vụ'),
    unit: text(person.unit, 'unit', 'Đơn vị'),
    email,
  };
}

/** One attribute per RDN, encoded and re-read so pkijs keeps these exact bytes. */
function personName(p: PersonName): pkijs.RelativeDistinguishedNames {
  const rdn = (type: string, value: asn1js.BaseBlock) =>
    new asn1js.Set({
      value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: type }), value] })],
    });
  const sequence = new asn1js.Sequence({
    value: [
      rdn(OID.commonName, new asn1js.Utf8String({ value: p.name })),
      rdn(OID.title, new asn1js.Utf8String({ value: p.title })),
      rdn(OID.organization, new asn1js.Utf8String({ value: p.unit })),
      rdn(OID.emailAddress, new asn1js.IA5String({ value: p.email })),
    ],
  });
  return pkijs.RelativeDistinguishedNames.fromBER(sequence.toBER(false));
}

function extension(extnID: string, critical: boolean, value: asn1js.BaseBlock): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toBER(false) });
}

function timeOf(date: Date): pkijs.Time {
  const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
  return new pkijs.Time({ type: whole.getUTCFullYear() < 2050 ? 0 : 1, value: whole });
}

/** 16 random bytes as a positive INTEGER with no leading zero octet. */
function randomSerial(): Uint8Array {
  const bytes = new Uint8Array(randomBytes(16));
  bytes[0] = ((bytes[0] as number) & 0x7f) | 0x01;
  return bytes;
}
