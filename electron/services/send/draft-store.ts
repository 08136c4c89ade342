// Drafts on this PC: one row per draft in the profile's drafts.sqlite, committed on every save
// (a crash loses at most the seconds since the last autosave). Files attached from disk are kept
// by path, so reopening re-issues their tokens (attachment-tokens.ts) if the files still exist.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface StoredDraft {
  id: string;
  accountId: string;
  updatedAt: string;
  /** The composer's input, with picked attachments as { kind: 'picked', token } (see `paths`). */
  input: Record<string, unknown>;
  /** token → path of the picked attachments in `input`. */
  paths: Record<string, string>;
  server: { folder: string; uid: number } | null;
  serverError: string | null;
}

interface Row {
  id: string;
  account_id: string;
  updated_at: string;
  input: string;
  paths: string;
  server_folder: string | null;
  server_uid: number | null;
  server_error: string | null;
}

export class DraftStore {
  private readonly db: DatabaseSync;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new DatabaseSync(file);
    this.db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;
      CREATE TABLE IF NOT EXISTS drafts (
        id TEXT PRIMARY KEY, account_id TEXT NOT NULL, updated_at TEXT NOT NULL, input TEXT NOT NULL,
        paths TEXT NOT NULL DEFAULT '{}', server_folder TEXT, server_uid INTEGER, server_error TEXT)`);
  }

  save(d: Omit<StoredDraft, 'server' | 'serverError'>): void {
    this.db
      .prepare(
        `INSERT INTO drafts (id, account_id, updated_at, input, paths) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at, input = excluded.input, paths = excluded.paths`,
      )
      .run(d.id, d.accountId, d.updatedAt, JSON.stringify(d.input), JSON.stringify(d.paths));
  }

  setServer(id: string, server: { folder: string; uid: number } | null, error: string | null): void {
    this.db
      .prepare('UPDATE drafts SET server_folder = ?, server_uid = ?, server_error = ? WHERE id = ?')
      .run(server?.folder ?? null, server?.uid ?? null, error, id);
  }

  get(id: string): StoredDraft | null {
    const row = this.db.prepare('SELECT * FROM drafts WHERE id = ?').get(id) as Row | undefined;
    return row ? toDraft(row) : null;
  }

  list(accountId: string): StoredDraft[] {
    const rows = this.db
      .prepare('SELECT * FROM drafts WHERE account_id = ? ORDER BY updated_at DESC')
      .all(accountId) as unknown as Row[];
    return rows.map(toDraft);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM drafts WHERE id = ?').run(id);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

function toDraft(r: Row): StoredDraft {
  return {
    id: r.id,
    accountId: r.account_id,
    updatedAt: r.updated_at,
    input: JSON.parse(r.input) as Record<string, unknown>,
    paths: JSON.parse(r.paths) as Record<string, string>,
    server: r.server_folder !== null && r.server_uid !== null ? { folder: r.server_folder, uid: r.server_uid } : null,
    serverError: r.server_error,
  };
}
