// What the audit log keeps on this computer (`<profile>/audit.sqlite`):
// - the queue: every action is written here first (durable before it is
//   acknowledged) and removed only once its record is on the server, so an
//   action taken while the server cannot be reached is appended later, in order;
// - what the app last saw of each message it acted on (MODSEQ and flags), so a
//   change made by another client can be told apart from the app's own.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { AuditDraft } from './audit-record.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS queue (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id TEXT NOT NULL,
  mailbox TEXT NOT NULL,
  entry_id TEXT NOT NULL UNIQUE,
  draft TEXT NOT NULL,
  last_error TEXT
);
CREATE TABLE IF NOT EXISTS seen (
  account_id TEXT NOT NULL,
  mailbox TEXT NOT NULL,
  folder TEXT NOT NULL,
  uid_validity TEXT NOT NULL,
  uid INTEGER NOT NULL,
  modseq TEXT NOT NULL,
  flags TEXT NOT NULL,
  PRIMARY KEY (account_id, mailbox, folder, uid_validity, uid)
);`;

export interface QueuedDraft {
  seq: number;
  draft: AuditDraft;
  lastError: string | null;
}

export interface SeenState {
  uid: number;
  modseq: bigint;
  flags: string[];
}

export class AuditStore {
  private readonly db: DatabaseSync;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new DatabaseSync(file);
    // FULL: a queued action survives a power cut right after it was acknowledged.
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;');
    this.db.exec(SCHEMA);
  }

  enqueue(accountId: string, draft: AuditDraft): void {
    this.db
      .prepare('INSERT INTO queue (account_id, mailbox, entry_id, draft) VALUES (?, ?, ?, ?)')
      .run(accountId, draft.mailbox, draft.id, JSON.stringify(draft));
  }

  /** Oldest first. */
  pending(accountId: string, mailbox: string): QueuedDraft[] {
    const rows = this.db
      .prepare('SELECT seq, draft, last_error FROM queue WHERE account_id = ? AND mailbox = ? ORDER BY seq')
      .all(accountId, mailbox) as Array<{ seq: number; draft: string; last_error: string | null }>;
    return rows.map((r) => ({ seq: r.seq, draft: JSON.parse(r.draft) as AuditDraft, lastError: r.last_error }));
  }

  done(entryId: string): void {
    this.db.prepare('DELETE FROM queue WHERE entry_id = ?').run(entryId);
  }

  failed(entryId: string, error: string): void {
    this.db.prepare('UPDATE queue SET last_error = ? WHERE entry_id = ?').run(error, entryId);
  }

  saveSeen(accountId: string, mailbox: string, folder: string, uidValidity: string, states: SeenState[]): void {
    const put = this.db.prepare(
      `INSERT OR REPLACE INTO seen (account_id, mailbox, folder, uid_validity, uid, modseq, flags)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.exec('BEGIN');
    try {
      for (const s of states) {
        put.run(accountId, mailbox, folder, uidValidity, s.uid, s.modseq.toString(), JSON.stringify(s.flags));
      }
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  forgetSeen(accountId: string, mailbox: string, folder: string, uidValidity: string, uids: number[]): void {
    const del = this.db.prepare(
      'DELETE FROM seen WHERE account_id = ? AND mailbox = ? AND folder = ? AND uid_validity = ? AND uid = ?',
    );
    for (const uid of uids) del.run(accountId, mailbox, folder, uidValidity, uid);
  }

  seen(accountId: string, mailbox: string, folder: string, uidValidity: string): SeenState[] {
    const rows = this.db
      .prepare(
        `SELECT uid, modseq, flags FROM seen
         WHERE account_id = ? AND mailbox = ? AND folder = ? AND uid_validity = ? ORDER BY uid`,
      )
      .all(accountId, mailbox, folder, uidValidity) as Array<{ uid: number; modseq: string; flags: string }>;
    return rows.map((r) => ({ uid: r.uid, modseq: BigInt(r.modseq), flags: JSON.parse(r.flags) as string[] }));
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
