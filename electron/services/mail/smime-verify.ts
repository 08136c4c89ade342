// Checks the S/MIME signature of a received multipart/signed message (RFC 8551 §3.5.3): the
// first part's exact bytes (between its boundary line and the CRLF before the next) against the
// detached CMS signature of the second, with the verification code of the handover seal. Trust
// anchors are the CA certificates the IT Centre put in the profile's trust-anchors folder.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MessageSignature } from '../../../shared/mail.ts';
import { verifyDetached } from '../cms/cms.ts';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from '../cms/pkijs-engine.ts';
import { parseCertificates } from '../identity/certificates.ts';

function headerBlock(raw: Buffer): string {
  const end = raw.indexOf('\r\n\r\n');
  return raw
    .subarray(0, end < 0 ? raw.length : end)
    .toString('latin1')
    .replace(/\r\n[ \t]+/g, ' ');
}

/** The signed part and the signature of a multipart/signed message, or null when it is not one. */
export function signedParts(raw: Buffer): { content: Buffer; signature: Buffer } | null {
  const ct = /^content-type:\s*multipart\/signed\s*;(.*)$/im.exec(headerBlock(raw))?.[1];
  if (!ct) return null;
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(ct);
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) return null;
  const delimiter = Buffer.from(`--${b}`, 'latin1');
  const first = raw.indexOf(delimiter);
  if (first < 0) return null;
  const start = raw.indexOf('\r\n', first) + 2;
  const next = raw.indexOf(Buffer.from(`\r\n--${b}`, 'latin1'), start);
  if (start < 2 || next < 0) return null;
  const content = raw.subarray(start, next);
  const sigStart = raw.indexOf('\r\n', next + 2) + 2;
  const sigEnd = raw.indexOf(Buffer.from(`\r\n--${b}`, 'latin1'), sigStart);
  if (sigEnd < 0) return null;
  const part = raw.subarray(sigStart, sigEnd);
  const bodyAt = part.indexOf('\r\n\r\n');
  if (bodyAt < 0 || !/pkcs7-signature/i.test(part.subarray(0, bodyAt).toString('latin1'))) return null;
  const signature = Buffer.from(
    part
      .subarray(bodyAt + 4)
      .toString('latin1')
      .replace(/\s+/g, ''),
    'base64',
  );
  return { content, signature };
}

/**
 * An opaque signed message (application/pkcs7-mime; smime-type=signed-data): the CMS SignedData
 * and the MIME entity it carries, re-joined with the outer header fields so that the message can
 * be read like any other. Null when it is not one.
 */
export function opaqueSigned(raw: Buffer): { signature: Buffer; content: Buffer; readable: Buffer } | null {
  const head = headerBlock(raw);
  const ct = /^content-type:\s*application\/(?:x-)?pkcs7-mime\s*;(.*)$/im.exec(head)?.[1];
  if (!ct || !/smime-type\s*=\s*"?signed-data/i.test(ct)) return null;
  const end = raw.indexOf('\r\n\r\n');
  const der = Buffer.from(
    raw
      .subarray(end + 4)
      .toString('latin1')
      .replace(/\s+/g, ''),
    'base64',
  );
  let content: Buffer;
  try {
    const info = pkijs.ContentInfo.fromBER(toArrayBuffer(der));
    const signed = new pkijs.SignedData({ schema: info.content });
    const e = signed.encapContentInfo.eContent;
    if (!e) return null;
    content = Buffer.from(e.getValue());
  } catch {
    return null;
  }
  const outer = head.split('\r\n').filter((l) => !/^content-/i.test(l));
  const readable = Buffer.concat([Buffer.from(outer.join('\r\n') + '\r\n', 'latin1'), content]);
  return { signature: der, content, readable };
}

export async function verifySignedMessage(
  raw: Buffer,
  opts: { now: Date; trusted: Uint8Array[] },
): Promise<MessageSignature | null> {
  const parts = signedParts(raw) ?? opaqueSigned(raw);
  if (!parts) return null;
  const v = await verifyDetached(parts.signature, parts.content, {
    now: opts.now,
    ...(opts.trusted.length > 0 ? { trustedCertificates: opts.trusted } : {}),
  });
  const state = !v.signatureValid ? 'invalid' : v.chain === 'trusted' ? 'valid' : 'untrusted';
  return {
    state,
    signerName: v.signer?.commonName ?? null,
    signerEmail: v.signer?.email ?? null,
    fingerprint: v.signer?.sha256Fingerprint ?? null,
    signingTime: v.signingTime,
    problems: v.problems,
  };
}

/** The CA certificates (PEM or DER files) in `dir`; none when it does not exist. */
export async function loadTrustAnchors(dir: string): Promise<Uint8Array[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: Uint8Array[] = [];
  for (const n of names.filter((f) => /\.(pem|crt|cer|der)$/i.test(f))) {
    const bytes = await readFile(join(dir, n)).catch(() => null);
    if (bytes) out.push(...parseCertificates(bytes));
  }
  return out;
}
