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
);
CREATE TABLE IF NOT EXISTS swept (
  account_id TEXT NOT NULL,
  mailbox TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (account_id, mailbox)
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

  /** Every account and mailbox with records waiting, in the order their oldest was queued. */
  queuedTargets(): Array<{ accountId: string; mailbox: string }> {
    const rows = this.db
      .prepare('SELECT account_id, mailbox, MIN(seq) AS first FROM queue GROUP BY account_id, mailbox ORDER BY first')
      .all() as Array<{ account_id: string; mailbox: string }>;
    return rows.map((r) => ({ accountId: r.account_id, mailbox: r.mailbox }));
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

  /** Folders holding messages whose state the app keeps. */
  seenFolders(accountId: string, mailbox: string): string[] {
    const rows = this.db
      .prepare('SELECT DISTINCT folder FROM seen WHERE account_id = ? AND mailbox = ? ORDER BY folder')
      .all(accountId, mailbox) as Array<{ folder: string }>;
    return rows.map((r) => r.folder);
  }

  /** The highest audit record seq the last look for outside changes had read (0 before any). */
  sweptSeq(accountId: string, mailbox: string): number {
    const row = this.db
      .prepare('SELECT seq FROM swept WHERE account_id = ? AND mailbox = ?')
      .get(accountId, mailbox) as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  setSweptSeq(accountId: string, mailbox: string, seq: number): void {
    this.db
      .prepare('INSERT OR REPLACE INTO swept (account_id, mailbox, seq) VALUES (?, ?, ?)')
      .run(accountId, mailbox, seq);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
