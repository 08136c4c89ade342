// The header-write path of the cache (MailCache.saveHeaders): one batch of fetched headers into
// the messages table and the header part of each new message's full-text entry.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Address } from '../../../shared/mail.ts';
import { foldText } from '../../../shared/text-fold.ts';
import { classifyDirective, type DirectiveRules } from '../directives/directive-rules.ts';
import { headerDoc, type IndexDoc, type SearchIndex } from './search-index.ts';

/** One message's headers as fetched, ready for the cache. */
export interface CachedHeader {
  uid: number;
  modseq: bigint | null;
  flags: string[];
  /** The Date header; null when missing or unreadable (the cache then keeps the INTERNALDATE, marked). */
  date: number | null;
  internalDate: number | null;
  size: number;
  subject: string;
  from: Address[];
  to: Address[];
  cc: Address[];
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  hasAttachments: boolean;
  attachmentNames: string[];
  importance?: string | undefined;
  priority?: string | undefined;
  xPriority?: string | undefined;
}

const INSERT_SQL = `INSERT INTO messages (folder_id, uid, modseq, flags, seen, flagged, date, internal_date, size, subject,
    subject_sort, from_json, from_sort, to_json, cc_json, message_id, in_reply_to, refs, thread_id, has_attachments,
    attachment_names, importance, priority, x_priority, is_directive, urgency, directive_kind, date_from_internal, fts_key)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT(folder_id, uid) DO NOTHING`;

// Headers never change on the server; a message already cached only gets its flags refreshed.
const REFRESH_SQL = 'UPDATE messages SET modseq = ?, flags = ?, seen = ?, flagged = ? WHERE folder_id = ? AND uid = ?';

const REPLY_PREFIX = /^((re|fw|fwd|tl|tr|chuyển tiếp)\s*:\s*)+/i;

/**
 * Writes header batches inside the caller's transaction, in two passes: every messages row first,
 * then every full-text entry. An FTS5 table writes out what it has gathered (a new index segment)
 * whenever another statement of the transaction opens a statement savepoint, as an INSERT with
 * RETURNING does: with the two interleaved, every message became its own segment, merged again
 * and again, which cost more than all the sync's other writes together. Now a batch is one
 * segment per table, and the insert reads its row id from the statement (no RETURNING either).
 */
export class HeaderWriter {
  private readonly db: DatabaseSync;
  private readonly index: SearchIndex;
  private insertStmt: StatementSync | null = null;
  private refreshStmt: StatementSync | null = null;

  constructor(db: DatabaseSync, index: SearchIndex) {
    this.db = db;
    this.index = index;
  }

  /** Inserts new headers (idempotent per folder and UID) and refreshes the flags of known ones. */
  write(folderId: number, headers: CachedHeader[], rules: DirectiveRules, searchable: boolean): void {
    this.insertStmt ??= this.db.prepare(INSERT_SQL);
    this.refreshStmt ??= this.db.prepare(REFRESH_SQL);
    const insert = this.insertStmt;
    const refresh = this.refreshStmt;
    // Index keys for the batch at once, stored with the rows (search-keys.ts); a key left unused
    // by a message already cached is only a gap.
    const keys = searchable ? this.index.keysFor(headers.map((h) => h.date ?? h.internalDate)) : null;
    const keyed: Array<{ key: number; doc: IndexDoc }> = [];
    const unkeyed: Array<{ id: number; doc: IndexDoc }> = [];
    headers.forEach((h, i) => {
      const modseq = h.modseq === null ? null : h.modseq.toString();
      const flags = JSON.stringify(h.flags);
      const seen = h.flags.includes('\\Seen') ? 1 : 0;
      const flagged = h.flags.includes('\\Flagged') ? 1 : 0;
      const key = keys?.[i] ?? null;
      // No RETURNING: it costs a result table per row; the row id is the last one inserted.
      const inserted = insert.run(folderId, h.uid, modseq, flags, seen, flagged, ...headerColumns(h, rules), key);
      if (inserted.changes === 0) refresh.run(modseq, flags, seen, flagged, folderId, h.uid);
      else if (searchable) {
        if (key !== null) keyed.push({ key, doc: headerDoc(h) });
        else unkeyed.push({ id: Number(inserted.lastInsertRowid), doc: headerDoc(h) });
      }
    });
    // In the order of the index's keys (a key lower than the one before also makes FTS5 write
    // out what it has gathered); a message whose day is full gets its key here.
    this.index.writeKeyed(keyed);
    this.index.writeMany(unkeyed);
  }
}

/** The columns of a new message's row after its flags, in INSERT_SQL's order. */
function headerColumns(h: CachedHeader, rules: DirectiveRules): Array<string | number | null> {
  const verdict = classifyDirective(
    {
      fromAddress: h.from[0]?.address ?? '',
      subject: h.subject,
      importance: h.importance,
      priority: h.priority,
      xPriority: h.xPriority,
    },
    rules,
  );
  return [
    h.date ?? h.internalDate,
    h.internalDate,
    h.size,
    h.subject,
    foldText(h.subject.replace(REPLY_PREFIX, '')),
    JSON.stringify(h.from),
    foldText(h.from[0]?.name || h.from[0]?.address || ''),
    JSON.stringify(h.to),
    JSON.stringify(h.cc),
    h.messageId,
    h.inReplyTo,
    h.references.join(' '),
    threadKey(h),
    h.hasAttachments ? 1 : 0,
    h.attachmentNames.join('\n'),
    h.importance ?? null,
    h.priority ?? null,
    h.xPriority ?? null,
    verdict.isDirective ? 1 : 0,
    verdict.urgency,
    verdict.kind,
    h.date === null && h.internalDate !== null ? 1 : 0,
  ];
}

/** Conversation key: the root of References, else the parent, else the message itself. */
function threadKey(h: CachedHeader): string {
  return h.references[0] ?? h.inReplyTo ?? h.messageId ?? `uid:${h.uid}:${h.subject}`;
}
