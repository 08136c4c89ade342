// Names and fixed contents of the handover bag (BagIt 1.0, Mailbag profile). The exporter
// writes exactly these and the verifier allows nothing else, so both read them from here.

/** RFC 8493 §2.1.1, byte for byte: no BOM, LF line ends. */
export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

export const BAG_FILES = {
  bagit: 'bagit.txt',
  bagInfo: 'bag-info.txt',
  manifestSha256: 'manifest-sha256.txt',
  manifestSha512: 'manifest-sha512.txt',
  tagmanifestSha256: 'tagmanifest-sha256.txt',
  tagmanifestSha512: 'tagmanifest-sha512.txt',
  mailbag: 'mailbag.csv',
  guide: 'HUONG-DAN-KIEM-TRA.txt',
  /** Ties the signed record (PDF) to this bag: see record/record-binding.ts. */
  recordBinding: 'record-binding.json',
  credential: 'handover/credential.p7m',
  tagmanifestSignature: 'seal/tagmanifest-sha256.txt.p7s',
  recordPdf: 'seal/bien-ban.pdf',
  recordPdfSignature: 'seal/bien-ban.pdf.p7s',
  messagesCsv: 'data/index/messages.csv',
  messagesJsonl: 'data/index/messages.jsonl',
  foldersJson: 'data/index/folders.json',
  recordJson: 'data/record/bien-ban.json',
} as const;

export const EML_DIR = 'data/eml';
export const REGISTERS_DIR = 'data/registers';
/** Working state of an unfinished export; its presence marks the bag as incomplete. */
export const STATE_DIR = '.export-state';

/** Mailbag §5.3.3: mailbag.csv is split into mailbag-1.csv… past this many messages. */
export const MAILBAG_CSV_ROWS_PER_FILE = 100_000;

/**
 * A message file: data/eml/<folder dir>/<Mailbag-Message-ID>.eml (Mailbag §4.4.1.2). The id
 * numbers the messages 1…N in mailbag.csv order (folder order, then UID).
 */
export const emlPath = (folderDir: string, mailbagId: number): string => `${EML_DIR}/${folderDir}/${mailbagId}.eml`;

/** Where a message is downloaded to, by UID, before the bag's files are named (export/placement.ts). */
export const stagedEmlPath = (folderId: string, uid: number): string => `${STATE_DIR}/eml/${folderId}/${uid}.eml`;

/** The published BagIt profile (resources/bagit-profile-unit-mailbox.json) the bag declares. */
export const BAGIT_PROFILE_ID =
  'https://raw.githubusercontent.com/unit-mailbox/unit-mailbox/main/resources/bagit-profile-unit-mailbox.json';
export const BAGIT_PROFILE_VERSION = '1.0.0';

/** Orders numbers as "<n>.eml" sorts in a manifest: ASCII, so byte order is string order. */
export function compareEmlUids(a: number, b: number): number {
  const x = `${a}.eml`;
  const y = `${b}.eml`;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Folder ids and register names are ASCII so that every tool agrees on manifest paths. */
export const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

/** Tag files covered by tagmanifest-sha256.txt, besides the optional split mailbag-N.csv. */
export const TAG_FILES_FIXED: readonly string[] = [
  BAG_FILES.bagit,
  BAG_FILES.bagInfo,
  BAG_FILES.manifestSha256,
  BAG_FILES.manifestSha512,
  BAG_FILES.guide,
  BAG_FILES.credential,
  BAG_FILES.recordBinding,
];

/** mailbag.csv, or mailbag-1.csv, mailbag-01.csv… when split. */
export const MAILBAG_CSV_NAME = /^mailbag(-\d+)?\.csv$/;

/** Files allowed in seal/: the export's own, plus acceptance receipts added later by the incoming head. */
export function isAllowedSealFile(name: string): boolean {
  return (
    name === BAG_FILES.tagmanifestSignature ||
    name === BAG_FILES.recordPdf ||
    name === BAG_FILES.recordPdfSignature ||
    /^seal\/acceptance-[A-Za-z0-9._-]+$/.test(name)
  );
}

/** Names of the split mailbag CSV files for `messages` rows (Mailbag §5.3.3). */
export function mailbagCsvNames(messages: number): string[] {
  if (messages <= MAILBAG_CSV_ROWS_PER_FILE) return [BAG_FILES.mailbag];
  const parts = Math.ceil(messages / MAILBAG_CSV_ROWS_PER_FILE);
  const width = String(parts).length;
  return Array.from({ length: parts }, (_, i) => `mailbag-${String(i + 1).padStart(width, '0')}.csv`);
}
