// The indexes against the files: every row of data/index/messages.csv has its .eml with the
// same SHA-256 and size, every .eml has its row, messages.jsonl says the same, and the
// per-folder counts and bytes agree with data/index/folders.json and the record.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isAppError } from '../../errors/app-error.ts';
import { BAG_FILES, EML_DIR } from '../bag/bag-layout.ts';
import { readCsvFile } from '../bag/csv.ts';
import type { FileDigest } from '../bag/file-hash.ts';
import type { HandoverRecord } from '../record/record-types.ts';
import { MESSAGES_CSV_HEADER } from '../export/indexes.ts';
import type { FoundFile } from './bag-files.ts';
import type { Problems } from './problems.ts';

export interface IndexCheckInput {
  dir: string;
  files: Map<string, FoundFile>;
  /** The payload digests; awaited last, so the indexes are parsed while the payload is hashed. */
  digests: Promise<Map<string, FileDigest>>;
  /** data/record/bien-ban.json as read by readRecord(). */
  record: HandoverRecord | null;
  problems: Problems;
}

export interface IndexCheckResult {
  messages: number;
  folders: number;
}

interface Row {
  folderId: string;
  uid: number;
  size: number;
  sha256: string;
  path: string;
  /** Mailbag-Message-ID: the rows number the messages 1…N, and the file is named by it. */
  mailbagId: number;
  /** Where the row starts in messages.csv. */
  line: number;
}

const COL = Object.fromEntries(MESSAGES_CSV_HEADER.map((name, i) => [name, i])) as Record<
  (typeof MESSAGES_CSV_HEADER)[number],
  number
>;

export async function checkIndexes(i: IndexCheckInput): Promise<IndexCheckResult> {
  const { files, problems } = i;
  const rows = await readRows(i);
  const emlOnDisk = [...files.keys()].filter((p) => p.startsWith(`${EML_DIR}/`));
  const messages = emlOnDisk.filter((p) => p.endsWith('.eml')).length;
  if (rows === null) {
    // No usable index (one problem says why): only what does not depend on it is compared.
    if (!files.has(BAG_FILES.messagesJsonl))
      problems.add(BAG_FILES.messagesJsonl, 'missing', 'required file is missing');
    return { messages, folders: await checkFolders(i, null, emlOnDisk) };
  }
  const byPath = new Map<string, { row: Row; line: number }>();
  const perFolder = new Map<string, { messages: number; bytes: number }>();

  for (const [n, row] of rows.entries()) {
    const { line } = row;
    if (row.mailbagId !== n + 1 || !row.path.startsWith(`${EML_DIR}/`) || !row.path.endsWith(`/${row.mailbagId}.eml`))
      problems.add(
        BAG_FILES.messagesCsv,
        'index',
        `line ${line}: path ${row.path} is not named by Mailbag-Message-ID ${n + 1}`,
      );
    if (byPath.has(row.path)) {
      problems.add(row.path, 'index', `listed twice in ${BAG_FILES.messagesCsv} (line ${line})`);
      continue;
    }
    byPath.set(row.path, { row, line });
    const f = perFolder.get(row.folderId) ?? { messages: 0, bytes: 0 };
    f.messages += 1;
    f.bytes += row.size;
    perFolder.set(row.folderId, f);
    if (!files.has(row.path))
      problems.add(row.path, 'index', `${BAG_FILES.messagesCsv} line ${line} lists a message file that is missing`);
  }
  for (const path of emlOnDisk) {
    if (!byPath.has(path)) problems.add(path, 'index', `message file not listed in ${BAG_FILES.messagesCsv}`);
  }
  await checkJsonl(i, rows);
  const folders = await checkFolders(i, perFolder, emlOnDisk);
  checkRecordTotals(i, rows);

  const digests = await i.digests;
  for (const [path, { row, line }] of byPath) {
    const d = digests.get(path);
    if (!d) continue;
    if (d.sha256 !== row.sha256)
      problems.add(path, 'index', `SHA-256 differs from ${BAG_FILES.messagesCsv} line ${line}`);
    if (d.size !== row.size)
      problems.add(path, 'index', `size ${d.size} differs from ${row.size} in ${BAG_FILES.messagesCsv}`);
  }
  return { messages, folders };
}

/**
 * The rows of messages.csv, read strictly and streamed; null when the file is missing,
 * unreadable, malformed CSV or has another header, each reported as one problem naming the line.
 */
async function readRows(i: IndexCheckInput): Promise<Row[] | null> {
  const file = BAG_FILES.messagesCsv;
  if (!i.files.has(file)) {
    i.problems.add(file, 'missing', 'required file is missing');
    return null;
  }
  const rows: Row[] = [];
  let header: string[] | null = null;
  try {
    await readCsvFile(join(i.dir, file), file, ({ fields: r, line }) => {
      if (header === null) {
        header = r;
        return header.join(',') === MESSAGES_CSV_HEADER.join(',');
      }
      const uid = Number(r[COL.uid]);
      const size = Number(r[COL.size]);
      if (!Number.isInteger(uid) || !Number.isInteger(size)) {
        i.problems.add(file, 'index', `line ${line} is malformed`);
        return;
      }
      rows.push({
        folderId: r[COL.folder_id] ?? '',
        uid,
        size,
        sha256: (r[COL.sha256] ?? '').toLowerCase(),
        path: r[COL.path] ?? '',
        mailbagId: Number(r[COL.mailbag_message_id]),
        line,
      });
    });
  } catch (e) {
    if (isAppError(e)) i.problems.add(file, 'index', e.detail);
    else i.problems.add(file, 'unreadable', `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return null;
  }
  // (TypeScript cannot see the callback set it.)
  const found = header as string[] | null;
  if (found?.join(',') !== MESSAGES_CSV_HEADER.join(',')) {
    i.problems.add(file, 'index', `unexpected header: ${found?.join(',') ?? '(empty file)'}`);
    return null;
  }
  return rows;
}

async function checkJsonl(i: IndexCheckInput, rows: Row[]): Promise<void> {
  const text = await readText(i, BAG_FILES.messagesJsonl);
  if (text === null) return;
  const lines = text.split('\n').filter((l) => l !== '');
  if (lines.length !== rows.length) {
    i.problems.add(
      BAG_FILES.messagesJsonl,
      'index',
      `${lines.length} lines, ${BAG_FILES.messagesCsv} has ${rows.length} rows`,
    );
    return;
  }
  for (const [n, line] of lines.entries()) {
    const row = rows[n] as Row;
    let o: { path?: unknown; sha256?: unknown; size?: unknown; uid?: unknown; folder_id?: unknown };
    try {
      o = JSON.parse(line) as typeof o;
    } catch {
      i.problems.add(BAG_FILES.messagesJsonl, 'index', `line ${n + 1} is not JSON`);
      continue;
    }
    if (o.path !== row.path || o.sha256 !== row.sha256 || o.size !== row.size || o.uid !== row.uid)
      i.problems.add(BAG_FILES.messagesJsonl, 'index', `line ${n + 1} differs from ${BAG_FILES.messagesCsv}`);
  }
}

/** folders.json against the files on disk, and against the index unless `perFolder` is null. */
async function checkFolders(
  i: IndexCheckInput,
  perFolder: Map<string, { messages: number; bytes: number }> | null,
  emlOnDisk: string[],
): Promise<number> {
  const text = await readText(i, BAG_FILES.foldersJson);
  if (text === null) return 0;
  let folders: { id?: unknown; dir?: unknown; name?: unknown; messages?: unknown; bytes?: unknown }[];
  try {
    folders = JSON.parse(text) as typeof folders;
    if (!Array.isArray(folders)) throw new Error('not an array');
  } catch (e) {
    i.problems.add(BAG_FILES.foldersJson, 'index', `not a JSON array of folders (${(e as Error).message})`);
    return 0;
  }
  // Message files sit in their folder's directory (nested names, folders.json "dir").
  const idOfDir = new Map(folders.map((f) => [String(f.dir ?? f.id), String(f.id)]));
  const onDisk = new Map<string, number>();
  for (const p of emlOnDisk) {
    const dir = p.slice(EML_DIR.length + 1, p.lastIndexOf('/'));
    const id = idOfDir.get(dir) ?? dir;
    onDisk.set(id, (onDisk.get(id) ?? 0) + 1);
  }
  const ids = new Set<string>();
  for (const f of folders) {
    const id = String(f.id);
    ids.add(id);
    const indexed = perFolder?.get(id) ?? { messages: 0, bytes: 0 };
    const name = typeof f.name === 'string' ? f.name : id;
    if (perFolder && f.messages !== indexed.messages)
      i.problems.add(
        BAG_FILES.foldersJson,
        'folder-count',
        `folder "${name}" (${id}): ${String(f.messages)} messages declared, ${indexed.messages} in ${BAG_FILES.messagesCsv}`,
      );
    if (perFolder && f.bytes !== indexed.bytes)
      i.problems.add(
        BAG_FILES.foldersJson,
        'folder-count',
        `folder "${name}" (${id}): ${String(f.bytes)} bytes declared, ${indexed.bytes} in ${BAG_FILES.messagesCsv}`,
      );
    const files = onDisk.get(id) ?? 0;
    if (f.messages !== files)
      i.problems.add(
        `${EML_DIR}/${String(f.dir ?? id)}/`,
        'folder-count',
        `folder "${name}": ${String(f.messages)} messages declared in ${BAG_FILES.foldersJson}, ${files} files present`,
      );
  }
  for (const id of new Set([...(perFolder?.keys() ?? []), ...onDisk.keys()])) {
    if (!ids.has(id))
      i.problems.add(`${EML_DIR}/${id}/`, 'folder-count', `folder id ${id} is not in ${BAG_FILES.foldersJson}`);
  }
  return folders.length;
}

/** The record, parsed; null (with a problem) when missing or not JSON. */
export async function readRecord(i: Omit<IndexCheckInput, 'digests' | 'record'>): Promise<HandoverRecord | null> {
  const text = await readText(i, BAG_FILES.recordJson);
  if (text === null) return null;
  try {
    return JSON.parse(text) as HandoverRecord;
  } catch (e) {
    i.problems.add(BAG_FILES.recordJson, 'record', `not JSON (${(e as Error).message})`);
    return null;
  }
}

function checkRecordTotals(i: IndexCheckInput, rows: Row[]): void {
  const { record } = i;
  if (!record) return;
  const messages = rows.length;
  const bytes = rows.reduce((n, r) => n + r.size, 0);
  if (record.totals?.messages !== messages)
    i.problems.add(
      BAG_FILES.recordJson,
      'record',
      `the record states ${String(record.totals?.messages)} messages, the index has ${messages}`,
    );
  if (record.totals?.bytes !== bytes)
    i.problems.add(
      BAG_FILES.recordJson,
      'record',
      `the record states ${String(record.totals?.bytes)} bytes, the index has ${bytes}`,
    );
}

async function readText(i: Pick<IndexCheckInput, 'dir' | 'files' | 'problems'>, path: string): Promise<string | null> {
  if (!i.files.has(path)) {
    i.problems.add(path, 'missing', 'required file is missing');
    return null;
  }
  try {
    return await readFile(join(i.dir, path), 'utf8');
  } catch (e) {
    i.problems.add(path, 'unreadable', `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return null;
  }
}
