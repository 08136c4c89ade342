// `<profile>/ledger.sqlite`: a local copy of each book this computer opened, so the register
// table shows its first rows without waiting for the server. The records in the mailbox stay the
// truth; this file can be deleted at any time and is rebuilt on the next read.
/** 2: rows carry doneOn (the dashboard's on-time rate). */
export const LEDGER_CACHE_VERSION = 2;

export const LEDGER_CACHE_SCHEMA = `
CREATE TABLE IF NOT EXISTS books (
  book TEXT PRIMARY KEY,
  mailbox TEXT NOT NULL,
  uid_validity INTEGER,
  last_uid INTEGER NOT NULL,
  intact INTEGER NOT NULL,
  entries INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
  book TEXT NOT NULL,
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  status TEXT NOT NULL,
  handler TEXT,
  co_handlers TEXT NOT NULL,
  deadline TEXT,
  search TEXT NOT NULL,
  row_json TEXT NOT NULL,
  PRIMARY KEY (book, year, number)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entries_by_status ON entries (book, status, year DESC, number DESC);
CREATE INDEX IF NOT EXISTS entries_by_handler ON entries (book, handler, year DESC, number DESC);
`;
