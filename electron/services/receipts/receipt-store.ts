// Receipts found in the mailbox, kept locally (`<profile>/receipts.sqlite`): they stay visible
// offline, and the MDN messages themselves may be moved or deleted. Also the UIDs already looked
// at, per folder and UIDVALIDITY, so each MDN is fetched and parsed once.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { ReceiptDisposition } from '../../../shared/receipts.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS receipts (
  account_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  recipient TEXT NOT NULL,
  state TEXT NOT NULL,
  at TEXT NOT NULL,
  mdn_message_id TEXT,
  PRIMARY KEY (account_id, message_id, recipient)
);
CREATE TABLE IF NOT EXISTS scanned (
  account_id TEXT NOT NULL,
  folder TEXT NOT NULL,
  uid_validity TEXT NOT NULL,
  uid INTEGER NOT NULL,
  PRIMARY KEY (account_id, folder, uid_validity, uid)
);`;

export interface StoredReceipt {
  messageId: string;
  recipient: string;
  state: ReceiptDisposition;
  at: string;
  mdnMessageId: string | null;
}

/**
 * Which receipt wins when one recipient sends several: "displayed" stands once it came (a later
 * "deleted" does not unread it); otherwise the stronger news replaces the weaker.
 */
const RANK: Record<ReceiptDisposition, number> = { displayed: 3, deleted: 2, dispatched: 1, processed: 1 };

export class ReceiptStore {
  private readonly db: DatabaseSync;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new DatabaseSync(file);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000;');
    this.db.exec(SCHEMA);
  }

  /** Keeps `r` unless a receipt of the same or higher rank is already there. Returns whether it was kept. */
  record(accountId: string, r: StoredReceipt): boolean {
    const old = this.db
      .prepare('SELECT state FROM receipts WHERE account_id = ? AND message_id = ? AND recipient = ?')
      .get(accountId, r.messageId, r.recipient) as { state: ReceiptDisposition } | undefined;
    if (old && RANK[old.state] >= RANK[r.state]) return false;
    this.db
      .prepare(
        `INSERT OR REPLACE INTO receipts (account_id, message_id, recipient, state, at, mdn_message_id)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(accountId, r.messageId, r.recipient, r.state, r.at, r.mdnMessageId);
    return true;
  }

  list(accountId: string): StoredReceipt[] {
    const rows = this.db
      .prepare('SELECT message_id, recipient, state, at, mdn_message_id FROM receipts WHERE account_id = ?')
      .all(accountId) as Array<{
      message_id: string;
      recipient: string;
      state: ReceiptDisposition;
      at: string;
      mdn_message_id: string | null;
    }>;
    return rows.map((r) => ({
      messageId: r.message_id,
      recipient: r.recipient,
      state: r.state,
      at: r.at,
      mdnMessageId: r.mdn_message_id,
    }));
  }

  /** UIDs of the folder already looked at; those of an older UIDVALIDITY are forgotten. */
  scanned(accountId: string, folder: string, uidValidity: string): Set<number> {
    this.db
      .prepare('DELETE FROM scanned WHERE account_id = ? AND folder = ? AND uid_validity != ?')
      .run(accountId, folder, uidValidity);
    const rows = this.db
      .prepare('SELECT uid FROM scanned WHERE account_id = ? AND folder = ? AND uid_validity = ?')
      .all(accountId, folder, uidValidity) as Array<{ uid: number }>;
    return new Set(rows.map((r) => r.uid));
  }

  markScanned(accountId: string, folder: string, uidValidity: string, uid: number): void {
    this.db
      .prepare('INSERT OR IGNORE INTO scanned (account_id, folder, uid_validity, uid) VALUES (?, ?, ?, ?)')
      .run(accountId, folder, uidValidity, uid);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
