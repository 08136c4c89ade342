// The record binding: a small tag file (record-binding.json at the bag root) that ties the signed
// PDF record to exactly one bag. It names the bag (its identifiers), the SHA-256 of both payload
// manifests (which fix every payload file, data/record/bien-ban.json included) and the record's
// own SHA-256. It is covered twice by the outgoing head's signatures:
//  - tagmanifest-sha256.txt lists it, and seal/tagmanifest-sha256.txt.p7s signs the tagmanifest;
//  - seal/bien-ban.pdf embeds it byte for byte (with data/record/bien-ban.json), and
//    seal/bien-ban.pdf.p7s signs the PDF.
// It cannot carry the tagmanifest's hash (the tagmanifest lists it); the PDF states that hash in
// its text. A PDF and .p7s taken from another bag embed that bag's binding, which differs.

import { bagInfoValue, type BagInfo } from '../bag/bag-info.ts';
import { BAG_FILES } from '../bag/bag-layout.ts';

export const RECORD_BINDING_FORMAT = 'unit-mailbox-record-binding/1';
/** Names of the files the PDF record embeds (PDF/A-3 associated files). */
export const RECORD_ATTACHMENT_NAME = 'bien-ban.json';
export const BINDING_ATTACHMENT_NAME = 'record-binding.json';

export interface RecordBinding {
  format: typeof RECORD_BINDING_FORMAT;
  /** bag-info.txt's Bag-Identifier when it has one, else its External-Identifier. */
  bagIdentifier: string;
  /** bag-info.txt's External-Identifier, verbatim. */
  externalIdentifier: string;
  /** The bag directory's name at export (informative: a copy may be renamed). */
  bagName: string;
  payloadOxum: string;
  /** SHA-256 (hex) of each payload manifest file. */
  manifests: Record<string, string>;
  /** Path and SHA-256 (hex) of the record's facts in the payload. */
  record: { path: string; sha256: string };
  /** SHA-256 (hex, lower case, no separators) of the signer's certificate. */
  signerCertificateSha256: string;
}

/** record-binding.json's content: `digests` maps the manifests and the record JSON to their SHA-256. */
export function makeBinding(
  info: BagInfo,
  bagName: string,
  oxum: string,
  signer: string,
  digests: Record<string, string>,
): RecordBinding {
  const external = bagInfoValue(info, 'External-Identifier') ?? '';
  const { [BAG_FILES.recordJson]: recordSha256 = '', ...manifests } = digests;
  return {
    format: RECORD_BINDING_FORMAT,
    bagIdentifier: bagInfoValue(info, 'Bag-Identifier') ?? external,
    externalIdentifier: external,
    bagName,
    payloadOxum: oxum,
    manifests,
    record: { path: BAG_FILES.recordJson, sha256: recordSha256 },
    signerCertificateSha256: normalizeFingerprint(signer),
  };
}

/** The exact bytes written to record-binding.json and embedded in the PDF. */
export function recordBindingJson(b: RecordBinding): string {
  return `${JSON.stringify(b, null, 2)}\n`;
}

/** Parses record-binding.json; null when it is not a binding of this format. */
export function parseRecordBinding(text: string): RecordBinding | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const b = v as Partial<RecordBinding>;
  const str = (x: unknown): x is string => typeof x === 'string';
  if (b.format !== RECORD_BINDING_FORMAT) return null;
  if (!str(b.bagIdentifier) || !str(b.externalIdentifier) || !str(b.payloadOxum)) return null;
  if (!str(b.signerCertificateSha256) || typeof b.manifests !== 'object' || b.manifests === null) return null;
  if (!b.record || !str(b.record.path) || !str(b.record.sha256)) return null;
  return b as RecordBinding;
}

/** `AA:BB:…` or `aabb…` → `aabb…`. */
export const normalizeFingerprint = (f: string): string => f.replace(/[^0-9a-f]/gi, '').toLowerCase();
