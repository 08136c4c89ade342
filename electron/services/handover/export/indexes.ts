// The payload indexes (data/index/messages.csv, messages.jsonl, folders.json) and the Mailbag
// tag file mailbag.csv, written in one pass over the journals: folder order, then UID, so that
// a resumed export writes the same bytes as an uninterrupted one. That order numbers the
// messages (Mailbag-Message-ID 1…N), and each file is named by its number (placement.ts).
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { BAG_FILES, MAILBAG_CSV_ROWS_PER_FILE, STATE_DIR, mailbagCsvNames } from '../bag/bag-layout.ts';
import { csvRow } from '../bag/csv.ts';
import type { FileDigest } from '../bag/file-hash.ts';
import { HashingWriter, writeHashed, type WriteOptions } from '../bag/hashing-writer.ts';
import { decodeHeaders } from '../../mail/decode/decode-headers.ts';
import { readHeaderBlock } from '../../mail/decode/header-file.ts';
import type { Address } from '../../../../shared/mail.ts';
import type { ExportState } from './export-state.ts';
import type { MessageEntry } from './message-entry.ts';
import { placedPath, type Placement } from './placement.ts';
import type { FolderSnapshot, FolderStatus } from './snapshot.ts';

export const MESSAGES_CSV_HEADER = [
  'folder',
  'folder_id',
  'uid',
  'uidvalidity',
  'flags',
  'keywords',
  'internaldate',
  'size',
  'sha256',
  'message_id',
  'modseq',
  'path',
  'mailbag_message_id',
] as const;

export const MAILBAG_CSV_HEADER = [
  'Error',
  'Mailbag-Message-ID',
  'Message-ID',
  'Original-File',
  'Message-Path',
  'Derivatives-Path',
  'Attachments',
  'Date',
  'From',
  'To',
  'Cc',
  'Bcc',
  'Subject',
  'Content-Type',
] as const;

export interface FolderStats {
  messages: number;
  bytes: number;
  oldest: string | null;
  newest: string | null;
}

/** One entry of data/index/folders.json. */
export interface FolderIndexEntry {
  id: string;
  /** Directory of its messages under data/eml/. */
  dir: string;
  name: string;
  rawName: string;
  delimiter: string;
  specialUse: string | null;
  subscribed: boolean;
  selectable: boolean;
  attributes: string[];
  uidValidity: string | null;
  uidNext: number | null;
  highestModseq: string | null;
  /** The same, re-read when all messages were fetched; null for a folder gone by then. */
  end: FolderStatus | null;
  /** Messages and bytes in this bag. */
  messages: number;
  bytes: number;
  oldest: string | null;
  newest: string | null;
}

export interface IndexResult {
  stats: Map<string, FolderStats>;
  /** Payload files written, with digests (for the manifests). */
  payload: Map<string, FileDigest>;
  /** Tag files written (mailbag.csv or its parts). */
  tags: Map<string, FileDigest>;
  messages: number;
}

export async function writeIndexes(
  bagDir: string,
  folders: FolderSnapshot[],
  state: ExportState,
  placement: Placement,
  write: WriteOptions = {},
): Promise<IndexResult> {
  const stats = new Map<string, FolderStats>();
  const csv = await HashingWriter.create(join(bagDir, BAG_FILES.messagesCsv), write);
  const jsonl = await HashingWriter.create(join(bagDir, BAG_FILES.messagesJsonl), write);
  // mailbag.csv parts are named once the count is known (mailbag.csv, or mailbag-1.csv…).
  const parts: { tmp: string; digest: FileDigest }[] = [];
  let mailbag: HashingWriter | null = null;
  let seq = 0;
  await csv.write(csvRow(MESSAGES_CSV_HEADER));

  for (const f of folders) {
    const s: FolderStats = { messages: 0, bytes: 0, oldest: null, newest: null };
    const place = placement.get(f.id) ?? { dir: f.dir, first: seq + 1, count: 0 };
    for await (const e of state.entries(f.id)) {
      const path = placedPath(place, s.messages);
      const mailbagId = place.first + s.messages;
      s.messages += 1;
      s.bytes += e.size;
      if (e.internalDate) {
        if (s.oldest === null || Date.parse(e.internalDate) < Date.parse(s.oldest)) s.oldest = e.internalDate;
        if (s.newest === null || Date.parse(e.internalDate) > Date.parse(s.newest)) s.newest = e.internalDate;
      }
      await csv.write(csvRow(indexRow(f, e, path, mailbagId)));
      await jsonl.write(`${JSON.stringify(indexObject(f, e, path, mailbagId))}\n`);

      // Mailbag §5.3.3: a new file every 100,000 rows; only the first has the header.
      if (seq % MAILBAG_CSV_ROWS_PER_FILE === 0) {
        if (mailbag) parts.push({ tmp: mailbagPart(bagDir, parts.length), digest: await mailbag.close() });
        mailbag = await HashingWriter.create(mailbagPart(bagDir, parts.length), write);
        if (parts.length === 0) await mailbag.write(csvRow(MAILBAG_CSV_HEADER));
      }
      seq += 1;
      const header = await mailbagText(bagDir, path, e);
      await mailbag?.write(
        csvRow([
          '',
          mailbagId,
          e.messageId,
          '',
          f.path.split(f.delimiter).join('/'),
          f.dir,
          e.attachments,
          ...header,
          e.contentType,
        ]),
      );
    }
    stats.set(f.id, s);
  }
  if (!mailbag) {
    mailbag = await HashingWriter.create(mailbagPart(bagDir, 0), write);
    await mailbag.write(csvRow(MAILBAG_CSV_HEADER));
  }
  parts.push({ tmp: mailbagPart(bagDir, parts.length), digest: await mailbag.close() });
  const tags = new Map<string, FileDigest>();
  const names = mailbagCsvNames(seq);
  for (const [i, part] of parts.entries()) {
    const name = names[i] as string;
    await rename(part.tmp, join(bagDir, name));
    tags.set(name, part.digest);
  }
  const payload = new Map<string, FileDigest>();
  payload.set(BAG_FILES.messagesCsv, await csv.close());
  payload.set(BAG_FILES.messagesJsonl, await jsonl.close());
  return { stats, payload, tags, messages: seq };
}

export async function writeFoldersIndex(
  bagDir: string,
  folders: FolderSnapshot[],
  stats: Map<string, FolderStats>,
  end: Map<string, FolderStatus & { selectable: boolean }>,
  write: WriteOptions = {},
): Promise<{ entries: FolderIndexEntry[]; digest: FileDigest }> {
  const entries = folders.map((f): FolderIndexEntry => {
    const s = stats.get(f.id) ?? { messages: 0, bytes: 0, oldest: null, newest: null };
    const now = end.get(f.path);
    return {
      id: f.id,
      dir: f.dir,
      name: f.path,
      rawName: f.rawPath,
      delimiter: f.delimiter,
      specialUse: f.specialUse,
      subscribed: f.subscribed,
      selectable: f.selectable,
      attributes: f.attributes,
      uidValidity: f.uidValidity,
      uidNext: f.uidNext,
      highestModseq: f.highestModseq,
      end: now
        ? {
            uidValidity: now.uidValidity,
            uidNext: now.uidNext,
            highestModseq: now.highestModseq,
            messages: now.messages,
          }
        : null,
      messages: s.messages,
      bytes: s.bytes,
      oldest: s.oldest,
      newest: s.newest,
    };
  });
  const digest = await writeHashed(join(bagDir, BAG_FILES.foldersJson), `${JSON.stringify(entries, null, 2)}\n`, write);
  return { entries, digest };
}

const addressText = (list: Address[]) =>
  list
    .map((a) => (a.name ? `${a.name} <${a.address}>` : a.address))
    .filter(Boolean)
    .join(', ');

/**
 * Date, From, To, Cc, Bcc and Subject for mailbag.csv, from the exported file's own header by
 * the decoder every view of the app uses (the ENVELOPE in the journal cannot read raw 8-bit or
 * TCVN3/VNI headers); the journal's values if the file cannot be read. Date is the Date header's
 * content as written (Mailbag §5.3.2); data/index/ keeps the times as RFC 3339.
 */
async function mailbagText(bagDir: string, path: string, e: MessageEntry): Promise<string[]> {
  try {
    const block = await readHeaderBlock(join(bagDir, path));
    const h = decodeHeaders(block);
    const date = rawHeader(block, 'date') ?? '';
    return [date, addressText(h.from), addressText(h.to), addressText(h.cc), addressText(h.bcc), h.subject];
  } catch {
    return [e.date, e.from, e.to, e.cc, e.bcc, e.subject];
  }
}

/** The first header field of that name, unfolded and trimmed; null when absent. */
export function rawHeader(block: Uint8Array, name: string): string | null {
  const text = Buffer.from(block).toString('latin1');
  const m = new RegExp(`(?:^|\\n)${name}[ \\t]*:([^\\n]*(?:\\r?\\n[ \\t][^\\n]*)*)`, 'i').exec(text);
  if (!m) return null;
  return (m[1] as string)
    .replace(/\r?\n(?=[ \t])/g, '')
    .replace(/\r$/, '')
    .trim();
}

const mailbagPart = (bagDir: string, i: number) => join(bagDir, STATE_DIR, `mailbag-${i}.csv`);

function indexRow(f: FolderSnapshot, e: MessageEntry, path: string, mailbagId: number): (string | number)[] {
  return [
    f.path,
    f.id,
    e.uid,
    f.uidValidity ?? '',
    e.flags.join(' '),
    e.keywords.join(' '),
    e.internalDate,
    e.size,
    e.sha256,
    e.messageId,
    e.modseq ?? '',
    path,
    mailbagId,
  ];
}

function indexObject(f: FolderSnapshot, e: MessageEntry, path: string, mailbagId: number) {
  return {
    folder: f.path,
    folder_id: f.id,
    uid: e.uid,
    uidvalidity: f.uidValidity,
    flags: e.flags,
    keywords: e.keywords,
    internaldate: e.internalDate,
    size: e.size,
    sha256: e.sha256,
    message_id: e.messageId,
    modseq: e.modseq,
    path,
    mailbag_message_id: mailbagId,
    date: e.date,
  };
}
