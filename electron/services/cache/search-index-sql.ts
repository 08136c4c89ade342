// The full-text tables' layouts, in the order the cache's migrations apply them (schema.ts).

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

/**
 * Issue 16, index size (measured on the search benchmark's corpus, see BENCHMARKS.md): FTS5
 * writes a column marker (2 bytes) in front of the positions of every word outside the first
 * column, so the body, nearly all the words, comes first: the folded index with positions falls
 * from 63% to 44% of the text. The indexes of the text as written keep only the words that carry
 * a mark (or đ): a word typed without marks is matched on the folded index alone, so it was
 * never asked for there (12% → 10%). A word with marks scoped to a header field (`subject:`,
 * `from:`, `to:`, `cc:`) is checked on that field's text in the messages table, so the index of
 * the header fields as written goes (5%). The entries are keyed by date (search-keys.ts).
 */
export const BODY_FIRST_SQL = `
  DROP TABLE fts_fold;
  DROP TABLE fts_exact_head;
  DROP TABLE fts_exact_words;
  CREATE VIRTUAL TABLE fts_fold USING fts5(body, subject, sender, to_addr, cc_addr, attachment,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
  CREATE VIRTUAL TABLE fts_exact_words USING fts5(body, subject, sender, to_addr, cc_addr, attachment,
    content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61 remove_diacritics 0');
  ALTER TABLE messages ADD COLUMN fts_key INTEGER;
  CREATE INDEX messages_fts_key ON messages (fts_key);
  CREATE INDEX messages_seen ON messages (seen, fts_key);
  CREATE INDEX messages_flagged ON messages (fts_key) WHERE flagged = 1;
  CREATE INDEX messages_attached ON messages (fts_key) WHERE has_attachments = 1;
  UPDATE messages SET text_indexed = 0;
  DELETE FROM index_notes;
`;

/**
 * Issue 16, index size: the entries are keyed by day instead of by second (search-keys.ts), so
 * every key is given again and the index written again: headers now, bodies in the background.
 */
export const DAY_KEYS_SQL = `
  INSERT INTO fts_fold (fts_fold) VALUES ('delete-all');
  INSERT INTO fts_exact_words (fts_exact_words) VALUES ('delete-all');
  UPDATE messages SET fts_key = NULL, text_indexed = 0;
  DELETE FROM index_notes;
`;
