// Index layouts (issue 16, index size; not a test: nothing here fails on a figure). The search
// benchmark's corpus (search-corpus.ts) is written straight into SQLite FTS5 in several layouts,
// keyed by day as the cache keys it (search-keys.ts), merged into one segment ('optimize'), and
// for each layout this prints:
//  - its size against the text it indexes (subject, name, addresses, body; UTF-8 bytes), the
//    figure the issue targets at ≤ 40%;
//  - what it still answers exactly, measured against the text itself: quoted phrases (precision
//    and recall over PHRASES) and a word typed with marks (`họp`, which must not find `hợp`).
// The first layout is the cache's own (its tables are taken from search-index-sql.ts), so its
// size is the one search-bench.ts reports through Dovecot. Writes its section of BENCHMARKS.md
// (or --out).
//   node test/bench/index-layouts.ts [--messages N --out FILE]
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BODY_FIRST_SQL } from '../../electron/services/cache/search-index-sql.ts';
import { keyOfDate, DAY_SLOTS } from '../../electron/services/cache/search-keys.ts';
import { markedWords } from '../../electron/services/cache/marked-words.ts';
import { indexWords } from '../../electron/services/search/query.ts';
import { foldText } from '../../shared/text-fold.ts';
import { ftsBytes } from './fts-size.ts';
import { writeSection } from './handover/report.ts';
import { log } from './rounds.ts';
import { type CorpusMessage, corpusMessage, corpusText } from './search-corpus.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TITLE = '## Bố cục chỉ mục / Index layouts';
const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '100000' },
    out: { type: 'string', default: join(ROOT, 'BENCHMARKS.md') },
  },
});
const count = Number(values.messages);

/** Quoted phrases as typed (folded); document numbers recur with other numbers in one message. */
const PHRASES = [
  'ke hoach so 15',
  'ke hoach so 5',
  'chi thi so 3',
  'bao cao tham dinh so 3',
  'phong hop so 2',
  'chuyen doi so',
  'ky luat ky cuong',
];
/** A word typed with its marks: `họp` (a meeting), never `hợp` (as in `phối hợp`). */
const MARKED = 'họp';

/** Joins two words into one index token (a word pair); never in folded text. */
const PAIR = '\uE000';
const folded = (s: string) => foldText(s.normalize('NFC')).toLowerCase();
const words = (s: string) => indexWords(s);
const pairs = (s: string) => {
  const w = words(folded(s));
  return w
    .slice(1)
    .map((b, i) => `${w[i]}${PAIR}${b}`)
    .join(' ');
};
/** Word pairs, and for a word with a digit (a document's number) the three words ending with it. */
const pairsAndNumbers = (s: string) => {
  const w = words(folded(s));
  const triples = w.flatMap((c, i) => (i >= 2 && /\d/.test(c) ? [`${w[i - 2]}${PAIR}${w[i - 1]}${PAIR}${c}`] : []));
  return `${pairs(s)} ${triples.join(' ')}`;
};
const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

interface Layout {
  name: string;
  gives: string;
  ddl: string[];
  /** The values of each table's columns for one message. */
  row: (m: CorpusMessage) => Record<string, string[]>;
  /** The rowids a quoted phrase (folded words) finds; null when the layout cannot ask. */
  phrase: (db: DatabaseSync, w: string[]) => Set<number> | null;
  /** The rowids the word typed with marks finds. */
  marked: (db: DatabaseSync, word: string) => Set<number>;
  /** Where a word typed without marks is asked for as its written forms: the rowids it finds. */
  plain?: (db: DatabaseSync, word: string) => Set<number>;
}

const fts = (name: string, cols: string, detail: string, tokenize: string) =>
  `CREATE VIRTUAL TABLE ${name} USING fts5(${cols}, content = '', contentless_delete = 1, detail = ${detail}, tokenize = '${tokenize}')`;
const FOLD = 'unicode61 remove_diacritics 2';
const WRITTEN = 'unicode61 remove_diacritics 0';
const WITH_PAIRS = `unicode61 remove_diacritics 0 tokenchars ${PAIR}`;
const HEAD = 'subject, sender, to_addr, cc_addr';
const head = (m: CorpusMessage) => [m.subject, `${m.senderName} ${m.from}`, m.to, ''];
const six = (m: CorpusMessage, f: (s: string) => string) =>
  [m.body, m.subject, `${m.senderName} ${m.from}`, m.to, '', ''].map((s) => f(s.normalize('NFC')));

const ids = (db: DatabaseSync, sql: string, ...args: string[]) =>
  new Set((db.prepare(sql).all(...args) as Array<{ rowid: number }>).map((r) => r.rowid));
const union = (...sets: Array<Set<number>>) => new Set(sets.flatMap((s) => [...s]));
/** The rowids of `table` an FTS5 expression finds. */
const match = (db: DatabaseSync, table: string, expr: string) =>
  ids(db, `SELECT rowid FROM ${table} WHERE ${table} MATCH ?`, expr);
const phraseIn = (db: DatabaseSync, table: string, w: string[]) => match(db, table, quote(w.join(' ')));
/** A phrase as its word pairs (all present, anywhere in the message). */
const pairsIn = (db: DatabaseSync, table: string, w: string[]) =>
  match(
    db,
    table,
    w.length === 1
      ? quote(w[0] as string)
      : w
          .slice(1)
          .map((b, i) => quote(`${w[i]}${PAIR}${b}`))
          .join(' AND '),
  );
/** A phrase as its word pairs, and the three words ending with each of its numbers. */
const pairsAndNumbersIn = (db: DatabaseSync, table: string, w: string[]) => {
  const triples = w.flatMap((c, i) =>
    i >= 2 && /\d/.test(c) ? [quote(`${w[i - 2]}${PAIR}${w[i - 1]}${PAIR}${c}`)] : [],
  );
  const found = pairsIn(db, table, w);
  if (triples.length === 0) return found;
  const also = match(db, table, triples.join(' AND '));
  return new Set([...found].filter((k) => also.has(k)));
};
/** A folded word as all the written words of the vocabulary that fold to it. */
const variants = (db: DatabaseSync, table: string, word: string) => {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${table}_vocab USING fts5vocab(${table}, 'row')`);
  const all = (db.prepare(`SELECT term FROM ${table}_vocab`).all() as Array<{ term: string }>).map((r) => r.term);
  return all.filter((t) => !t.includes(PAIR) && folded(t) === word);
};

/** A word with marks in the layouts that keep the body's words as written. */
const writtenMarked = (db: DatabaseSync, word: string) =>
  union(
    match(db, 'words', quote(word)),
    // The header fields are folded here; the cache checks a header word with marks on the
    // field's text (um_has_words). No header of the corpus holds `hợp`, so this stands for it.
    match(db, 'head', quote(folded(word))),
  );
/** A word typed without marks in those layouts: every written form of it, and the folded headers. */
const writtenPlain = (db: DatabaseSync, word: string) =>
  union(...variants(db, 'words', word).map((v) => match(db, 'words', quote(v))), match(db, 'head', quote(word)));

/** The cache's own tables (search-index-sql.ts), as the migrations leave them. */
const OWN_TABLES = [...BODY_FIRST_SQL.matchAll(/CREATE VIRTUAL TABLE[^;]+;/g)].map((m) => m[0]);

const LAYOUTS: Layout[] = [
  {
    name: "the cache's: folded words with positions (body first) + words with marks, no positions",
    gives: 'exact phrases, marks exact, fields and their weights',
    ddl: OWN_TABLES,
    row: (m) => ({ fts_fold: six(m, foldText), fts_exact_words: six(m, markedWords) }),
    phrase: (db, w) => phraseIn(db, 'fts_fold', w),
    marked: (db, word) =>
      ids(
        db,
        'SELECT rowid FROM fts_fold WHERE fts_fold MATCH ? AND rowid IN (SELECT rowid FROM fts_exact_words WHERE fts_exact_words MATCH ?)',
        quote(folded(word)),
        quote(word),
      ),
  },
  {
    name: 'folded words with positions only',
    gives: 'exact phrases, fields; a word with marks finds its folded form (họp finds hợp)',
    ddl: [fts('fold', 'body, subject, sender, to_addr, cc_addr, attachment', 'full', FOLD)],
    row: (m) => ({ fold: six(m, foldText) }),
    phrase: (db, w) => phraseIn(db, 'fold', w),
    marked: (db, word) => match(db, 'fold', quote(folded(word))),
  },
  {
    name: 'folded words with columns, no positions + words with marks',
    gives: 'marks exact, fields; no phrases (FTS5 refuses them without positions)',
    ddl: [
      fts('fold', 'body, subject, sender, to_addr, cc_addr, attachment', 'column', FOLD),
      fts('marks', 'body, subject, sender, to_addr, cc_addr, attachment', 'none', WRITTEN),
    ],
    row: (m) => ({ fold: six(m, foldText), marks: six(m, markedWords) }),
    phrase: (db, w) => {
      try {
        return phraseIn(db, 'fold', w);
      } catch {
        return null;
      }
    },
    marked: (db, word) =>
      ids(
        db,
        'SELECT rowid FROM fold WHERE fold MATCH ? AND rowid IN (SELECT rowid FROM marks WHERE marks MATCH ?)',
        quote(folded(word)),
        quote(word),
      ),
  },
  {
    name: 'body: folded words + folded word pairs, no positions; header fields with positions; words with marks',
    gives: 'marks exact, fields; a body phrase is its word pairs anywhere in the message',
    ddl: [
      fts('words', 'body', 'none', WITH_PAIRS),
      fts('head', HEAD, 'full', FOLD),
      fts('marks', 'body, subject, sender, to_addr, cc_addr, attachment', 'none', WRITTEN),
    ],
    row: (m) => ({
      words: [`${folded(m.body)} ${pairs(m.body)}`],
      head: head(m).map(foldText),
      marks: six(m, markedWords),
    }),
    phrase: (db, w) => union(phraseIn(db, 'head', w), pairsIn(db, 'words', w)),
    marked: (db, word) =>
      ids(
        db,
        `SELECT rowid FROM marks WHERE marks MATCH ? AND (rowid IN (SELECT rowid FROM words WHERE words MATCH ?)
         OR rowid IN (SELECT rowid FROM head WHERE head MATCH ?))`,
        quote(word),
        quote(folded(word)),
        quote(folded(word)),
      ),
  },
  {
    name: 'body: words as written + folded word pairs, no positions (a folded word asks for all its written forms); header fields with positions',
    gives: 'marks exact, fields; a body phrase is its word pairs anywhere in the message',
    ddl: [fts('words', 'body', 'none', WITH_PAIRS), fts('head', HEAD, 'full', FOLD)],
    row: (m) => ({ words: [`${m.body.normalize('NFC')} ${pairs(m.body)}`], head: head(m).map(foldText) }),
    phrase: (db, w) => union(phraseIn(db, 'head', w), pairsIn(db, 'words', w)),
    marked: writtenMarked,
    plain: writtenPlain,
  },
  {
    name: 'as the row above, and for each number the three words ending with it',
    gives:
      'marks exact, fields; a body phrase is its word pairs anywhere, and its numbers with the two words before them',
    ddl: [fts('words', 'body', 'none', WITH_PAIRS), fts('head', HEAD, 'full', FOLD)],
    row: (m) => ({ words: [`${m.body.normalize('NFC')} ${pairsAndNumbers(m.body)}`], head: head(m).map(foldText) }),
    phrase: (db, w) => union(phraseIn(db, 'head', w), pairsAndNumbersIn(db, 'words', w)),
    marked: writtenMarked,
    plain: writtenPlain,
  },
  {
    name: 'folded words only, no positions or columns (the floor)',
    gives: 'words only: no phrases, no marks, no fields',
    ddl: [fts('fold', 'body', 'none', FOLD)],
    row: (m) => ({ fold: [foldText(corpusText(m))] }),
    phrase: () => null,
    marked: (db, word) => match(db, 'fold', quote(folded(word))),
  },
];

// ---- the corpus and the truth ----
const EMAIL = 'searchbench@binhphuoc.gov.vn';
const corpus = Array.from({ length: count }, (_, i) => corpusMessage(i, EMAIL));
// Keys as the cache gives them: the day, then a slot of that day in date order.
const keys: number[] = [];
let slot = 0;
for (const [i, m] of corpus.entries()) {
  slot = i > 0 && keyOfDate(m.date) === keyOfDate((corpus[i - 1] as CorpusMessage).date) ? slot + 1 : DAY_SLOTS / 2;
  keys.push(keyOfDate(m.date) + slot);
}
const textBytes = corpus.reduce((n, m) => n + Buffer.byteLength(corpusText(m), 'utf8'), 0);
const fields = (m: CorpusMessage) => [m.body, m.subject, `${m.senderName} ${m.from}`, m.to];
const hasPhrase = (m: CorpusMessage, w: string[]) =>
  fields(m).some((f) => ` ${words(folded(f)).join(' ')} `.includes(` ${w.join(' ')} `));
const truth = (test: (m: CorpusMessage) => boolean) =>
  new Set(corpus.flatMap((m, i) => (test(m) ? [keys[i] as number] : [])));
const phraseTruth = PHRASES.map((p) => truth((m) => hasPhrase(m, p.split(' '))));
const markedTruth = truth((m) => fields(m).some((f) => words(f.normalize('NFC').toLowerCase()).includes(MARKED)));

/** Precision and recall of found against expected, summed over the queries. */
function score(
  found: Array<Set<number>>,
  expected: Array<Set<number>>,
): { precision: number; recall: number; worst: number; worstAt: number } {
  let worst = 1;
  let worstAt = 0;
  let hits = 0;
  let right = 0;
  let wanted = 0;
  for (const [i, f] of found.entries()) {
    const e = expected[i] as Set<number>;
    hits += f.size;
    wanted += e.size;
    let good = 0;
    for (const k of f) if (e.has(k)) good++;
    right += good;
    const p = f.size ? good / f.size : 1;
    if (p < worst) [worst, worstAt] = [p, i];
  }
  return { precision: hits ? right / hits : 1, recall: wanted ? right / wanted : 1, worst, worstAt };
}

const rows: string[] = [];
let ownShare = 0;
for (const layout of LAYOUTS) {
  const db = new DatabaseSync(':memory:');
  for (const sql of layout.ddl) db.exec(sql);
  const inserts = new Map<string, ReturnType<DatabaseSync['prepare']>>();
  db.exec('BEGIN');
  for (const [i, m] of corpus.entries())
    for (const [table, vals] of Object.entries(layout.row(m))) {
      let s = inserts.get(table);
      if (!s) {
        const cols = db
          .prepare(`SELECT * FROM ${table} LIMIT 0`)
          .columns()
          .map((c) => c.name);
        s = db.prepare(
          `INSERT INTO ${table} (rowid, ${cols.join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')})`,
        );
        inserts.set(table, s);
      }
      s.run(keys[i] as number, ...vals);
    }
  db.exec('COMMIT');
  const tables = [...inserts.keys()];
  let bytes = 0;
  const parts: string[] = [];
  for (const t of tables) {
    db.exec(`INSERT INTO ${t} (${t}) VALUES ('optimize')`);
    const n = ftsBytes(db, t);
    bytes += n;
    parts.push(`${t} ${((n / textBytes) * 100).toFixed(1)}%`);
  }
  const share = bytes / textBytes;
  if (layout === LAYOUTS[0]) ownShare = share;
  const found = PHRASES.map((p) => layout.phrase(db, p.split(' ')));
  const phrases = found.every((f) => f !== null) ? score(found as Array<Set<number>>, phraseTruth) : null;
  const marked = score([layout.marked(db, MARKED)], [markedTruth]);
  // A folded word typed without marks still finds every written form (the layouts that keep the
  // words as written ask for all of them).
  const plainNote = layout.plain
    ? `; \`so\` as ${variants(db, 'words', 'so').length} written forms: recall ${score([layout.plain(db, 'so')], [truth((m) => fields(m).some((f) => words(folded(f)).includes('so')))]).recall.toFixed(4)}`
    : '';
  db.close();
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  log(`${layout.name}: ${pct(share)} (${parts.join(', ')})`);
  rows.push(
    `| ${layout.name} | ${(bytes / 1e6).toFixed(1)} MB: **${pct(share)}** (${parts.join(', ')}) | ${
      phrases
        ? `precision ${phrases.precision.toFixed(4)} (lowest: \`"${PHRASES[phrases.worstAt]}"\` ${phrases.worst.toFixed(4)}), recall ${phrases.recall.toFixed(4)}`
        : 'not possible'
    } | precision ${marked.precision.toFixed(4)}, recall ${marked.recall.toFixed(4)}${plainNote} | ${layout.gives} | ${
      share <= 0.4 ? 'met' : 'not met'
    } |`,
  );
}

const started = new Date().toISOString().slice(0, 10);
writeSection(
  values.out,
  [
    TITLE,
    '',
    `Produced by \`node test/bench/index-layouts.ts --messages ${count}\` on ${started}: the search benchmark's ${count} messages (${(textBytes / 1e6).toFixed(1)} MB of text) written straight into SQLite FTS5 in each layout, keyed by day as the cache keys them, merged into one segment. Sizes are the index's bytes (segments and per-message sizes) against the text. Phrases: ${PHRASES.map((p) => `\`"${p}"\``).join(', ')}; a word with marks: \`${MARKED}\` (must not find \`hợp\`); both checked against the text itself. The first row is the cache's own tables (search-index-sql.ts).`,
    '',
    '| layout | index size (of the text) | quoted phrases | a word with marks | keeps | ≤ 40% |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n'),
  TITLE,
);
log(`index layouts: the cache's own layout is ${(ownShare * 100).toFixed(1)}% of the text; written to ${values.out}`);
