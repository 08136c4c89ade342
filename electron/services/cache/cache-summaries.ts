// Reading the cache: the folder list, a folder's page of summaries, a conversation, the
// directives, the rows behind search hits and the folders whose text is not all indexed. Every
// query goes through the cache's prepared-statement cache (`prepare`); nothing here writes.
import type { Address, CachedSummary, FolderInfo, SortKey } from '../../../shared/mail.ts';
import { isRecordFolder } from '../../../shared/records.ts';
import type { Prepare } from './prepare.ts';

export interface ListQuery {
  folder: string;
  sort?: SortKey;
  descending?: boolean;
  offset?: number;
  limit?: number;
  unread?: boolean;
  flagged?: boolean;
  withAttachments?: boolean;
}

const SORT_SQL: Record<SortKey, string> = {
  date: 'm.date',
  from: 'm.from_sort',
  subject: 'm.subject_sort',
};

// Directives received: not the copies in Sent, Drafts, Trash or Junk.
const DIRECTIVES_WHERE = `m.is_directive = 1
  AND (f.special_use IS NULL OR f.special_use NOT IN ('\\Sent', '\\Drafts', '\\Trash', '\\Junk'))`;

const SUMMARY_COLUMNS = `m.id, f.path AS folder, m.uid, m.date, m.from_json, m.to_json, m.subject, m.flags, m.size, m.has_attachments,
  m.thread_id, m.is_directive, m.urgency, m.directive_kind, m.date_from_internal, COALESCE(m.snippet, '') AS snippet`;

const SUMMARIES = `SELECT ${SUMMARY_COLUMNS} FROM messages m JOIN folders f ON f.id = m.folder_id`;

type Row = Record<string, unknown>;

/** The folders as listed (counts from the cache where it holds the folder), record tree left out. */
export function folderInfos(prepare: Prepare): FolderInfo[] {
  const rows = prepare(
    `SELECT f.path, f.name, f.parent_path, f.delimiter, f.special_use, f.subscribed, f.selectable,
            COALESCE((SELECT COUNT(*) FROM messages m WHERE m.folder_id = f.id), f.messages) AS messages,
            COALESCE((SELECT COUNT(*) FROM messages m WHERE m.folder_id = f.id AND m.seen = 0), f.unseen) AS unseen,
            f.complete
     FROM folders f ORDER BY f.path`,
  ).all() as Row[];
  // The app's record tree is synced like any folder but never listed (shared/records.ts).
  return rows
    .filter((r) => !isRecordFolder(r.path as string, r.delimiter as string))
    .map((r) => ({
      path: r.path as string,
      name: r.name as string,
      parentPath: (r.parent_path as string | null) ?? null,
      delimiter: r.delimiter as string,
      specialUse: (r.special_use as FolderInfo['specialUse']) ?? null,
      subscribed: r.subscribed === 1,
      selectable: r.selectable === 1,
      messages: r.messages as number | null,
      unseen: r.unseen as number | null,
    }));
}

/** One page of a folder, sorted and filtered, with how many there are. */
export function listSummaries(prepare: Prepare, q: ListQuery): { total: number; rows: CachedSummary[] } {
  const where = ['m.folder_id = (SELECT id FROM folders WHERE path = ?)'];
  if (q.unread) where.push('m.seen = 0');
  if (q.flagged) where.push('m.flagged = 1');
  if (q.withAttachments) where.push('m.has_attachments = 1');
  const dir = q.descending === false ? 'ASC' : 'DESC';
  const whereSql = where.join(' AND ');
  const total = (prepare(`SELECT COUNT(*) AS n FROM messages m WHERE ${whereSql}`).get(q.folder) as { n: number }).n;
  const rows = prepare(
    `${SUMMARIES} WHERE ${whereSql} ORDER BY ${SORT_SQL[q.sort ?? 'date']} ${dir}, m.uid ${dir} LIMIT ? OFFSET ?`,
  ).all(q.folder, q.limit ?? 100, q.offset ?? 0) as Row[];
  return { total, rows: rows.map(toCachedSummary) };
}

/** Messages of one conversation, oldest first, across folders. */
export function threadSummaries(prepare: Prepare, threadId: string): CachedSummary[] {
  const rows = prepare(`${SUMMARIES} WHERE m.thread_id = ? ORDER BY m.date ASC`).all(threadId) as Row[];
  return rows.map(toCachedSummary);
}

/** Directives received, most urgent then newest first. */
export function directiveSummaries(prepare: Prepare, limit: number, offset: number): CachedSummary[] {
  const rows = prepare(
    `${SUMMARIES} WHERE ${DIRECTIVES_WHERE} ORDER BY m.urgency DESC, m.date DESC, m.id DESC LIMIT ? OFFSET ?`,
  ).all(limit, offset) as Row[];
  return rows.map(toCachedSummary);
}

/** How many directives the cache holds (the view's and the CLI's total). */
export function countDirectives(prepare: Prepare): number {
  const sql = `SELECT COUNT(*) AS n FROM messages m JOIN folders f ON f.id = m.folder_id WHERE ${DIRECTIVES_WHERE}`;
  return (prepare(sql).get() as { n: number }).n;
}

/** The summaries of these messages (ids), in the order given; an id no longer cached is left out. */
export function summariesByIds(prepare: Prepare, ids: readonly number[]): CachedSummary[] {
  if (ids.length === 0) return [];
  const rows = prepare(`${SUMMARIES} WHERE m.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[];
  const byId = new Map(rows.map((r) => [r.id as number, toCachedSummary(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Cached summaries for UIDs of a folder (found by the server's SEARCH), newest first. */
export function summariesByUids(prepare: Prepare, path: string, uids: readonly number[]): CachedSummary[] {
  if (uids.length === 0) return [];
  const rows = prepare(
    `${SUMMARIES} WHERE f.path = ? AND m.uid IN (SELECT value FROM json_each(?)) ORDER BY m.date DESC`,
  ).all(path, JSON.stringify(uids)) as Row[];
  return rows.map(toCachedSummary);
}

/** Folders whose text is not all indexed (or not synced yet): the server must be asked there. */
export function foldersNotIndexed(prepare: Prepare): string[] {
  const rows = prepare(
    `SELECT f.path, f.delimiter FROM folders f WHERE f.selectable = 1 AND (f.complete = 0
       OR EXISTS (SELECT 1 FROM messages m WHERE m.folder_id = f.id AND m.text_indexed = 0))`,
  ).all() as Array<{ path: string; delimiter: string }>;
  return rows.filter((r) => !isRecordFolder(r.path, r.delimiter)).map((r) => r.path);
}

function toCachedSummary(r: Row): CachedSummary {
  return {
    folder: r.folder as string,
    uid: r.uid as number,
    date: r.date === null ? null : new Date(r.date as number).toISOString(),
    dateSource: r.date === null ? null : r.date_from_internal === 1 ? 'internal' : 'header',
    from: JSON.parse(r.from_json as string) as Address[],
    to: JSON.parse(r.to_json as string) as Address[],
    subject: r.subject as string,
    flags: JSON.parse(r.flags as string) as string[],
    size: r.size as number,
    hasAttachments: r.has_attachments === 1,
    threadId: r.thread_id as string,
    isDirective: r.is_directive === 1,
    urgency: r.urgency as number,
    directiveKind: (r.directive_kind as CachedSummary['directiveKind']) ?? null,
    snippet: r.snippet as string,
  };
}
