// The app's record folder tree inside the unit mailbox (see shared/records.ts):
// created on demand with the server's own delimiter and personal namespace
// prefix, written by APPEND, read with EXAMINE + BODY.PEEK[] so reading never
// changes a flag.
import type { ImapFlow } from 'imapflow';
import { RECORD_FOLDERS, RECORD_ROOT, recordFolderPath, type RecordKind } from '../../../shared/records.ts';
import { AppError } from '../errors/app-error.ts';
import { parseRecordMessage, type ParsedRecordMessage } from './record-message.ts';

export interface RecordTree {
  delimiter: string;
  prefix: string;
  root: string;
  paths: Record<RecordKind, string>;
}

export interface StoredRecord {
  uid: number;
  /** The parsed parts, or why the message could not be read as a record. */
  record: ParsedRecordMessage | null;
  error: string | null;
}

/** Paths of the tree for this connection (no server round trip). */
export function recordTree(client: ImapFlow): RecordTree {
  const ns = client.namespace;
  const delimiter = ns?.delimiter || '/';
  const prefix = ns?.prefix ?? '';
  const paths = Object.fromEntries(
    (Object.keys(RECORD_FOLDERS) as RecordKind[]).map((kind) => [kind, recordFolderPath(kind, delimiter, prefix)]),
  ) as Record<RecordKind, string>;
  return { delimiter, prefix, root: `${prefix}${RECORD_ROOT}`, paths };
}

/** Creates whatever part of the tree is missing (CREATE of an existing folder is harmless). */
export async function ensureRecordTree(client: ImapFlow): Promise<RecordTree> {
  const tree = recordTree(client);
  const existing = new Set((await client.list()).map((f) => f.path));
  for (const path of [tree.root, ...Object.values(tree.paths)]) {
    if (existing.has(path)) continue;
    try {
      await client.mailboxCreate(path);
    } catch (e) {
      throw new AppError('INTERNAL', `cannot create record folder ${path}: ${(e as Error).message}`, {
        messageVi: `Không tạo được thư mục lưu sổ "${path}" trong hộp thư.`,
        cause: e,
      });
    }
  }
  return tree;
}

/** Appends one record message; resolves to its UID when the server reports it (UIDPLUS). */
export async function appendRecord(
  client: ImapFlow,
  path: string,
  message: Buffer,
  date: Date,
): Promise<number | null> {
  const result = await client.append(path, message, ['\\Seen'], date);
  return result ? (result.uid ?? null) : null;
}

/** Every message of a record folder, oldest UID first; a missing folder reads as empty. */
export async function readRecords(client: ImapFlow, path: string): Promise<StoredRecord[]> {
  const exists = (await client.list()).some((f) => f.path === path);
  if (!exists) return [];
  const sources: Array<{ uid: number; source: Buffer }> = [];
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const mailbox = client.mailbox;
    if (mailbox && typeof mailbox === 'object' && mailbox.exists > 0) {
      for await (const msg of client.fetch('1:*', { uid: true, source: true })) {
        if (msg.source) sources.push({ uid: msg.uid, source: msg.source });
      }
    }
  } finally {
    lock.release();
  }
  sources.sort((a, b) => a.uid - b.uid);
  const out: StoredRecord[] = [];
  for (const { uid, source } of sources) {
    try {
      out.push({ uid, record: await parseRecordMessage(source), error: null });
    } catch (e) {
      out.push({ uid, record: null, error: (e as Error).message });
    }
  }
  return out;
}
