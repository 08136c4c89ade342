// The signed record must belong to this bag (record/record-binding.ts): record-binding.json names
// the bag and the hashes of its payload manifests and record, the tagmanifest covers it, and the
// signed PDF embeds the same bytes. A PDF and .p7s copied from another handover by the same head
// embed that other bag's binding and are refused here, with one problem naming the PDF.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bagInfoValue, parseBagInfo } from '../bag/bag-info.ts';
import { BAG_FILES } from '../bag/bag-layout.ts';
import { digestFile } from '../bag/file-hash.ts';
import {
  BINDING_ATTACHMENT_NAME,
  RECORD_ATTACHMENT_NAME,
  normalizeFingerprint,
  parseRecordBinding,
  type RecordBinding,
} from '../record/record-binding.ts';
import type { FoundFile } from './bag-files.ts';
import { pdfAttachments } from './pdf-attachments.ts';
import type { Problems } from './problems.ts';

export interface BindingCheckInput {
  dir: string;
  files: Map<string, FoundFile>;
  problems: Problems;
}

const KIND = 'record-binding';
const FILE = BAG_FILES.recordBinding;

/** Checks the binding against the bag; returns its signer fingerprint (to compare with the signatures). */
export async function checkRecordBinding(i: BindingCheckInput): Promise<string | null> {
  const text = await readOrNull(i, FILE);
  if (text === null) {
    i.problems.add(FILE, KIND, 'missing: the signed record is not bound to this bag');
    return null;
  }
  const binding = parseRecordBinding(text.toString('utf8'));
  if (!binding) {
    i.problems.add(FILE, KIND, 'not a record binding of format unit-mailbox-record-binding/1');
    return null;
  }
  await checkAgainstBag(i, binding);
  await checkPdf(i, text);
  return normalizeFingerprint(binding.signerCertificateSha256);
}

async function checkAgainstBag(i: BindingCheckInput, b: RecordBinding): Promise<void> {
  const infoText = await readOrNull(i, BAG_FILES.bagInfo);
  if (infoText !== null) {
    const { info } = parseBagInfo(infoText.toString('utf8'));
    const external = bagInfoValue(info, 'External-Identifier') ?? '';
    const bagId = bagInfoValue(info, 'Bag-Identifier') ?? external;
    if (b.externalIdentifier !== external || b.bagIdentifier !== bagId)
      i.problems.add(FILE, KIND, `names bag "${b.bagIdentifier}", but bag-info.txt identifies this bag as "${bagId}"`);
    const oxum = bagInfoValue(info, 'Payload-Oxum')?.trim() ?? '';
    if (b.payloadOxum !== oxum)
      i.problems.add(FILE, KIND, `states Payload-Oxum ${b.payloadOxum}, bag-info.txt ${oxum}`);
  }
  const expected: [string, string | undefined][] = [
    [BAG_FILES.manifestSha256, b.manifests[BAG_FILES.manifestSha256]],
    [BAG_FILES.manifestSha512, b.manifests[BAG_FILES.manifestSha512]],
    [b.record.path === BAG_FILES.recordJson ? b.record.path : BAG_FILES.recordJson, b.record.sha256],
  ];
  for (const [path, sha256] of expected) {
    if (!i.files.get(path)?.regular) continue; // reported as missing by the other checks
    const actual = (await digestFile(join(i.dir, path))).sha256;
    if (actual !== sha256)
      i.problems.add(FILE, KIND, `states SHA-256 ${sha256 ?? '(none)'} for ${path}, this bag's is ${actual}`);
  }
}

/** The PDF must embed this very binding and the payload's record. */
async function checkPdf(i: BindingCheckInput, binding: Buffer): Promise<void> {
  const pdf = await readOrNull(i, BAG_FILES.recordPdf);
  if (pdf === null) return; // reported by the signature check
  let attached: Map<string, Uint8Array>;
  try {
    attached = await pdfAttachments(pdf);
  } catch (e) {
    i.problems.add(BAG_FILES.recordPdf, KIND, `cannot read the PDF's attached files (${(e as Error).message})`);
    return;
  }
  const embedded = attached.get(BINDING_ATTACHMENT_NAME);
  if (!embedded)
    i.problems.add(
      BAG_FILES.recordPdf,
      KIND,
      `the PDF record embeds no ${BINDING_ATTACHMENT_NAME}: it is not bound to this bag`,
    );
  else if (!binding.equals(embedded))
    i.problems.add(
      BAG_FILES.recordPdf,
      KIND,
      `the PDF record embeds a ${BINDING_ATTACHMENT_NAME} that differs from ${FILE}: the record belongs to another bag`,
    );
  const record = await readOrNull(i, BAG_FILES.recordJson);
  const embeddedRecord = attached.get(RECORD_ATTACHMENT_NAME);
  if (record !== null && (!embeddedRecord || !record.equals(embeddedRecord)))
    i.problems.add(
      BAG_FILES.recordPdf,
      KIND,
      `the PDF record's embedded ${RECORD_ATTACHMENT_NAME} differs from ${BAG_FILES.recordJson}`,
    );
}

async function readOrNull(i: BindingCheckInput, path: string): Promise<Buffer | null> {
  if (!i.files.get(path)?.regular) return null;
  try {
    return await readFile(join(i.dir, path));
  } catch {
    return null;
  }
}
