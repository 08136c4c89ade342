// What was already notified, per account (`<profile>/notices.sqlite`), so a fact is told once
// whatever the number of reads and restarts; the notices themselves for the app's list (the
// newest KEPT_NOTICES, read or not), so they outlive a restart; and the days the head's digest
// was delivered.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { KEPT_NOTICES, type Notice, type NoticeList } from '../../../../shared/contract-notices.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS notified (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (account_id, id)
);
CREATE TABLE IF NOT EXISTS digests (
  account_id TEXT NOT NULL,
  day TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (account_id, day)
);
CREATE TABLE IF NOT EXISTS kept (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  notice TEXT NOT NULL,
  read INTEGER NOT NULL DEFAULT 0,
  UNIQUE (account_id, id)
);`;

export class NoticeStore {
  private readonly db: DatabaseSync;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new DatabaseSync(file);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000;');
    this.db.exec(SCHEMA);
  }

  /**
   * The notices of `notices` not told before: remembered as told and kept for the list in one
   * transaction, so what the app announces is on disk first. In the order given.
   */
  tell(accountId: string, notices: readonly Notice[], at: Date): Notice[] {
    const put = this.db.prepare('INSERT OR IGNORE INTO notified (account_id, id, at) VALUES (?, ?, ?)');
    const keep = this.db.prepare('INSERT OR IGNORE INTO kept (account_id, id, notice) VALUES (?, ?, ?)');
    const fresh: Notice[] = [];
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const n of notices)
        if (put.run(accountId, n.id, at.toISOString()).changes > 0) {
          keep.run(accountId, n.id, JSON.stringify(n));
          fresh.push(n);
        }
      if (fresh.length > 0)
        this.db
          .prepare('DELETE FROM kept WHERE seq <= (SELECT seq FROM kept ORDER BY seq DESC LIMIT 1 OFFSET ?)')
          .run(KEPT_NOTICES);
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
    return fresh;
  }

  /** The kept notices, newest first, and how many of them are unread. */
  list(): NoticeList {
    const rows = this.db.prepare('SELECT notice, read FROM kept ORDER BY seq DESC').all() as Array<{
      notice: string;
      read: number;
    }>;
    return {
      items: rows.map((r) => JSON.parse(r.notice) as Notice),
      unread: rows.filter((r) => r.read === 0).length,
    };
  }

  /** The list was opened: every kept notice is read. */
  markAllRead(): void {
    this.db.prepare('UPDATE kept SET read = 1 WHERE read = 0').run();
  }

  /** Empties the list (the facts stay told: they are not notified again). Returns how many went. */
  clear(): number {
    return Number(this.db.prepare('DELETE FROM kept').run().changes);
  }

  /** An account was removed: its notices leave the list. */
  forgetAccount(accountId: string): void {
    this.db.prepare('DELETE FROM kept WHERE account_id = ?').run(accountId);
  }

  digestDone(accountId: string, day: string): boolean {
    return this.db.prepare('SELECT 1 FROM digests WHERE account_id = ? AND day = ?').get(accountId, day) !== undefined;
  }

  markDigest(accountId: string, day: string, at: Date): void {
    this.db
      .prepare('INSERT OR IGNORE INTO digests (account_id, day, at) VALUES (?, ?, ?)')
      .run(accountId, day, at.toISOString());
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
