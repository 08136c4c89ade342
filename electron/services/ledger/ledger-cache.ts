// The SQLite copy of the books (schema: ledger-cache-schema.ts). A snapshot read from the server
// updates it incrementally: only entries touched by records newer than the last UID stored are
// rewritten; a new UIDVALIDITY, a damaged chain or a book that shrank (records removed) resets the
// book. Pages are answered by SQL, filtered and windowed, with Quá hạn computed for the given day.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { LedgerPage, LedgerRow, LedgerSortKey } from '../../../shared/contract-ledger.ts';
import { ENTRY_STATUSES, URGENCIES } from '../../../shared/ledger.ts';
import { foldText } from '../../../shared/text-fold.ts';
import { LEDGER_CACHE_SCHEMA, LEDGER_CACHE_VERSION } from './ledger-cache-schema.ts';
import type { BookFilter, BookSort } from './ledger-query.ts';
import { isDescending, searchText, toRow } from './ledger-query.ts';
import type { LedgerBookRead } from './ledger-service.ts';
import type { BookEntry } from './ledger-view.ts';

export interface PageQuery extends BookFilter, BookSort {
  year?: number | undefined;
  offset: number;
  limit: number;
}

type BookRow = { mailbox: string; uid_validity: number | null; last_uid: number; intact: number; entries: number };
type SqlValue = string | number | null;

const field = (name: string) => `json_extract(row_json, '$.${name}')`;
const rank = (column: string, values: readonly string[]) =>
  `CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} END`;
/** What each column sorts on, as ledger-query.ts sortValue (text folded, nulls last). */
const SORT_SQL: Record<LedgerSortKey, string> = {
  number: 'year * 10000000 + number',
  ngayDen: field('ngayDen'),
  tacGia: `fold(${field('tacGia')})`,
  soKyHieu: `fold(${field('soKyHieu')})`,
  subject: `fold(${field('subject')})`,
  urgency: rank(field('urgency'), URGENCIES),
  assignee: 'coalesce(handler, char(65535))',
  deadline: 'coalesce(deadline, char(65535))',
  status: rank('status', ENTRY_STATUSES),
};

const OVERDUE = `(deadline IS NOT NULL AND deadline < ? AND status NOT IN ('da-xu-ly', 'luu'))`;

export class LedgerCache {
  private readonly db: DatabaseSync;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new DatabaseSync(file);
    this.db.exec('PRAGMA journal_mode = WAL');
    const version = (this.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    if (version !== LEDGER_CACHE_VERSION) {
      this.db.exec('DROP TABLE IF EXISTS entries; DROP TABLE IF EXISTS books;');
      this.db.exec(`PRAGMA user_version = ${LEDGER_CACHE_VERSION}`);
    }
    this.db.exec(LEDGER_CACHE_SCHEMA);
    this.db.function('fold', { deterministic: true }, (text) => foldText(String(text ?? '')));
  }

  /** Stores a whole book as read from the server; resolves whether anything changed. */
  store(book: string, read: LedgerBookRead): boolean {
    const known = this.db.prepare('SELECT * FROM books WHERE book = ?').get(book) as BookRow | undefined;
    const reset =
      !known ||
      known.uid_validity !== read.uidValidity ||
      !read.intact ||
      known.intact === 0 ||
      read.lastUid < known.last_uid ||
      read.entries.length < known.entries;
    if (!reset && read.lastUid === known.last_uid && read.entries.length === known.entries) return false;
    const since = reset ? -1 : known.last_uid;
    const touched = read.entries.filter((e) => e.history.some((h) => h.uid > since));
    this.db.exec('BEGIN IMMEDIATE');
    try {
      if (reset) this.db.prepare('DELETE FROM entries WHERE book = ?').run(book);
      const put = this.db.prepare(
        `INSERT OR REPLACE INTO entries (book, year, number, status, handler, co_handlers, deadline, search, row_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const e of touched) put.run(...entryValues(book, e));
      this.db
        .prepare(
          'INSERT OR REPLACE INTO books (book, mailbox, uid_validity, last_uid, intact, entries) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(book, read.mailbox, read.uidValidity, read.lastUid, read.intact ? 1 : 0, read.entries.length);
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
    return true;
  }

  /** A window of the stored book, newest first; null when this book was never stored. */
  page(book: string, q: PageQuery, today: string): LedgerPage | null {
    const known = this.db.prepare('SELECT * FROM books WHERE book = ?').get(book) as BookRow | undefined;
    if (!known) return null;
    const { where, args } = conditions(book, q, today);
    const clause = where.join(' AND ');
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM entries WHERE ${clause}`).get(...args) as { n: number })
      .n;
    const rows = this.db
      .prepare(
        `SELECT row_json, ${OVERDUE} AS overdue FROM entries WHERE ${clause}
         ORDER BY ${orderOf(q)} LIMIT ? OFFSET ?`,
      )
      .all(today, ...args, q.limit, q.offset) as Array<{ row_json: string; overdue: number }>;
    return {
      mailbox: known.mailbox,
      total,
      offset: q.offset,
      rows: rows.map((r) => ({ ...(JSON.parse(r.row_json) as LedgerRow), overdue: r.overdue === 1 })),
      intact: known.intact === 1,
    };
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

function conditions(book: string, q: PageQuery, today: string): { where: string[]; args: SqlValue[] } {
  const where = ['book = ?'];
  const args: SqlValue[] = [book];
  const add = (sql: string, ...values: SqlValue[]) => {
    where.push(sql);
    args.push(...values);
  };
  if (q.year !== undefined) add('year = ?', q.year);
  if (q.status === 'qua-han') add(OVERDUE, today);
  else if (q.status === 'moi') add(`status = 'da-vao-so'`);
  else if (q.status) add('status = ?', q.status);
  if (q.assignee) add('(handler = ? OR instr(co_handlers, ?) > 0)', q.assignee, ` ${q.assignee} `);
  if (q.text) add('instr(search, ?) > 0', foldText(q.text));
  if (q.urgency) add(`${field('urgency')} = ?`, q.urgency);
  if (q.deadlineTo) add('deadline IS NOT NULL AND deadline <= ?', q.deadlineTo);
  return { where, args };
}

function orderOf(q: BookSort): string {
  const primary = SORT_SQL[q.sort ?? 'number'];
  return `${primary} ${isDescending(q) ? 'DESC' : 'ASC'}, year DESC, number DESC`;
}

function entryValues(book: string, e: BookEntry): SqlValue[] {
  const search = searchText(e);
  const coHandlers = ` ${e.coHandlers.join(' ')} `;
  return [book, e.year, e.number, e.status, e.handler, coHandlers, e.deadline, search, JSON.stringify(toRow(e))];
}
