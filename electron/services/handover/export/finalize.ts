// Everything after the messages: payload indexes, registers and record, the sealed credential,
// manifests, tag files, the signature over the tagmanifest and the signed PDF record.
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { envelopeFor, signDetached } from '../../cms/cms.ts';
import { AppError } from '../../errors/app-error.ts';
import { sha256Fingerprint } from '../../identity/certificates.ts';
import type { Signer } from '../../identity/signer.ts';
import { formatBagInfo, payloadOxum, type BagInfo } from '../bag/bag-info.ts';
import {
  BAGIT_PROFILE_ID,
  BAGIT_PROFILE_VERSION,
  BAGIT_TXT,
  BAG_FILES,
  REGISTERS_DIR,
  SAFE_NAME,
} from '../bag/bag-layout.ts';
import type { FileDigest } from '../bag/file-hash.ts';
import { HashingWriter, writeHashed, type WriteOptions } from '../bag/hashing-writer.ts';
import { compareBagPaths, formatManifest, manifestLine } from '../bag/manifest.ts';
import { rfc3339 } from '../bag/time.ts';
import { verificationGuide } from '../record/record-guide.ts';
import { recordJson } from '../record/record-json.ts';
import { makeBinding, recordBindingJson } from '../record/record-binding.ts';
import {
  RECORD_TITLE,
  type HandoverRecord,
  type RecordFolder,
  type RecordParty,
  type RecordSeal,
} from '../record/record-types.ts';
import type { ExportState } from './export-state.ts';
import type { RecordRegisters } from './record-registers.ts';
import type { RegisterFile } from './registers.ts';
import { writeFoldersIndex, writeIndexes, type FolderStats } from './indexes.ts';
import { placedEntries, type Placement } from './placement.ts';
import type { FolderSnapshot, FolderStatus } from './snapshot.ts';
import type { Clock } from '../../clock/clock.ts';

export type { RegisterFile } from './registers.ts';

export interface HandoverParties {
  /** Unit name (Source-Organization). */
  unit: string;
  place: string;
  outgoing: RecordParty;
  incoming: RecordParty;
  witness: { name: string } | null;
}

export interface FinalizeInput {
  bagDir: string;
  state: ExportState;
  exportId: string;
  mailbox: string;
  folders: FolderSnapshot[];
  /** UIDs journaled per folder id: the messages of this bag. */
  journaled: ReadonlyMap<string, ReadonlySet<number>>;
  /** Where each folder's messages are in data/eml/ and their Mailbag-Message-IDs. */
  placement: Placement;
  end: Map<string, FolderStatus & { selectable: boolean }>;
  startedAt: string;
  finishedAt: string;
  changes: string[];
  /** The record's date, the bag's Bagging-Date, signing times and the recipient certificate's validity. */
  clock: Clock;
  signer: Signer;
  recipientCertificate: Uint8Array;
  credential: Uint8Array;
  parties: HandoverParties;
  registers: RegisterFile[];
  /** The ledger and the audit read from the mailbox: their files replace any given under the same name. */
  records: RecordRegisters;
  openDirectives: number | null;
  fontsDir: string;
  softwareVersion?: string | undefined;
  imapSource?: { user: string; host: string } | undefined;
  /**
   * fsync each file as it is written. False when the exporter makes the whole bag durable
   * afterwards (one syncfs), before it counts the bag complete.
   */
  syncEachFile: boolean;
  /** Called between steps, to honour cancellation. */
  checkpoint: () => void;
  /** Called when the signing starts (for progress). */
  onSeal?: () => void;
}

export interface FinalizeResult {
  record: HandoverRecord;
  messages: number;
  bytes: number;
  payloadOxum: string;
  tagmanifestSha256: string;
}

export async function finalizeBag(i: FinalizeInput): Promise<FinalizeResult> {
  const { bagDir } = i;
  const write: WriteOptions = { sync: i.syncEachFile };
  await sweepPayload(i);
  i.checkpoint();

  const index = await writeIndexes(bagDir, i.folders, i.state, i.placement, write);
  const folders = await writeFoldersIndex(bagDir, i.folders, index.stats, i.end, write);
  index.payload.set(BAG_FILES.foldersJson, folders.digest);
  i.checkpoint();

  // True counts: the records read from the mailbox's record folders (delegation: its register's lines).
  const { chains } = i.records.summary;
  const counts = { delegation: 0, ledger: chains.ledger.records, audit: chains.audit.records };
  const mine = new Set(i.records.files.map((r) => r.fileName));
  for (const r of [...i.registers.filter((g) => !mine.has(g.fileName)), ...i.records.files]) {
    if (!SAFE_NAME.test(r.fileName)) throw new AppError('VALIDATION', `register file name ${r.fileName} is not ASCII`);
    const text = `${[r.header, ...r.lines].join('\n')}\n`;
    index.payload.set(
      `${REGISTERS_DIR}/${r.fileName}`,
      await writeHashed(join(bagDir, REGISTERS_DIR, r.fileName), text, write),
    );
    if (r.fileName.startsWith('delegation')) counts.delegation += r.lines.length;
  }

  // The credential is sealed first: the record states the SHA-256 of the sealed file.
  const sealed = await envelopeFor(i.credential, i.recipientCertificate, { now: i.clock.now() });
  const credentialDigest = await writeHashed(join(bagDir, BAG_FILES.credential), sealed, write);
  i.checkpoint();

  const record = makeRecord(i, index.stats, counts, credentialDigest.sha256);
  index.payload.set(
    BAG_FILES.recordJson,
    await writeHashed(join(bagDir, BAG_FILES.recordJson), recordJson(record), write),
  );

  const manifests = await writeManifests(i, index.payload, write);
  const oxum = payloadOxum(manifests.octets, manifests.files);
  i.checkpoint();

  const bagName = basename(bagDir);
  const tags = new Map<string, FileDigest>(index.tags);
  tags.set(BAG_FILES.manifestSha256, manifests.sha256);
  tags.set(BAG_FILES.manifestSha512, manifests.sha512);
  tags.set(BAG_FILES.credential, credentialDigest);
  tags.set(BAG_FILES.bagit, await writeHashed(join(bagDir, BAG_FILES.bagit), BAGIT_TXT, write));
  tags.set(
    BAG_FILES.guide,
    await writeHashed(join(bagDir, BAG_FILES.guide), verificationGuide(record, { bagName }), write),
  );
  const info = bagInfo(i, record, oxum);
  tags.set(BAG_FILES.bagInfo, await writeHashed(join(bagDir, BAG_FILES.bagInfo), formatBagInfo(info), write));
  const signerCert = i.signer.certificateChain[0];
  if (!signerCert) throw new AppError('CERTIFICATE_INVALID', 'the signer has no certificate');
  const binding = recordBindingJson(
    makeBinding(info, bagName, oxum, sha256Fingerprint(signerCert), {
      [BAG_FILES.manifestSha256]: manifests.sha256.sha256,
      [BAG_FILES.manifestSha512]: manifests.sha512.sha256,
      [BAG_FILES.recordJson]: index.payload.get(BAG_FILES.recordJson)?.sha256 ?? '',
    }),
  );
  tags.set(BAG_FILES.recordBinding, await writeHashed(join(bagDir, BAG_FILES.recordBinding), binding, write));

  const tagmanifest = formatManifest([...tags].map(([path, d]) => ({ path, digest: d.sha256 })));
  const tagmanifestDigest = await writeHashed(join(bagDir, BAG_FILES.tagmanifestSha256), tagmanifest, write);
  // RFC 8493 §2.2.1: tag manifests in the same algorithms as the payload manifests.
  const tagmanifest512 = formatManifest([...tags].map(([path, d]) => ({ path, digest: d.sha512 })));
  await writeHashed(join(bagDir, BAG_FILES.tagmanifestSha512), tagmanifest512, write);
  i.checkpoint();

  i.onSeal?.();
  const tagmanifestBytes = Buffer.from(tagmanifest, 'utf8');
  await mkdir(join(bagDir, 'seal'), { recursive: true });
  await writeHashed(
    join(bagDir, BAG_FILES.tagmanifestSignature),
    await signDetached(tagmanifestBytes, i.signer, { signingTime: i.clock.now() }),
    write,
  );

  const seal: RecordSeal = {
    payloadOxum: oxum,
    tagmanifestSha256: tagmanifestDigest.sha256,
    signerCertificateSha256: sha256Fingerprint(signerCert),
    bagName,
    binding,
  };
  // pdfkit and its font engine are loaded only now, after the transfer.
  const { renderRecordPdf } = await import('../record/record-pdf.ts');
  const pdf = await renderRecordPdf(record, seal, { fontsDir: i.fontsDir });
  await writeHashed(join(bagDir, BAG_FILES.recordPdf), pdf, write);
  await writeHashed(
    join(bagDir, BAG_FILES.recordPdfSignature),
    await signDetached(pdf, i.signer, { signingTime: i.clock.now() }),
    write,
  );

  return {
    record,
    messages: index.messages,
    bytes: record.totals.bytes,
    payloadOxum: oxum,
    tagmanifestSha256: tagmanifestDigest.sha256,
  };
}

/**
 * Removes what a previous run may have left in data/ that this run does not write: the
 * regenerated index, registers and record (register names may differ between runs). data/eml/
 * holds exactly the journaled messages: placement.ts made it afresh.
 */
async function sweepPayload(i: FinalizeInput): Promise<void> {
  for (const dir of ['data/index', REGISTERS_DIR, 'data/record', 'seal']) {
    await rm(join(i.bagDir, dir), { recursive: true, force: true });
  }
}

/**
 * manifest-sha256.txt and manifest-sha512.txt, streamed: message entries come folder by folder
 * from the journals (placement.ts: folder directories in byte order, then "<id>.eml"), then
 * the other payload files (data/index…, data/record…,
 * data/registers… all sort after data/eml/).
 */
async function writeManifests(
  i: FinalizeInput,
  other: Map<string, FileDigest>,
  write: WriteOptions,
): Promise<{ sha256: FileDigest; sha512: FileDigest; octets: number; files: number }> {
  const m256 = await HashingWriter.create(join(i.bagDir, BAG_FILES.manifestSha256), write);
  const m512 = await HashingWriter.create(join(i.bagDir, BAG_FILES.manifestSha512), write);
  let octets = 0;
  let files = 0;
  for await (const { path, entry: e } of placedEntries(i.state, i.folders, i.placement)) {
    await m256.write(manifestLine({ path, digest: e.sha256 }));
    await m512.write(manifestLine({ path, digest: e.sha512 }));
    octets += e.size;
    files += 1;
  }
  const rest = [...other].sort(([a], [b]) => compareBagPaths(a, b));
  for (const [path, d] of rest) {
    await m256.write(manifestLine({ path, digest: d.sha256 }));
    await m512.write(manifestLine({ path, digest: d.sha512 }));
    octets += d.size;
    files += 1;
  }
  return { sha256: await m256.close(), sha512: await m512.close(), octets, files };
}

function makeRecord(
  i: FinalizeInput,
  stats: Map<string, FolderStats>,
  registers: HandoverRecord['registers'],
  credentialSha256: string,
): HandoverRecord {
  const folders: RecordFolder[] = i.folders.map((f) => {
    const s = stats.get(f.id) ?? { messages: 0, bytes: 0, oldest: null, newest: null };
    return {
      id: f.id,
      name: f.path,
      selectable: f.selectable,
      specialUse: f.specialUse,
      messages: s.messages,
      bytes: s.bytes,
      oldest: s.oldest,
      newest: s.newest,
      uidValidity: f.uidValidity ?? '',
      uidNext: f.uidNext ?? 0,
      highestModseq: f.highestModseq,
    };
  });
  const dated = folders.filter((f) => f.oldest !== null);
  const pick = (values: string[], cmp: (a: number, b: number) => boolean): string | null =>
    values.reduce<string | null>((best, v) => (best === null || cmp(Date.parse(v), Date.parse(best)) ? v : best), null);
  return {
    version: 1,
    title: RECORD_TITLE,
    unit: i.parties.unit,
    place: i.parties.place,
    createdAt: rfc3339(i.clock.now()),
    mailbox: i.mailbox,
    outgoing: i.parties.outgoing,
    incoming: i.parties.incoming,
    witness: i.parties.witness,
    snapshot: {
      startedAt: i.startedAt,
      finishedAt: i.finishedAt,
      consistent: i.changes.length === 0,
      changes: i.changes,
    },
    folders,
    totals: {
      folders: folders.length,
      messages: folders.reduce((n, f) => n + f.messages, 0),
      bytes: folders.reduce((n, f) => n + f.bytes, 0),
      oldest: pick(
        dated.map((f) => f.oldest as string),
        (a, b) => a < b,
      ),
      newest: pick(
        dated.map((f) => f.newest as string),
        (a, b) => a > b,
      ),
    },
    registers,
    ledger: i.records.summary,
    openDirectives: i.openDirectives,
    credential: {
      sha256: credentialSha256,
      recipientCertificateSha256: sha256Fingerprint(i.recipientCertificate),
      passwordResetRequired: true,
    },
  };
}

function bagInfo(i: FinalizeInput, record: HandoverRecord, oxum: string): BagInfo {
  const now = i.clock.now();
  const stamp = rfc3339(now);
  const agent = `unit-mailbox${i.softwareVersion ? ` ${i.softwareVersion}` : ''}`;
  const { outgoing, incoming } = i.parties;
  const info: BagInfo = [
    ['Bag-Type', 'Mailbag'],
    ['Mailbag-Source', 'imap'],
    ['Mailbag-Specification-Version', '1.0'],
    ['Original-Included', 'False'],
    ['Bagging-Date', stamp.slice(0, 10)],
    ['Bagging-Timestamp', stamp],
    // One token (the mailbox has its own label, Mailbox-Address).
    ['External-Identifier', `urn:uuid:${i.exportId}`],
    ['BagIt-Profile-Identifier', BAGIT_PROFILE_ID],
    ['BagIt-Profile-Version', BAGIT_PROFILE_VERSION],
    ['Mailbag-Agent', 'unit-mailbox'],
    ['Mailbag-Agent-Version', i.softwareVersion ?? ''],
    ['Capture-Date', i.startedAt],
    ['Capture-Agent', 'imapflow (IMAP EXAMINE, BODY.PEEK[])'],
    ['IMAP-User', i.imapSource?.user ?? ''],
    ['IMAP-Host', i.imapSource?.host ?? ''],
    [
      'EML-Format-Details',
      'RFC 5322 message, byte-exact as the server returned BODY[]; file name = Mailbag-Message-ID (IMAP UID in data/index/messages.csv)',
    ],
    ['Source-Organization', i.parties.unit],
    ['Contact-Name', outgoing.name],
    ['Contact-Email', outgoing.email],
    ['Mailbox-Address', i.mailbox],
    ['Bag-Software-Agent', agent],
    [
      'Internal-Sender-Description',
      `${RECORD_TITLE} ${i.mailbox}: ${outgoing.name}${outgoing.title ? ` (${outgoing.title})` : ''} bàn giao cho ${incoming.name}${incoming.title ? ` (${incoming.title})` : ''}; ${record.totals.messages} thư trong ${record.totals.folders} thư mục`,
    ],
    ['Payload-Oxum', oxum],
  ];
  return info.filter(([, value]) => value !== '');
}
