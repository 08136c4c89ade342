import type { SearchField, SearchQuery, SearchTerm } from './query.ts';

/** Columns of the folded full-text table (search-index.ts), in order: the body first (the smallest index). */
export const FTS_COLUMNS = ['body', 'subject', 'sender', 'to_addr', 'cc_addr', 'attachment'] as const;

const COLUMN: Record<SearchField, string | null> = {
  any: null,
  from: 'sender',
  to: 'to_addr',
  cc: 'cc_addr',
  subject: 'subject',
  body: 'body',
  attachment: 'attachment',
};

const quote = (words: string[]) => `"${words.join(' ').replace(/"/g, '""')}"`;

/** One term as an FTS5 phrase of folded words: whole words; the last one a prefix only when asked. */
export function ftsPhrase(term: SearchTerm): string {
  return `${quote(term.folded)}${term.prefix ? '*' : ''}`;
}

/** The cache's column holding each header field's text (messages table). */
const HEADER_COLUMN: Partial<Record<SearchField, ExactHeaderColumn>> = {
  subject: 'subject',
  from: 'from_json',
  to: 'to_json',
  cc: 'cc_json',
};

export type ExactHeaderColumn = 'subject' | 'from_json' | 'to_json' | 'cc_json';

/**
 * One condition of a term typed with diacritics, on the text as written. `words`: the index of
 * the words with marks in all the text (which messages hold each word: no columns, no
 * positions), for a term anywhere or in the body or attachments (their column is checked on the
 * folded phrase); the words are checked in the message, not at the phrase's place (a phrase
 * mixing words with and without marks can match a message that has the folded phrase in one
 * place and a marked word in another). `header`: a term scoped to a header field is checked in
 * place on that field's text in the cache (messages table), which needs no index of its own.
 */
export type ExactCondition =
  { kind: 'words'; match: string } | { kind: 'header'; column: ExactHeaderColumn; words: string[]; prefix: boolean };

/**
 * A term typed with diacritics: each word typed with a mark (or đ) as written; a word typed
 * without marks matches both spellings (the folded phrase, which every term also requires,
 * gives it, with word order and adjacency). The exact index holds only words with marks
 * (search-index.ts).
 */
export function exactCondition(field: SearchField, term: SearchTerm): ExactCondition {
  const last = term.words.length - 1;
  const header = HEADER_COLUMN[field];
  // A header field's text is in the cache: the whole term is checked there, in place.
  if (header) return { kind: 'header', column: header, words: term.words, prefix: term.prefix };
  const words = term.words
    .map((w, i) => (w === term.folded[i] ? null : `${quote([w])}${term.prefix && i === last ? '*' : ''}`))
    .filter((w): w is string => w !== null);
  return { kind: 'words', match: words.length === 1 ? (words[0] as string) : `(${words.join(' AND ')})` };
}

/**
 * The MATCH expressions for a query: `folded` for the table of folded text (every term: terms
 * typed without diacritics match both spellings, and it ranks), `exact` the conditions on the
 * text as written (terms typed with diacritics match those words only). `folded` is null when
 * the query has no text. `implied`: every term is one word typed with diacritics, not scoped to a
 * field, so the exact index selects the same messages without the folded expression (which then
 * only ranks; a count can leave it out).
 */
export function ftsExpressions(q: SearchQuery): {
  folded: string | null;
  exact: ExactCondition[];
  implied: boolean;
} {
  const folded: string[] = [];
  const words: string[] = [];
  const headers: ExactCondition[] = [];
  let implied = q.clauses.length > 0;
  for (const { field, term } of q.clauses) {
    const column = COLUMN[field];
    folded.push(column ? `{${column}} : ${ftsPhrase(term)}` : ftsPhrase(term));
    if (term.exact) {
      const c = exactCondition(field, term);
      if (c.kind === 'words') words.push(c.match);
      else headers.push(c);
    }
    implied &&= term.exact && term.words.length === 1 && column === null;
  }
  // One MATCH on the exact index for all its terms: it is an IN (…) list of ids, so one is faster.
  const conditions: ExactCondition[] = [
    ...(words.length ? [{ kind: 'words' as const, match: words.join(' AND ') }] : []),
    ...headers,
  ];
  return { folded: folded.length ? folded.join(' AND ') : null, exact: conditions, implied };
}
