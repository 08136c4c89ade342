import type { SearchField, SearchQuery, SearchTerm } from './query.ts';

/** Columns of both full-text tables (search-index.ts), in order. */
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

/**
 * A term typed with diacritics, for the exact index: each word as written. That index keeps
 * no positions (detail=column, a third of the size), so word order and adjacency come from
 * the folded phrase, which a multi-word term also requires.
 */
export function ftsExactWords(term: SearchTerm): string {
  const last = term.words.length - 1;
  const words = term.words.map((w, i) => `${quote([w])}${term.prefix && i === last ? '*' : ''}`);
  return words.length === 1 ? (words[0] as string) : `(${words.join(' AND ')})`;
}

/**
 * The MATCH expressions for a query: `folded` for the table of folded text (terms typed
 * without diacritics match both spellings), `exact` for the table of text as written (terms
 * typed with diacritics match those words only). Either is null when no term goes there.
 */
export function ftsExpressions(q: SearchQuery): { folded: string | null; exact: string | null } {
  const folded: string[] = [];
  const exact: string[] = [];
  for (const { field, term } of q.clauses) {
    const column = COLUMN[field];
    const within = (e: string) => (column ? `{${column}} : ${e}` : e);
    if (!term.exact || term.words.length > 1) folded.push(within(ftsPhrase(term)));
    if (term.exact) exact.push(within(ftsExactWords(term)));
  }
  return {
    folded: folded.length ? folded.join(' AND ') : null,
    exact: exact.length ? exact.join(' AND ') : null,
  };
}
