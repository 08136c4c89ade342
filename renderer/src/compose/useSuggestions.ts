// Recipient autocomplete: asks compose.suggest once the user stops typing for a moment, and
// drops answers to a query that is no longer the one in the field.
import { useEffect, useState } from 'react';
import type { AddressSuggestion } from '../../../shared/compose.ts';
import { invoke } from '../api.ts';

export const SUGGEST_DELAY_MS = 200;

export function useSuggestions(accountId: string, query: string): AddressSuggestion[] {
  const [found, setFound] = useState<{ query: string; list: AddressSuggestion[] }>({ query: '', list: [] });
  const wanted = query.trim();
  useEffect(() => {
    if (wanted.length < 1) return;
    let live = true;
    const timer = setTimeout(() => {
      invoke('compose.suggest', { accountId, query: wanted, limit: 8 })
        .then((list) => {
          if (live) setFound({ query: wanted, list });
        })
        // Autocomplete is a help: without it the user types the address.
        .catch(() => undefined);
    }, SUGGEST_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [accountId, wanted]);
  return wanted !== '' && found.query === wanted ? found.list : [];
}
