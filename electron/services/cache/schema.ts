import type { DatabaseSync } from 'node:sqlite';
import type { Address } from '../../../shared/mail.ts';
import { isRecordFolder } from '../../../shared/records.ts';
import { headerDoc, SearchIndex } from './search-index.ts';
import { BODY_FIRST_SQL, DAY_KEYS_SQL, EXACT_SPLIT_SQL, SEARCH_INDEX_SQL } from './search-index-sql.ts';

/** Ordered migrations (SQL, or code for what SQL cannot fold); user_version records how many have run. */
const MIGRATIONS: Array<string | ((db: DatabaseSync) => void)> = [
  `CREATE TABLE folders (
     id INTEGER PRIMARY KEY,
     path TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     parent_path TEXT,
     delimiter TEXT NOT NULL DEFAULT '/',
     special_use TEXT,
     subscribed INTEGER NOT NULL DEFAULT 0,
     selectable INTEGER NOT NULL DEFAULT 1,
     messages INTEGER,
     unseen INTEGER,
     uidvalidity INTEGER,
     uidnext INTEGER,
     highestmodseq TEXT,
     complete INTEGER NOT NULL DEFAULT 0,
     synced_at INTEGER
   );
   CREATE TABLE messages (
     id INTEGER PRIMARY KEY,
     folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
     uid INTEGER NOT NULL,
     modseq TEXT,
     flags TEXT NOT NULL,
     seen INTEGER NOT NULL,
     flagged INTEGER NOT NULL,
     date INTEGER,
     internal_date INTEGER,
     size INTEGER NOT NULL,
     subject TEXT NOT NULL,
     subject_sort TEXT NOT NULL,
     from_json TEXT NOT NULL,
     from_sort TEXT NOT NULL,
     to_json TEXT NOT NULL,
     cc_json TEXT NOT NULL,
     message_id TEXT,
     in_reply_to TEXT,
     refs TEXT NOT NULL DEFAULT '',
     thread_id TEXT NOT NULL,
     has_attachments INTEGER NOT NULL,
     attachment_names TEXT NOT NULL DEFAULT '',
     importance TEXT,
     priority TEXT,
     x_priority TEXT,
     is_directive INTEGER NOT NULL DEFAULT 0,
     urgency INTEGER NOT NULL DEFAULT 0,
     snippet TEXT,
     UNIQUE (folder_id, uid)
   );
   CREATE INDEX messages_by_date ON messages (folder_id, date DESC, uid DESC);
   CREATE INDEX messages_by_from ON messages (folder_id, from_sort, uid);
   CREATE INDEX messages_by_subject ON messages (folder_id, subject_sort, uid);
   -- Every index costs on each of a big folder's first-sync inserts: conversations are opened one
   -- at a time (a scan is fine), and only directives are indexed for their view.
   CREATE INDEX messages_directives ON messages (urgency DESC, date DESC) WHERE is_directive = 1;
   CREATE TABLE bodies (
     message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
     source BLOB NOT NULL,
     fetched_at INTEGER NOT NULL
   );
   -- Folded text (see shared/text-fold.ts); rowid = messages.id.
   CREATE VIRTUAL TABLE messages_fts USING fts5(subject, sender, recipients, body, attachments, tokenize = 'unicode61 remove_diacritics 2');`,
  // Issue 16: index every message's text (folded and exact); the headers are written by the
  // split below (this step's exact table is replaced there), the bodies follow in the background.
  SEARCH_INDEX_SQL,
  // Issue 16: a directive's kind (directive | invitation), the header area of its document for
  // re-classifying, and the fingerprint of the rules the verdicts were made with (none yet: the
  // next open re-classifies, see directives/directive-reclassify.ts).
  `ALTER TABLE messages ADD COLUMN directive_kind TEXT;
   ALTER TABLE messages ADD COLUMN directive_head TEXT;
   CREATE TABLE directive_state (id INTEGER PRIMARY KEY CHECK (id = 1), fingerprint TEXT NOT NULL);`,
  // Issue 16, index size: the text as written without positions (search-index.ts); its headers
  // are written by the body-first step below, every body again in the background.
  EXACT_SPLIT_SQL,
  // Issue 16: a date taken from INTERNALDATE (no usable Date header) is marked in the list.
  // Messages cached before are taken as dated by their header.
  'ALTER TABLE messages ADD COLUMN date_from_internal INTEGER NOT NULL DEFAULT 0;',
  // Issue 16, index size: the body first in the folded index, only words with marks in the exact
  // ones (search-index.ts); every body again in the background. The headers are written by the
  // next step, which always follows in the same run.
  BODY_FIRST_SQL,
  // Issue 16, index size: keys by day (search-keys.ts); headers now, bodies in the background.
  (db) => {
    db.exec(DAY_KEYS_SQL);
    reindexHeaders(db);
  },
];

/** Writes the header part of every cached message's index entry (after the index tables changed). */
function reindexHeaders(db: DatabaseSync): void {
  const index = new SearchIndex(db);
  const rows = db
    .prepare(
      `SELECT m.id, m.subject, m.from_json, m.to_json, m.cc_json, m.attachment_names, f.path, f.delimiter
       FROM messages m JOIN folders f ON f.id = m.folder_id ORDER BY m.date, m.id`,
    )
    .all() as Array<Record<string, string | number>>;
  const list = (json: unknown) => JSON.parse(json as string) as Address[];
  const entries = rows
    .filter((r) => !isRecordFolder(r.path as string, r.delimiter as string))
    .map((r) => ({
      id: r.id as number,
      doc: headerDoc({
        subject: r.subject as string,
        from: list(r.from_json),
        to: list(r.to_json),
        cc: list(r.cc_json),
        attachmentNames: (r.attachment_names as string).split('\n'),
      }),
    }));
  // In batches, keys assigned in date order (search-keys.ts) and entries written in key order.
  for (let i = 0; i < entries.length; i += 2000) index.writeMany(entries.slice(i, i + 2000));
}

export function migrate(db: DatabaseSync): void {
  const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
  for (let i = version; i < MIGRATIONS.length; i++) {
    db.exec('BEGIN');
    try {
      const step = MIGRATIONS[i] as string | ((db: DatabaseSync) => void);
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.exec(`PRAGMA user_version = ${i + 1}`);
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
  }
}
