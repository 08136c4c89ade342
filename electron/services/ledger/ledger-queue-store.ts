// Ledger actions taken on this computer, kept in `<profile>/ledger-queue.sqlite`: each is written
// here before the call is acknowledged (synchronous = FULL, so it survives a power cut), applied
// in order when the server can be reached, and then kept with its outcome: 'applied' (the record
// UID) or 'lost' (the book refused it: someone else claimed first, the entry was done meanwhile…).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { RegisterFields, StatusValue } from '../../../shared/ledger.ts';
import type { AssignInput } from './ledger-service.ts';

export type EntryKey = { year: number; number: number };

/** What the user did, as it is replayed against the book when the server is back. */
export type QueuedAction =
  | { kind: 'register'; folder: string; uid: number; fields: Partial<RegisterFields> }
  | { kind: 'assign'; which: EntryKey; input: AssignInput }
  | { kind: 'claim'; which: EntryKey }
  | { kind: 'status'; which: EntryKey; status: StatusValue; result?: { messageId?: string; note?: string } }
  | { kind: 'reopen'; which: EntryKey; opts: { note?: string; release?: boolean } };

export type QueueState = 'pending' | 'applied' | 'lost';

export interface QueueOutcome {
  /** The record written (applied); null when lost. */
  recordUid: number | null;
  year: number | null;
  number: number | null;
  /** Why it lost (AppError code, Vietnamese message, English detail); who won a claim. */
  code?: string;
  messageVi?: string;
  detail?: string;
  winner?: string;
}

export interface QueuedItem {
  seq: number;
  id: string;
  accountId: string;
  /** The unit mailbox a delegate acts on; '' for the account's own. */
  mailbox: string;
  /** When the user acted (ISO). */
  at: string;
  action: QueuedAction;
  state: QueueState;
  lastError: string | null;
  outcome: QueueOutcome | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS actions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL,
  mailbox TEXT NOT NULL,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending',
  last_error TEXT,
  outcome TEXT
);
CREATE INDEX IF NOT EXISTS actions_pending ON actions (state, account_id, mailbox, seq);`;

type Row = {
  seq: number;
  id: string;
  account_id: string;
  mailbox: string;
  at: string;
  action: string;
  state: string;
  last_error: string | null;
  outcome: string | null;
};

export class LedgerQueueStore {
  private readonly db: DatabaseSync;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new DatabaseSync(file);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;');
    this.db.exec(SCHEMA);
  }

  enqueue(item: { id: string; accountId: string; mailbox: string; at: string; action: QueuedAction }): void {
    this.db
      .prepare('INSERT INTO actions (id, account_id, mailbox, at, action) VALUES (?, ?, ?, ?, ?)')
      .run(item.id, item.accountId, item.mailbox.toLowerCase(), item.at, JSON.stringify(item.action));
  }

  /** Pending actions of one account and mailbox, oldest first. */
  pending(accountId: string, mailbox: string): QueuedItem[] {
    return this.rows(
      `SELECT * FROM actions WHERE state = 'pending' AND account_id = ? AND mailbox = ? ORDER BY seq`,
      accountId,
      mailbox.toLowerCase(),
    );
  }

  /** Every account and mailbox with something pending. */
  pendingTargets(): Array<{ accountId: string; mailbox: string }> {
    const rows = this.db
      .prepare(`SELECT DISTINCT account_id, mailbox FROM actions WHERE state = 'pending' ORDER BY account_id`)
      .all() as Array<{ account_id: string; mailbox: string }>;
    return rows.map((r) => ({ accountId: r.account_id, mailbox: r.mailbox }));
  }

  get(id: string): QueuedItem | null {
    return this.rows('SELECT * FROM actions WHERE id = ?', id)[0] ?? null;
  }

  /** Settled actions (applied or lost) of an account, newest first. */
  settled(accountId: string, limit = 100): QueuedItem[] {
    return this.rows(
      `SELECT * FROM actions WHERE state != 'pending' AND account_id = ? ORDER BY seq DESC LIMIT ?`,
      accountId,
      limit,
    );
  }

  settle(id: string, state: Exclude<QueueState, 'pending'>, outcome: QueueOutcome): void {
    this.db
      .prepare(`UPDATE actions SET state = ?, outcome = ? WHERE id = ? AND state = 'pending'`)
      .run(state, JSON.stringify(outcome), id);
  }

  failed(id: string, error: string): void {
    this.db.prepare('UPDATE actions SET last_error = ? WHERE id = ?').run(error, id);
  }

  /** An action refused while its caller waited: the caller is told, nothing stays queued. */
  forget(id: string): void {
    this.db.prepare('DELETE FROM actions WHERE id = ?').run(id);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  private rows(sql: string, ...args: Array<string | number>): QueuedItem[] {
    const rows = this.db.prepare(sql).all(...args) as Row[];
    return rows.map((r) => ({
      seq: r.seq,
      id: r.id,
      accountId: r.account_id,
      mailbox: r.mailbox,
      at: r.at,
      action: JSON.parse(r.action) as QueuedAction,
      state: r.state as QueueState,
      lastError: r.last_error,
      outcome: r.outcome === null ? null : (JSON.parse(r.outcome) as QueueOutcome),
    }));
  }
}
