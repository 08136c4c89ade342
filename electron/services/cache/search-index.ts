import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Address } from '../../../shared/mail.ts';
import { isRecordFolder } from '../../../shared/records.ts';
import { foldText } from '../../../shared/text-fold.ts';
import { type ExactCondition, ftsExpressions } from '../search/fts.ts';
import type { SearchQuery } from '../search/query.ts';

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

export type SearchOrder = 'relevance' | 'date';

export interface SearchPageQuery {
  offset: number;
  limit: number;
  order?: SearchOrder;
}

/** Longest text kept per field: more is never searched for and only costs space. */
const MAX_FIELD_CHARS = 1_000_000;

// bm25 weights, in FTS_COLUMNS order: a word in the subject says more than one in the body.
const WEIGHTS = '10.0, 5.0, 3.0, 2.0, 1.0, 1.0';

export const SEARCH_INDEX_SQL = `
  ALTER TABLE messages ADD COLUMN text_indexed INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX messages_unindexed ON messages (folder_id, date DESC, uid DESC) WHERE text_indexed = 0;
  CREATE TABLE index_notes (
    message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    notes TEXT NOT NULL
  );
  DROP TABLE messages_fts;
  -- Two contentless indexes (rowid = messages.id): folded text (no marks, đ → d, with positions,
  -- for phrases) for words typed without diacritics; the text as written (words per column, no
  -- positions) for words typed with them. The app's record folders are not indexed.
  CREATE VIRTUAL TABLE fts_fold USING fts5(subject, sender, to_addr, cc_addr, body, attachment,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
  CREATE VIRTUAL TABLE fts_exact USING fts5(subject, sender, to_addr, cc_addr, body, attachment,
    content = '', contentless_delete = 1, detail = column, tokenize = 'unicode61 remove_diacritics 0');
`;

/**
 * Issue 16, index size: the text as written is only checked word by word (order and adjacency
 * come from the folded phrase), so it needs no positions, and all but the header fields no
 * columns: the header fields keep theirs in a small index (`subject:` typed with diacritics),
 * all the text keeps only which messages hold each word. 13% + 5% of the text's size instead
 * of 38% (test/bench/search-bench.ts). The bodies are indexed again
 * in the background (a contentless index cannot be rebuilt from itself).
 */
export const EXACT_SPLIT_SQL = `
  DROP TABLE fts_exact;
  CREATE VIRTUAL TABLE fts_exact_head USING fts5(subject, sender, to_addr, cc_addr,
    content = '', contentless_delete = 1, detail = column, tokenize = 'unicode61 remove_diacritics 0');
  CREATE VIRTUAL TABLE fts_exact_words USING fts5(subject, sender, to_addr, cc_addr, body, attachment,
    content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61 remove_diacritics 0');
  UPDATE messages SET text_indexed = 0;
  DELETE FROM index_notes;
`;

/** The full-text tables, all keyed by messages.id. */
const FTS_TABLES = ['fts_fold', 'fts_exact_head', 'fts_exact_words'] as const;

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

  constructor(db: DatabaseSync) {
    this.db = db;
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
    const cut = (s: string) => (s.length > MAX_FIELD_CHARS ? s.slice(0, MAX_FIELD_CHARS) : s).normalize('NFC');
    const exact = [doc.subject, doc.sender, doc.to, doc.cc, doc.body, doc.attachment].map(cut);
    const cols = '(rowid, subject, sender, to_addr, cc_addr, body, attachment) VALUES (?, ?, ?, ?, ?, ?, ?)';
    this.stmt(`INSERT OR REPLACE INTO fts_fold ${cols}`).run(id, ...exact.map(foldText));
    this.stmt(
      'INSERT OR REPLACE INTO fts_exact_head (rowid, subject, sender, to_addr, cc_addr) VALUES (?, ?, ?, ?, ?)',
    ).run(id, ...exact.slice(0, 4));
    this.stmt(`INSERT OR REPLACE INTO fts_exact_words ${cols}`).run(id, ...exact);
  }

  /** Forgets the entries of the messages the SQL selects (their ids), before they are deleted. */
  forget(selectIds: string, ...args: Array<string | number>): void {
    for (const t of FTS_TABLES) this.stmt(`DELETE FROM ${t} WHERE rowid IN (${selectIds})`).run(...args);
  }

  /** Merges each full-text index into one segment, dropping the entries of replaced and removed rows. */
  optimize(): void {
    for (const t of FTS_TABLES) this.stmt(`INSERT INTO ${t} (${t}) VALUES ('optimize')`).run();
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

  notes(): Array<{ folder: string; uid: number; notes: string[] }> {
    const rows = this.stmt(
      `SELECT f.path AS folder, m.uid, n.notes FROM index_notes n JOIN messages m ON m.id = n.message_id
       JOIN folders f ON f.id = m.folder_id ORDER BY f.path, m.uid`,
    ).all() as Array<{ folder: string; uid: number; notes: string }>;
    return rows.map((r) => ({ folder: r.folder, uid: r.uid, notes: r.notes.split('\n') }));
  }

  /** Matching messages (ids), ranked by relevance then date (or by date), with the total. */
  search(q: SearchQuery, page: SearchPageQuery): { total: number; ids: number[] } {
    const { folded, exact, implied } = ftsExpressions(q);
    const where: string[] = [];
    const args: Array<string | number> = [];
    let from = 'messages m';
    let rank = '';
    if (folded !== null) {
      from = `(SELECT rowid AS id, bm25(fts_fold, ${WEIGHTS}) AS score FROM fts_fold WHERE fts_fold MATCH ?) r
              JOIN messages m ON m.id = r.id`;
      where.push('fts_fold MATCH ?');
      args.push(folded);
      rank = 'r.score, ';
    }
    for (const c of exact) exactWhere(c, where, args);
    this.filters(q, where, args, folded !== null);
    // Folders are joined only to filter on their path (a join on every hit costs at 100,000).
    const folders = q.folder !== null ? ' JOIN folders f ON f.id = m.folder_id' : '';
    const order = page.order === 'date' ? 'm.date DESC, m.id DESC' : `${rank}m.date DESC, m.id DESC`;
    // The page: bm25 in a subquery (its MATCH is the first condition), sorted with a LIMIT (a
    // top-K sort). The total is counted apart, without ranking: a window COUNT over every ranked
    // hit cost half the time of a query matching most of a folder (test/bench/search-bench.ts).
    const pageWhere = where.filter((w) => w !== 'fts_fold MATCH ?');
    const pageSql = `SELECT m.id FROM ${from}${folders} ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}`;
    const ids = (
      this.db.prepare(`${pageSql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...args, page.limit, page.offset) as Array<{
        id: number;
      }>
    ).map((r) => r.id);
    // A short page that is not past the end gives the total without counting.
    if (ids.length < page.limit && (ids.length > 0 || page.offset === 0))
      return { total: page.offset + ids.length, ids };
    return { total: this.count(implied ? pageWhere : where, implied ? args.slice(1) : args, folders), ids };
  }

  /**
   * How many messages the conditions select. Words typed with diacritics alone (`implied`)
   * select by themselves: the folded index only ranked them. One full-text condition alone is
   * counted in its index (every entry there has its message; a join to messages cost 10 ms).
   */
  private count(where: string[], args: Array<string | number>, folders: string): number {
    const only =
      where.length === 1 && folders === ''
        ? /^(?:m\.id IN \(SELECT rowid FROM (\w+) WHERE \1 MATCH \?\)|(fts_fold) MATCH \?)$/.exec(where[0] as string)
        : null;
    const table = only?.[1] ?? only?.[2];
    const sql = table
      ? `SELECT COUNT(*) AS n FROM ${table} WHERE ${table} MATCH ?`
      : `SELECT COUNT(*) AS n FROM ${where.includes('fts_fold MATCH ?') ? 'fts_fold JOIN messages m ON m.id = fts_fold.rowid' : 'messages m'}${folders} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    return (this.db.prepare(sql).get(...args) as { n: number }).n;
  }

  private filters(q: SearchQuery, where: string[], args: Array<string | number>, textSearch: boolean): void {
    // The record folders' messages are never in the text index; a search by filters alone leaves them out here.
    const records = textSearch
      ? []
      : (this.stmt('SELECT id, path, delimiter FROM folders').all() as Array<Record<string, string>>)
          .filter((f) => isRecordFolder(f.path as string, f.delimiter as string))
          .map((f) => Number(f.id));
    if (records.length) {
      where.push('m.folder_id NOT IN (SELECT value FROM json_each(?))');
      args.push(JSON.stringify(records));
    }
    if (q.hasAttachment) where.push('m.has_attachments = 1');
    if (q.seen !== undefined) where.push(`m.seen = ${q.seen ? 1 : 0}`);
    if (q.flagged !== undefined) where.push(`m.flagged = ${q.flagged ? 1 : 0}`);
    if (q.answered !== undefined) where.push(`(instr(m.flags, '\\\\Answered') > 0) = ${q.answered ? 1 : 0}`);
    if (q.before !== null) {
      where.push('m.date < ?');
      args.push(q.before);
    }
    if (q.after !== null) {
      where.push('m.date >= ?');
      args.push(q.after);
    }
    if (q.folder !== null) {
      const folder = q.folder.toUpperCase() === 'INBOX' ? 'INBOX' : q.folder;
      where.push(
        '(f.path = ? OR (substr(f.path, 1, length(?)) = ? AND substr(f.path, length(?) + 1, 1) = f.delimiter))',
      );
      args.push(folder, folder, folder, folder);
    }
  }
}

/** A condition on the text as written (see ExactCondition). */
function exactWhere(c: ExactCondition, where: string[], args: Array<string | number>): void {
  where.push(`m.id IN (SELECT rowid FROM ${c.table} WHERE ${c.table} MATCH ?)`);
  args.push(c.match);
}
