import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Address } from '../../../shared/mail.ts';
import { isRecordFolder } from '../../../shared/records.ts';
import { foldText } from '../../../shared/text-fold.ts';
import type { SearchQuery } from '../search/query.ts';
import { markedWords } from './marked-words.ts';
import { SearchKeys } from './search-keys.ts';
import { hasWords, type HeaderWords } from './search-filters.ts';
import { runSearch, type SearchPageQuery } from './search-run.ts';

/** The text of one message as the index keeps it (never its bytes). */
export interface IndexDoc {
  subject: string;
  sender: string;
  to: string;
  cc: string;
  body: string;
  attachment: string;
}

/** What the background indexer found in a message's source. */
export interface BodyIndexEntry {
  body: string;
  /** Extracted text of attached documents and forwarded messages. */
  attachmentText: string;
  /** Why something was left out (a file too large, corrupt, too slow), for the user and the log. */
  notes: string[];
  /** A forwarded message (message/rfc822) or any attachment the header scan missed. */
  hasAttachments: boolean;
}

export type { SearchOrder, SearchPageQuery } from './search-run.ts';

/** Longest text kept per field: more is never searched for and only costs space. */
const MAX_FIELD_CHARS = 1_000_000;

/** The full-text tables, all keyed by messages.id. */
const FTS_TABLES = ['fts_fold', 'fts_exact_words'] as const;

const people = (list: Address[]) => list.map((a) => `${a.name} ${a.address}`).join(' ');

/** The header part of a message's index entry (its body comes later, from the indexer). */
export function headerDoc(h: {
  subject: string;
  from: Address[];
  to: Address[];
  cc: Address[];
  attachmentNames: string[];
}): IndexDoc {
  return {
    subject: h.subject,
    sender: people(h.from),
    to: people(h.to),
    cc: people(h.cc),
    body: '',
    attachment: h.attachmentNames.join(' '),
  };
}

/**
 * Writes, reads and forgets the full-text entries of one cache's messages. Each entry is
 * written whole (contentless tables cannot update one column): headers at sync, then headers
 * with the body and attachment text once the indexer has read the message.
 */
export class SearchIndex {
  private readonly db: DatabaseSync;
  private readonly stmts = new Map<string, StatementSync>();
  private readonly keys: SearchKeys;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.keys = new SearchKeys((sql) => this.stmt(sql));
    // A header field's words typed with marks are checked on its text (see fts.ts, exactCondition).
    db.function('um_has_words', { deterministic: true }, (text, spec) =>
      hasWords(String(text ?? ''), JSON.parse(String(spec)) as HeaderWords) ? 1 : 0,
    );
    // The names and addresses of an address list (its JSON in the cache) as the index reads them.
    db.function('um_people', { deterministic: true }, (json) => people(JSON.parse(String(json)) as Address[]));
  }

  private stmt(sql: string): StatementSync {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  write(id: number, doc: IndexDoc): void {
    const key = this.keys.of(id);
    if (key !== null) this.writeAt(key, doc);
  }

  /**
   * Writes the entries of new messages (no key yet) in the order of their keys: a key lower than
   * the one before makes FTS5 write out what it has gathered as a segment of its own. The keys
   * are assigned in one statement (search-keys.ts, assignMany).
   */
  writeMany(entries: Array<{ id: number; doc: IndexDoc }>): void {
    const keys = this.keys.assignMany(entries.map((e) => e.id));
    this.writeKeyed(
      entries.flatMap((e) => {
        const key = keys.get(e.id);
        return key === undefined ? [] : [{ key, doc: e.doc }];
      }),
    );
  }

  /** Writes entries under keys already given (keysFor, stored with their rows), in key order. */
  writeKeyed(entries: Array<{ key: number; doc: IndexDoc }>): void {
    entries.sort((a, b) => a.key - b.key);
    for (const e of entries) this.writeAt(e.key, e.doc);
  }

  /** Keys for messages about to be inserted with these dates (search-keys.ts, forDates). */
  keysFor(dates: Array<number | null>): Array<number | null> {
    return this.keys.forDates(dates);
  }

  private writeAt(key: number, doc: IndexDoc): void {
    const cut = (s: string) => (s.length > MAX_FIELD_CHARS ? s.slice(0, MAX_FIELD_CHARS) : s).normalize('NFC');
    const text = [doc.body, doc.subject, doc.sender, doc.to, doc.cc, doc.attachment].map(cut);
    const cols = '(rowid, body, subject, sender, to_addr, cc_addr, attachment) VALUES (?, ?, ?, ?, ?, ?, ?)';
    const folded = text.map(foldText);
    this.stmt(`INSERT OR REPLACE INTO fts_fold ${cols}`).run(key, ...folded);
    this.stmt(`INSERT OR REPLACE INTO fts_exact_words ${cols}`).run(key, ...text.map(markedWords));
  }

  /** Forgets the entries of the messages the SQL selects (their ids), before they are deleted. */
  forget(selectIds: string, ...args: Array<string | number>): void {
    const keys = `SELECT fts_key FROM messages WHERE id IN (${selectIds}) AND fts_key IS NOT NULL`;
    for (const t of FTS_TABLES) this.stmt(`DELETE FROM ${t} WHERE rowid IN (${keys})`).run(...args);
  }

  /** Merges each full-text index into one segment, dropping the entries of replaced and removed rows. */
  optimize(): void {
    for (const t of FTS_TABLES) this.stmt(`INSERT INTO ${t} (${t}) VALUES ('optimize')`).run();
  }

  /** Re-indexes a batch of messages with their bodies, in the order of their keys (see writeMany). */
  saveBodies(entries: Array<[number, BodyIndexEntry]>): void {
    const byId = new Map(entries);
    const ordered = this.stmt(
      'SELECT id FROM messages WHERE id IN (SELECT value FROM json_each(?)) ORDER BY fts_key',
    ).all(JSON.stringify([...byId.keys()])) as Array<{ id: number }>;
    for (const { id } of ordered) this.saveBody(id, byId.get(id) as BodyIndexEntry);
  }

  /** Re-indexes one message with its body: header fields from the row, text from the indexer. */
  saveBody(id: number, entry: BodyIndexEntry): void {
    const row = this.stmt(
      'SELECT subject, from_json, to_json, cc_json, attachment_names FROM messages WHERE id = ?',
    ).get(id) as Record<string, string> | undefined;
    if (!row) return;
    const doc = headerDoc({
      subject: row.subject as string,
      from: JSON.parse(row.from_json as string) as Address[],
      to: JSON.parse(row.to_json as string) as Address[],
      cc: JSON.parse(row.cc_json as string) as Address[],
      attachmentNames: (row.attachment_names as string).split('\n'),
    });
    this.write(id, { ...doc, body: entry.body, attachment: `${doc.attachment} ${entry.attachmentText}` });
    this.stmt(`UPDATE messages SET text_indexed = 1, has_attachments = MAX(has_attachments, ?) WHERE id = ?`).run(
      entry.hasAttachments ? 1 : 0,
      id,
    );
    if (entry.notes.length)
      this.stmt('INSERT OR REPLACE INTO index_notes (message_id, notes) VALUES (?, ?)').run(id, entry.notes.join('\n'));
  }

  /** The next messages of a folder whose text is not indexed yet, newest first. */
  pending(path: string, limit: number): Array<{ id: number; uid: number; size: number }> {
    return this.stmt(
      `SELECT id, uid, size FROM messages WHERE folder_id = (SELECT id FROM folders WHERE path = ?) AND text_indexed = 0
       ORDER BY date DESC, uid DESC LIMIT ?`,
    ).all(path, limit) as Array<{ id: number; uid: number; size: number }>;
  }

  /** How many messages of a folder still wait for their text. */
  pendingCount(path: string): number {
    return (
      this.stmt(
        'SELECT COUNT(*) AS n FROM messages WHERE folder_id = (SELECT id FROM folders WHERE path = ?) AND text_indexed = 0',
      ).get(path) as { n: number }
    ).n;
  }

  /** How many messages still wait for their text, per folder (the app's record folders are not indexed). */
  coverage(): Array<{ folder: string; pending: number; total: number }> {
    const rows = this.stmt(
      `SELECT f.path AS folder, f.delimiter, SUM(m.text_indexed = 0) AS pending, COUNT(*) AS total
       FROM messages m JOIN folders f ON f.id = m.folder_id GROUP BY f.id ORDER BY f.path`,
    ).all() as Array<{ folder: string; delimiter: string; pending: number; total: number }>;
    return rows
      .filter((r) => !isRecordFolder(r.folder, r.delimiter))
      .map((r) => ({ folder: r.folder, pending: r.pending, total: r.total }));
  }

  /**
   * Of a folder's UIDs (the server's hits for `q`), those the server alone can give: cached
   * messages whose text is not indexed yet and that the index does not match by their headers.
   * (An indexed message the index does not match is not a hit: the index has all its text.)
   */
  serverOnly(q: SearchQuery, path: string, uids: number[]): number[] {
    const pending = this.stmt(
      `SELECT id, uid FROM messages WHERE folder_id = (SELECT id FROM folders WHERE path = ?) AND text_indexed = 0
       AND uid IN (SELECT value FROM json_each(?))`,
    ).all(path, JSON.stringify(uids)) as Array<{ id: number; uid: number }>;
    if (pending.length === 0) return [];
    const within = pending.map((p) => p.id);
    const matched = new Set(this.search(q, { offset: 0, limit: within.length, order: 'date', within }).ids);
    return pending.filter((p) => !matched.has(p.id)).map((p) => p.uid);
  }

  notes(): Array<{ folder: string; uid: number; notes: string[] }> {
    const rows = this.stmt(
      `SELECT f.path AS folder, m.uid, n.notes FROM index_notes n JOIN messages m ON m.id = n.message_id
       JOIN folders f ON f.id = m.folder_id ORDER BY f.path, m.uid`,
    ).all() as Array<{ folder: string; uid: number; notes: string }>;
    return rows.map((r) => ({ folder: r.folder, uid: r.uid, notes: r.notes.split('\n') }));
  }

  /** Matching messages (ids), ranked by relevance then date (or by date), with the total. */
  search(q: SearchQuery, page: SearchPageQuery): { total: number; ids: number[] } {
    return runSearch(this.db, (sql) => this.stmt(sql), q, page);
  }
}
