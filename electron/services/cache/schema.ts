import type { DatabaseSync } from 'node:sqlite';

/** Ordered migrations; user_version records how many have run. */
const MIGRATIONS: string[] = [
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
];

export function migrate(db: DatabaseSync): void {
  const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
  for (let i = version; i < MIGRATIONS.length; i++) {
    db.exec('BEGIN');
    try {
      db.exec(MIGRATIONS[i] as string);
      db.exec(`PRAGMA user_version = ${i + 1}`);
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
  }
}
