// The durable outbox: one SQLite file in the profile, shared by the app and the CLI (SQLite's
// locks arbitrate between processes). A message is committed here, whole and with its final
// Message-ID, before anyone is told it was accepted; every state change is committed before the
// step it guards (the "data" phase before the message bytes go out), so after kill -9 the file
// says exactly what may have happened.
import { DatabaseSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppErrorPayload } from '../../../shared/errors.ts';
import type { OutboxStatus, RecipientRefusal } from '../../../shared/compose.ts';
import { ADDED_COLUMNS, SCHEMA, toEntry, type Meta, type Row, type StoredOutboxEntry } from './outbox-entry.ts';

export { publicEntry, receiptRequested, type DeliveryPhase, type StoredOutboxEntry } from './outbox-entry.ts';

export interface NewOutboxEntry extends Meta {
  id: string;
  accountId: string;
  queuedAt: string;
  sendAfter: string;
  /** What goes over SMTP (no Bcc header). */
  raw: Buffer;
  /** What goes to Sent (the same message with its Bcc header). */
  copyRaw: Buffer;
}

/** A record of a message sent as or for the unit: who, when, Message-ID, recipients, subject. */
export interface SentRecord {
  messageId: string;
  accountId: string;
  sentAt: string;
  sender: string;
  from: string;
  recipients: string[];
  subject: string;
  /** Sent with Disposition-Notification-To: its recipients are expected to return receipts. */
  receiptRequested?: boolean;
}

const COLUMNS =
  'id, account_id, status, phase, claimed_by, attempts, queued_at, send_after, next_attempt_at, sent_at, sent_copy, last_error, refused, meta';

export class OutboxStore {
  private readonly db: DatabaseSync;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new DatabaseSync(file);
    // FULL: a commit is on disk when it returns (the outbox's promise to the user).
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;');
    this.db.exec(SCHEMA);
    for (const { table, column, type } of ADDED_COLUMNS) {
      const columns = this.db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
      if (!columns.some((c) => c.name === column)) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
    }
  }

  insert(e: NewOutboxEntry): void {
    const meta: Meta = {
      messageId: e.messageId,
      from: e.from,
      sender: e.sender,
      to: e.to,
      cc: e.cc,
      bcc: e.bcc,
      subject: e.subject,
      size: e.size,
      envelope: e.envelope,
      copy: e.copy,
      original: e.original,
      input: e.input,
    };
    this.db
      .prepare(
        `INSERT INTO outbox (id, account_id, status, queued_at, send_after, meta, raw, copy_raw)
         VALUES (?, ?, 'queued', ?, ?, ?, ?, ?)`,
      )
      // The Sent copy is stored only when it differs (a Bcc field): most messages are kept once.
      .run(
        e.id,
        e.accountId,
        e.queuedAt,
        e.sendAfter,
        JSON.stringify(meta),
        e.raw,
        e.copyRaw.equals(e.raw) ? null : e.copyRaw,
      );
  }

  get(id: string): StoredOutboxEntry | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`).get(id) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  list(accountId?: string): StoredOutboxEntry[] {
    const rows = (accountId === undefined
      ? this.db.prepare(`SELECT ${COLUMNS} FROM outbox ORDER BY queued_at, id`).all()
      : this.db
          .prepare(`SELECT ${COLUMNS} FROM outbox WHERE account_id = ? ORDER BY queued_at, id`)
          .all(accountId)) as unknown as Row[];
    return rows.map(toEntry);
  }

  raw(id: string): { raw: Buffer; copyRaw: Buffer } | null {
    const row = this.db.prepare('SELECT raw, copy_raw FROM outbox WHERE id = ?').get(id) as
      { raw: Uint8Array; copy_raw: Uint8Array | null } | undefined;
    if (!row) return null;
    const raw = Buffer.from(row.raw);
    return { raw, copyRaw: row.copy_raw ? Buffer.from(row.copy_raw) : raw };
  }

  /**
   * Takes an entry for delivery if it is due and nobody holds it: one UPDATE, so two processes
   * (the app and the CLI) never both send it. `force` also takes a waiting or maybe-sent one.
   */
  claim(id: string, pid: number, now: string, force = false): boolean {
    const due = force
      ? `status IN ('queued', 'retry', 'maybe-sent', 'failed')`
      : `((status = 'queued' AND send_after <= ?) OR (status = 'retry' AND next_attempt_at <= ?))`;
    const params = force ? [pid, id] : [pid, id, now, now];
    const r = this.db
      .prepare(
        `UPDATE outbox SET status = 'sending', phase = 'connecting', claimed_by = ?, attempts = attempts + 1
         WHERE id = ? AND claimed_by IS NULL AND ${due}`,
      )
      .run(...params);
    return Number(r.changes) === 1;
  }

  /** Committed before the first byte of the message goes to the server. */
  markData(id: string): void {
    this.db.prepare(`UPDATE outbox SET phase = 'data' WHERE id = ?`).run(id);
  }

  release(
    id: string,
    status: OutboxStatus,
    fields: { nextAttemptAt?: string | null; error?: AppErrorPayload | null; refused?: RecipientRefusal[] } = {},
  ): void {
    this.db
      .prepare(
        `UPDATE outbox SET status = ?, phase = 'idle', claimed_by = NULL, next_attempt_at = ?, last_error = ?,
           refused = COALESCE(?, refused) WHERE id = ?`,
      )
      .run(
        status,
        fields.nextAttemptAt ?? null,
        fields.error ? JSON.stringify(fields.error) : null,
        fields.refused ? JSON.stringify(fields.refused) : null,
        id,
      );
  }

  /** The server accepted it: recorded with the sent log in one transaction. */
  markSent(id: string, sentAt: string, refused: RecipientRefusal[], record: SentRecord): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db
        .prepare(
          `UPDATE outbox SET status = 'sent', phase = 'idle', claimed_by = NULL, sent_at = ?, refused = ?,
             next_attempt_at = NULL, last_error = NULL WHERE id = ?`,
        )
        .run(sentAt, JSON.stringify(refused), id);
      this.db
        .prepare(
          `INSERT OR IGNORE INTO sent_log (message_id, account_id, sent_at, sender, from_address, recipients, subject,
             receipt_requested) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          record.messageId,
          record.accountId,
          record.sentAt,
          record.sender,
          record.from,
          JSON.stringify(record.recipients),
          record.subject,
          record.receiptRequested ? 1 : 0,
        );
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  setCopyState(id: string, state: 'pending' | 'done' | 'failed', error?: AppErrorPayload | null): void {
    this.db
      .prepare('UPDATE outbox SET sent_copy = ?, last_error = COALESCE(?, last_error) WHERE id = ?')
      .run(state, error ? JSON.stringify(error) : null, id);
  }

  /** Entries a dead process was delivering: their phase tells what may have happened. */
  orphans(isAlive: (pid: number) => boolean): StoredOutboxEntry[] {
    return this.list().filter((e) => e.status === 'sending' && (e.claimedBy === null || !isAlive(e.claimedBy)));
  }

  remove(id: string): boolean {
    return Number(this.db.prepare('DELETE FROM outbox WHERE id = ?').run(id).changes) === 1;
  }

  /** Removes it only if nobody is delivering it (for "Hoàn tác" and "Xóa"). */
  removeIfIdle(id: string): boolean {
    return Number(this.db.prepare(`DELETE FROM outbox WHERE id = ? AND status != 'sending'`).run(id).changes) === 1;
  }

  sentLog(accountId: string): SentRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM sent_log WHERE account_id = ? ORDER BY sent_at')
      .all(accountId) as unknown as Array<Record<string, string | number>>;
    const text = (v: string | number | undefined) => String(v ?? '');
    return rows.map((r) => ({
      messageId: text(r.message_id),
      accountId: text(r.account_id),
      sentAt: text(r.sent_at),
      sender: text(r.sender),
      from: text(r.from_address),
      recipients: JSON.parse(text(r.recipients) || '[]') as string[],
      subject: text(r.subject),
      receiptRequested: r.receipt_requested === 1,
    }));
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
