// S/MIME signing of an outgoing message (RFC 8551 §3.5, multipart/signed): the message's MIME
// entity (its Content-* header fields and body, already 7-bit: quoted-printable text, base64
// files, so no relay rewrites what was signed) is signed as it stands, CRLF line ends, with the
// CMS code the handover seal uses (detached SignedData, SHA-256, CAdES-BES attributes).
import { randomBytes } from 'node:crypto';
import { signDetached } from '../cms/cms.ts';
import type { Signer } from '../identity/signer.ts';

const CRLF = '\r\n';

/** Header block and body of a message (the body keeps its bytes). */
function split(raw: Buffer): { fields: string[]; body: Buffer } {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return { fields: [], body: raw };
  const head = raw.subarray(0, end).toString('latin1');
  const fields: string[] = [];
  for (const line of head.split(CRLF)) {
    if (/^[ \t]/.test(line) && fields.length > 0) fields[fields.length - 1] += CRLF + line;
    else fields.push(line);
  }
  return { fields, body: raw.subarray(end + 4) };
}

const isContentField = (f: string) => /^content-/i.test(f);

/** The entity that is signed: the Content-* fields, a blank line, the body (no trailing line end). */
export function mimeEntity(raw: Buffer): { entity: Buffer; outer: string[] } {
  const { fields, body } = split(raw);
  let end = body.length;
  while (end >= 2 && body[end - 2] === 0x0d && body[end - 1] === 0x0a) end -= 2;
  const entity = Buffer.concat([
    Buffer.from(fields.filter(isContentField).join(CRLF) + CRLF + CRLF, 'latin1'),
    body.subarray(0, end),
  ]);
  return { entity, outer: fields.filter((f) => !isContentField(f)) };
}

/**
 * Wraps `raw` into multipart/signed. `copyRaw` (the Sent copy, with its Bcc) gets the same signed
 * body, so both say exactly the same thing and carry the same signature.
 */
export async function signMessage(
  raw: Buffer,
  copyRaw: Buffer,
  signer: Signer,
  signingTime: Date,
): Promise<{ raw: Buffer; copyRaw: Buffer }> {
  const { entity, outer } = mimeEntity(raw);
  const signature = Buffer.from(await signDetached(entity, signer, { signingTime }));
  const boundary = `----=_smime_${randomBytes(12).toString('hex')}`;
  const b64 = signature.toString('base64').replace(/.{76}/g, `$&${CRLF}`);
  const body = Buffer.concat([
    Buffer.from(`This is an S/MIME signed message.${CRLF}${CRLF}--${boundary}${CRLF}`, 'latin1'),
    entity,
    Buffer.from(
      `${CRLF}--${boundary}${CRLF}` +
        `Content-Type: application/pkcs7-signature; name="smime.p7s"${CRLF}` +
        `Content-Transfer-Encoding: base64${CRLF}` +
        `Content-Disposition: attachment; filename="smime.p7s"${CRLF}${CRLF}` +
        `${b64}${CRLF}--${boundary}--${CRLF}`,
      'latin1',
    ),
  ]);
  const contentType =
    `Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256;${CRLF}` +
    ` boundary="${boundary}"`;
  const wrap = (fields: string[]) =>
    Buffer.concat([Buffer.from([...fields, contentType].join(CRLF) + CRLF + CRLF, 'latin1'), body]);
  const copyOuter = split(copyRaw).fields.filter((f) => !isContentField(f));
  return { raw: wrap(outer), copyRaw: wrap(copyOuter) };
}
