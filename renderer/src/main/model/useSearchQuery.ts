// The search box: what is typed, the query it settles into (after a short
// pause, at once when emptied or submitted) and its hits from the local cache
// (cache.search merges the server's SEARCH for what is not cached).
import { useEffect, useState } from 'react';
import type { SearchHit } from '../../../../shared/mail.ts';
import { invoke } from '../../api.ts';
import { useLive, type Live } from '../../hooks/useLive.ts';
import { useStable } from '../../hooks/useStable.ts';

const SEARCH_DELAY_MS = 300;

export interface SearchQuery {
  /** What the search box shows. */
  text: string;
  /** The query searched for ('' when not searching). */
  query: string;
  results: Live<SearchHit[]>;
  setText(text: string): void;
  /** Enter: search for the text now. */
  submit(): void;
  /** Empties the box and ends the search. */
  reset(): void;
}

export function useSearchQuery(accountId: string): SearchQuery {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const key = query ? JSON.stringify([accountId, query]) : null;
  const results = useLive(key, () => invoke('cache.search', { accountId, query, limit: 1000 }));

  useEffect(() => {
    const wanted = text.trim();
    const timer = setTimeout(() => setQuery(wanted), wanted ? SEARCH_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [text]);

  const submit = useStable(() => setQuery(text.trim()));
  const reset = useStable(() => {
    setText('');
    setQuery('');
  });
  return { text, query, results, setText, submit, reset };
}
