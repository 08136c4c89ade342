import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { CachedSummary, FolderInfo, SortKey } from '../../../shared/mail.ts';
import { isRecordFolder } from '../../../shared/records.ts';
import { DEFAULT_DIRECTIVE_RULES, type DirectiveRules } from '../directives/directive-rules.ts';
import { classifyWithBody } from '../directives/directive-reclassify.ts';
import type { SearchQuery } from '../search/query.ts';
import {
  countDirectives,
  directiveSummaries,
  folderInfos,
  foldersNotIndexed,
  listSummaries,
  summariesByIds,
  summariesByUids,
  threadSummaries,
  type ListQuery,
} from './cache-summaries.ts';
import { migrate } from './schema.ts';
import { HeaderWriter, type CachedHeader } from './header-writer.ts';
import { SearchIndex, type SearchPageQuery } from './search-index.ts';

/** What the sync engine knows about a folder on the server. */
export interface FolderSyncState {
  uidValidity: number | null;
  uidNext: number | null;
  highestModseq: bigint | null;
  /** True once every message present at the last sync is in the cache. */
  complete: boolean;
}

export type { CachedHeader };
export type { CachedSummary, SortKey };

export interface FlagUpdate {
  uid: number;
  flags: string[];
  modseq: bigint | null;
}

export type { ListQuery };

/**
 * The local cache of one account: folders, headers, bodies and a full-text
 * index, in one node:sqlite file (WAL). Writes are grouped in transactions
 * so a crash leaves whole batches, never half of one.
 */
export class MailCache {
  readonly db: DatabaseSync;
  /** The full-text index of every message's text (search-index.ts). */
  readonly index: SearchIndex;
  private readonly headers: HeaderWriter;
  private rules: DirectiveRules;
  private readonly stmts: Record<string, StatementSync> = {};

  constructor(file: string, rules: DirectiveRules = DEFAULT_DIRECTIVE_RULES, options: { cacheMb?: number } = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.db = new DatabaseSync(file);
    this.db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA temp_store = MEMORY;',
    );
    // A page cache large enough for the indexes of a big folder: bulk inserts stop re-reading pages.
    this.db.exec(`PRAGMA cache_size = ${-1024 * (options.cacheMb ?? 64)}`);
    migrate(this.db);
    this.index = new SearchIndex(this.db);
    this.headers = new HeaderWriter(this.db, this.index);
    this.rules = rules;
  }

  close(): void {
    this.db.close();
  }

  private stmt(sql: string): StatementSync {
    let s = this.stmts[sql];
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts[sql] = s;
    }
    return s;
  }

  /** The statement cache, for the reading queries (cache-summaries.ts). */
  private readonly prepare = (sql: string): StatementSync => this.stmt(sql);

  transaction<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  // ---- folders ---------------------------------------------------------------

  /**
   * Replaces the folder list, keeping the sync state of folders that still exist; returns how many
   * cached messages went with folders no longer on the server (deleted or renamed).
   */
  saveFolders(folders: FolderInfo[]): number {
    let removed = 0;
    this.transaction(() => {
      const keep = new Set(folders.map((f) => f.path));
      for (const row of this.stmt('SELECT path FROM folders').all() as Array<{ path: string }>) {
        if (!keep.has(row.path)) removed += this.dropFolder(row.path);
      }
      const upsert = this
        .stmt(`INSERT INTO folders (path, name, parent_path, delimiter, special_use, subscribed, selectable, messages, unseen)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(path) DO UPDATE SET name = excluded.name, parent_path = excluded.parent_path, delimiter = excluded.delimiter,
          special_use = excluded.special_use, subscribed = excluded.subscribed, selectable = excluded.selectable,
          messages = excluded.messages, unseen = excluded.unseen`);
      for (const f of folders) {
        upsert.run(
          f.path,
          f.name,
          f.parentPath,
          f.delimiter,
          f.specialUse,
          f.subscribed ? 1 : 0,
          f.selectable ? 1 : 0,
          f.messages,
          f.unseen,
        );
      }
    });
    return removed;
  }

  folders(): FolderInfo[] {
    return folderInfos(this.prepare);
  }

  private folderId(path: string): number {
    const row = this.stmt('SELECT id FROM folders WHERE path = ?').get(path) as { id: number } | undefined;
    if (row) return row.id;
    const name = path.split('/').pop() ?? path;
    const info = this.stmt('INSERT INTO folders (path, name, delimiter, selectable) VALUES (?, ?, ?, 1)').run(
      path,
      name,
      '/',
    );
    return Number(info.lastInsertRowid);
  }

  folderState(path: string): FolderSyncState {
    const row = this.stmt('SELECT uidvalidity, uidnext, highestmodseq, complete FROM folders WHERE path = ?').get(
      path,
    ) as
      | { uidvalidity: number | null; uidnext: number | null; highestmodseq: string | null; complete: number }
      | undefined;
    if (!row) return { uidValidity: null, uidNext: null, highestModseq: null, complete: false };
    return {
      uidValidity: row.uidvalidity,
      uidNext: row.uidnext,
      highestModseq: row.highestmodseq === null ? null : BigInt(row.highestmodseq),
      complete: row.complete === 1,
    };
  }

  setFolderState(path: string, state: Partial<FolderSyncState>): void {
    const id = this.folderId(path);
    const cur = this.folderState(path);
    const next = { ...cur, ...state };
    this.stmt(
      'UPDATE folders SET uidvalidity = ?, uidnext = ?, highestmodseq = ?, complete = ?, synced_at = ? WHERE id = ?',
    ).run(
      next.uidValidity,
      next.uidNext,
      next.highestModseq === null ? null : next.highestModseq.toString(),
      next.complete ? 1 : 0,
      Date.now(),
      id,
    );
  }

  /** Forgets a folder's messages (UIDVALIDITY changed): its cache is void. */
  resetFolder(path: string): void {
    this.transaction(() => {
      const id = this.folderId(path);
      this.index.forget('SELECT id FROM messages WHERE folder_id = ?', id);
      this.stmt('DELETE FROM messages WHERE folder_id = ?').run(id);
      this.stmt(
        'UPDATE folders SET uidvalidity = NULL, uidnext = NULL, highestmodseq = NULL, complete = 0 WHERE id = ?',
      ).run(id);
    });
  }

  private dropFolder(path: string): number {
    const row = this.stmt('SELECT id FROM folders WHERE path = ?').get(path) as { id: number } | undefined;
    if (!row) return 0;
    const { n } = this.stmt('SELECT COUNT(*) AS n FROM messages WHERE folder_id = ?').get(row.id) as { n: number };
    this.index.forget('SELECT id FROM messages WHERE folder_id = ?', row.id);
    this.stmt('DELETE FROM folders WHERE id = ?').run(row.id);
    return n;
  }

  // ---- headers ---------------------------------------------------------------

  /** Inserts or refreshes headers; idempotent per (folder, uid), so a resumed sync cannot duplicate. */
  saveHeaders(path: string, headers: CachedHeader[]): void {
    if (headers.length === 0) return;
    this.transaction(() => {
      const folderId = this.folderId(path);
      // The app's record folders (ledger, register…) are synced but never searched.
      const folder = this.stmt('SELECT delimiter FROM folders WHERE id = ?').get(folderId) as { delimiter: string };
      this.headers.write(folderId, headers, this.rules, !isRecordFolder(path, folder.delimiter));
    });
  }

  /** Applies flags the server reported; returns how many cached messages' flags actually changed. */
  updateFlags(path: string, updates: FlagUpdate[]): number {
    if (updates.length === 0) return 0;
    let changed = 0;
    this.transaction(() => {
      const folderId = this.folderId(path);
      // Only rows whose flags differ count (a report of unchanged flags, or of a message not
      // cached yet, is no update); the modseq follows either way.
      const update = this.stmt(
        'UPDATE messages SET flags = ?, seen = ?, flagged = ?, modseq = COALESCE(?, modseq) WHERE folder_id = ? AND uid = ? AND flags IS NOT ?',
      );
      const modseqOnly = this.stmt('UPDATE messages SET modseq = ? WHERE folder_id = ? AND uid = ?');
      for (const u of updates) {
        const flags = JSON.stringify(u.flags);
        const modseq = u.modseq === null ? null : u.modseq.toString();
        const seen = u.flags.includes('\\Seen') ? 1 : 0;
        const flagged = u.flags.includes('\\Flagged') ? 1 : 0;
        const n = Number(update.run(flags, seen, flagged, modseq, folderId, u.uid, flags).changes);
        changed += n;
        if (n === 0 && modseq !== null) modseqOnly.run(modseq, folderId, u.uid);
      }
    });
    return changed;
  }

  removeUids(path: string, uids: Iterable<number>): number {
    let removed = 0;
    this.transaction(() => {
      const folderId = this.folderId(path);
      const find = this.stmt('SELECT id FROM messages WHERE folder_id = ? AND uid = ?');
      const del = this.stmt('DELETE FROM messages WHERE id = ?');
      for (const uid of uids) {
        const row = find.get(folderId, uid) as { id: number } | undefined;
        if (!row) continue;
        this.index.forget('?', row.id);
        del.run(row.id);
        removed += 1;
      }
    });
    return removed;
  }

  /** Cached UIDs of a folder, ascending. */
  uids(path: string): number[] {
    const rows = this.stmt(
      'SELECT uid FROM messages WHERE folder_id = (SELECT id FROM folders WHERE path = ?) ORDER BY uid',
    ).all(path) as Array<{
      uid: number;
    }>;
    return rows.map((r) => r.uid);
  }

  count(path: string): number {
    return (
      this.stmt('SELECT COUNT(*) AS n FROM messages WHERE folder_id = (SELECT id FROM folders WHERE path = ?)').get(
        path,
      ) as { n: number }
    ).n;
  }

  // ---- reading ---------------------------------------------------------------

  list(q: ListQuery): { total: number; rows: CachedSummary[] } {
    return listSummaries(this.prepare, q);
  }

  /** Messages of one conversation, oldest first, across folders. */
  thread(threadId: string): CachedSummary[] {
    return threadSummaries(this.prepare, threadId);
  }

  directives(limit = 500, offset = 0): CachedSummary[] {
    return directiveSummaries(this.prepare, limit, offset);
  }

  /** How many directives the cache holds (the view's and the CLI's total). */
  directiveCount(): number {
    return countDirectives(this.prepare);
  }

  /**
   * The rules new headers and bodies are classified with. What is already cached is classified
   * again by the background pass (directives/directive-reclassify.ts, run by CacheRegistry).
   */
  setDirectiveRules(rules: DirectiveRules): void {
    this.rules = rules;
  }

  // ---- search ----------------------------------------------------------------

  /** Local search over the full-text index: one page of hits, ranked, and how many there are. */
  search(q: SearchQuery, page: SearchPageQuery): { total: number; rows: CachedSummary[] } {
    const { total, ids } = this.index.search(q, page);
    return { total, rows: summariesByIds(this.prepare, ids) };
  }

  /** Cached summaries for UIDs found by the server's SEARCH (bodies not cached here). */
  byUids(path: string, uids: number[]): CachedSummary[] {
    return summariesByUids(this.prepare, path, uids);
  }

  /** Folders whose text is not all indexed (or not synced yet): the server must be asked there. */
  foldersNotIndexed(): string[] {
    return foldersNotIndexed(this.prepare);
  }

  // ---- bodies ----------------------------------------------------------------

  saveBody(path: string, uid: number, source: Buffer, text: string): void {
    this.transaction(() => {
      const row = this.stmt(
        'SELECT id FROM messages WHERE folder_id = (SELECT id FROM folders WHERE path = ?) AND uid = ?',
      ).get(path, uid) as { id: number } | undefined;
      if (!row) return;
      this.stmt('INSERT OR REPLACE INTO bodies (message_id, source, fetched_at) VALUES (?, ?, ?)').run(
        row.id,
        source,
        Date.now(),
      );
      this.stmt('UPDATE messages SET snippet = ? WHERE id = ?').run(
        text.replace(/\s+/g, ' ').trim().slice(0, 200),
        row.id,
      );
      // The document's header area may carry the urgency mark or the number: classify again with it.
      classifyWithBody(this.db, row.id, text, this.rules);
    });
  }

  body(path: string, uid: number): Buffer | null {
    const row = this.stmt(
      'SELECT b.source FROM bodies b JOIN messages m ON m.id = b.message_id WHERE m.folder_id = (SELECT id FROM folders WHERE path = ?) AND m.uid = ?',
    ).get(path, uid) as { source: Uint8Array } | undefined;
    return row ? Buffer.from(row.source) : null;
  }

  /** UIDs in a folder newer than `sinceMs` whose body is not cached yet (the offline policy's work list). */
  uidsMissingBodies(path: string, sinceMs: number): number[] {
    const rows = this.stmt(
      `SELECT m.uid FROM messages m LEFT JOIN bodies b ON b.message_id = m.id
       WHERE m.folder_id = (SELECT id FROM folders WHERE path = ?) AND b.message_id IS NULL AND m.date >= ? ORDER BY m.date DESC`,
    ).all(path, sinceMs) as Array<{ uid: number }>;
    return rows.map((r) => r.uid);
  }
}
