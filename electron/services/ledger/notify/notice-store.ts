// What was already notified, per account (`<profile>/notices.sqlite`), so a fact is told once
// whatever the number of reads and restarts; and the days the head's digest was delivered.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

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
);`;

export class NoticeStore {
  private readonly db: DatabaseSync;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new DatabaseSync(file);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000;');
    this.db.exec(SCHEMA);
  }

  /** Remembers `ids` as notified; returns those that were not yet (in the order given). */
  claim(accountId: string, ids: readonly string[], at: Date): string[] {
    const put = this.db.prepare('INSERT OR IGNORE INTO notified (account_id, id, at) VALUES (?, ?, ?)');
    const fresh: string[] = [];
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const id of ids) if (put.run(accountId, id, at.toISOString()).changes > 0) fresh.push(id);
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
    return fresh;
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
