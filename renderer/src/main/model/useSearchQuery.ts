// The search box: what is typed, the query it settles into (after a short
// pause, at once when emptied or submitted) and one page of its hits from the
// local index, with the total (cache.search asks the server too for folders
// whose text is not indexed yet).
import { useEffect, useState } from 'react';
import type { SearchPage } from '../../../../shared/mail.ts';
import { invoke } from '../../api.ts';
import { useLive, type Live } from '../../hooks/useLive.ts';
import { useStable } from '../../hooks/useStable.ts';

const SEARCH_DELAY_MS = 300;
/** Hits per page: "50 / 1.234 kết quả", then the next page. */
export const SEARCH_PAGE_SIZE = 50;

export interface SearchQuery {
  /** What the search box shows. */
  text: string;
  /** The query searched for ('' when not searching). */
  query: string;
  results: Live<SearchPage>;
  /** Offset of the page shown. */
  offset: number;
  setText(text: string): void;
  /** Enter: search for the text now (its last word whole, no longer a prefix). */
  submit(): void;
  /** Empties the box and ends the search. */
  reset(): void;
  /** Shows the page starting at this offset. */
  goTo(offset: number): void;
}

export function useSearchQuery(accountId: string): SearchQuery {
  const [text, setText] = useState('');
  // typing: the query settled from typing, its last word still being written (a prefix).
  const [search, setSearch] = useState({ query: '', typing: false, offset: 0 });
  const { query, typing, offset } = search;
  const key = query ? JSON.stringify([accountId, query, typing, offset]) : null;
  const results = useLive(key, () =>
    invoke('cache.search', { accountId, query, offset, limit: SEARCH_PAGE_SIZE, typing }),
  );

  useEffect(() => {
    const wanted = text.trim();
    // Sent as typed (a space at the end says the last word is finished; the service reads that).
    const timer = setTimeout(
      () => setSearch({ query: wanted ? text.trimStart() : '', typing: true, offset: 0 }),
      wanted ? SEARCH_DELAY_MS : 0,
    );
    return () => clearTimeout(timer);
  }, [text]);

  const submit = useStable(() => setSearch({ query: text.trim(), typing: false, offset: 0 }));
  const reset = useStable(() => {
    setText('');
    setSearch({ query: '', typing: false, offset: 0 });
  });
  const goTo = useStable((next: number) => setSearch((s) => ({ ...s, offset: Math.max(0, next) })));
  return { text, query: query.trim(), results, offset, setText, submit, reset, goTo };
}
