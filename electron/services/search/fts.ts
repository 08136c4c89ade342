import type { SearchField, SearchQuery, SearchTerm } from './query.ts';

/** Columns of the folded full-text table (search-index.ts), in order. */
export const FTS_COLUMNS = ['subject', 'sender', 'to_addr', 'cc_addr', 'body', 'attachment'] as const;

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

/** Header columns of the exact index with columns (fts_exact_head). */
const HEAD_COLUMNS = new Set(['subject', 'sender', 'to_addr', 'cc_addr']);

/**
 * One condition of a term typed with diacritics, on the text as written: `head` is the index of
 * the header fields (words per column, no positions), for a term scoped to one of them; `words`
 * the index of all the text (words only: no columns, no positions, a third of the size of a
 * per-column index) for any other term, `body:` and `attachment:` included (their column is
 * checked on the folded phrase).
 */
export interface ExactCondition {
  table: 'fts_exact_head' | 'fts_exact_words';
  match: string;
}

/**
 * A term typed with diacritics, for the exact indexes: each word as written. Word order and
 * adjacency come from the folded phrase, which every term also requires.
 */
export function exactCondition(field: SearchField, term: SearchTerm): ExactCondition {
  const column = COLUMN[field];
  const last = term.words.length - 1;
  const words = term.words.map((w, i) => `${quote([w])}${term.prefix && i === last ? '*' : ''}`);
  const all = words.length === 1 ? (words[0] as string) : `(${words.join(' AND ')})`;
  return column && HEAD_COLUMNS.has(column)
    ? { table: 'fts_exact_head', match: `{${column}} : ${all}` }
    : { table: 'fts_exact_words', match: all };
}

/**
 * The MATCH expressions for a query: `folded` for the table of folded text (every term: terms
 * typed without diacritics match both spellings, and it ranks), `exact` the conditions on the
 * text as written (terms typed with diacritics match those words only). `folded` is null when
 * the query has no text. `implied`: every term is one word typed with diacritics, outside the
 * body and attachment, so the exact conditions select the same messages without the folded
 * expression (which then only ranks; a count can leave it out).
 */
export function ftsExpressions(q: SearchQuery): {
  folded: string | null;
  exact: ExactCondition[];
  implied: boolean;
} {
  const folded: string[] = [];
  const exact = new Map<ExactCondition['table'], string[]>();
  let implied = q.clauses.length > 0;
  for (const { field, term } of q.clauses) {
    const column = COLUMN[field];
    folded.push(column ? `{${column}} : ${ftsPhrase(term)}` : ftsPhrase(term));
    if (term.exact) {
      const { table, match } = exactCondition(field, term);
      exact.set(table, [...(exact.get(table) ?? []), match]);
    }
    implied &&= term.exact && term.words.length === 1 && (column === null || HEAD_COLUMNS.has(column));
  }
  // One MATCH per exact table: each is an IN (…) list of ids on the page, so fewer is faster.
  const conditions = [...exact].map(([table, matches]) => ({ table, match: matches.join(' AND ') }));
  return { folded: folded.length ? folded.join(' AND ') : null, exact: conditions, implied };
}
