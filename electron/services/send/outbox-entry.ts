// The outbox's rows: the table, and how a row reads as an entry (outbox-store.ts writes them).
import type { AppErrorPayload } from '../../../shared/errors.ts';
import type { OutboxEntry, OutboxStatus, RecipientRefusal } from '../../../shared/compose.ts';

/**
 * Where a delivery attempt stands, finer than the status: `connecting` until the first byte of
 * the message is handed to the server (a crash there is safe to retry), `data` from then on (a
 * crash there may have delivered it).
 */
export type DeliveryPhase = 'idle' | 'connecting' | 'data';

/** What the outbox keeps to finish the job after a restart, beyond what the UI shows. */
export interface StoredOutboxEntry extends OutboxEntry {
  phase: DeliveryPhase;
  /** pid of the process delivering it now (a dead one means a crash). */
  claimedBy: number | null;
  /** SMTP envelope. */
  envelope: { from: string; to: string[] };
  /** Where the copy goes: a folder path on `copyAccountId`'s connection. */
  copy: { accountId: string; folder: string | null };
  /** The original to flag after the send. */
  original: { accountId: string; folder: string; uid: number; flag: string } | null;
  /** The composer's input, to give it back on "Hoàn tác". */
  input: unknown;
}

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  status TEXT NOT NULL,
  phase TEXT NOT NULL DEFAULT 'idle',
  claimed_by INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  queued_at TEXT NOT NULL,
  send_after TEXT NOT NULL,
  next_attempt_at TEXT,
  sent_at TEXT,
  sent_copy TEXT NOT NULL DEFAULT 'pending',
  last_error TEXT,
  refused TEXT NOT NULL DEFAULT '[]',
  meta TEXT NOT NULL,
  raw BLOB NOT NULL,
  copy_raw BLOB
);
CREATE INDEX IF NOT EXISTS outbox_account ON outbox(account_id, queued_at);
CREATE TABLE IF NOT EXISTS sent_log (
  message_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  sender TEXT NOT NULL,
  from_address TEXT NOT NULL,
  recipients TEXT NOT NULL,
  subject TEXT NOT NULL,
  receipt_requested INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (message_id, account_id)
);`;

/** Columns added since the first release, for files created before them (CREATE … IF NOT EXISTS keeps old tables). */
export const ADDED_COLUMNS = [{ table: 'sent_log', column: 'receipt_requested', type: 'INTEGER NOT NULL DEFAULT 0' }];

export interface Row {
  id: string;
  account_id: string;
  status: string;
  phase: string;
  claimed_by: number | null;
  attempts: number;
  queued_at: string;
  send_after: string;
  next_attempt_at: string | null;
  sent_at: string | null;
  sent_copy: string;
  last_error: string | null;
  refused: string;
  meta: string;
}

/** The fields of an entry that never change after it is queued. */
export type Meta = Pick<
  StoredOutboxEntry,
  | 'messageId'
  | 'from'
  | 'sender'
  | 'to'
  | 'cc'
  | 'bcc'
  | 'subject'
  | 'size'
  | 'envelope'
  | 'copy'
  | 'original'
  | 'input'
>;

export function toEntry(row: Row): StoredOutboxEntry {
  const meta = JSON.parse(row.meta) as Meta;
  return {
    ...meta,
    id: row.id,
    accountId: row.account_id,
    status: row.status as OutboxStatus,
    phase: row.phase as DeliveryPhase,
    claimedBy: row.claimed_by,
    attempts: row.attempts,
    queuedAt: row.queued_at,
    sendAfter: row.send_after,
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
    sentCopy: row.sent_copy as OutboxEntry['sentCopy'],
    lastError: row.last_error ? (JSON.parse(row.last_error) as AppErrorPayload) : null,
    refused: JSON.parse(row.refused) as RecipientRefusal[],
  };
}

/** The part of an entry the UI sees. */
export function publicEntry(e: StoredOutboxEntry): OutboxEntry {
  const { phase: _p, claimedBy: _c, envelope: _e, copy: _cp, original: _o, input: _i, ...pub } = e;
  return pub;
}

/** Whether the composer asked for read receipts (Disposition-Notification-To); recorded in the sent log. */
export function receiptRequested(e: StoredOutboxEntry): boolean {
  return (e.input as { requestReceipt?: unknown } | null)?.requestReceipt === true;
}
