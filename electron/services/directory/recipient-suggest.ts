// Recipient autocomplete from every source at once: addresses seen in the cache, the contacts
// list and (when the IT Centre configured it) the province directory. One list, each address once
// (addressKey), the best name and detail kept. The directory is a network call: if it fails or is
// slow, the suggestions from the cache and contacts still come, without it.
import type { AddressSuggestion } from '../../../shared/compose.ts';
import type { DirectorySearchResult } from '../../../shared/directory.ts';
import { addressKey } from '../../../shared/recipients.ts';
import { foldText } from '../../../shared/text-fold.ts';
import { toAppError } from '../errors/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import { entryDetail } from './directory-entry.ts';

/** How long the suggestions wait for the directory before answering without it. */
export const DIRECTORY_SUGGEST_BUDGET_MS = 2500;
/** The directory is asked only from this many letters on (folded): fewer would list half the province. */
export const DIRECTORY_MIN_QUERY = 2;

export interface SuggestSources {
  cache(accountId: string, query: string, limit: number): AddressSuggestion[];
  contacts(query: string, limit: number): AddressSuggestion[];
  /** Null when no directory is configured. */
  directory(): Promise<((accountId: string, query: string, limit: number) => Promise<DirectorySearchResult>) | null>;
  logger: Logger;
  budgetMs?: number;
}

const SOURCE_ORDER: Record<AddressSuggestion['source'], number> = { cache: 0, contacts: 1, directory: 2 };

export class RecipientSuggester {
  private readonly sources: SuggestSources;

  constructor(sources: SuggestSources) {
    this.sources = sources;
  }

  async suggest(accountId: string, query: string, limit: number): Promise<AddressSuggestion[]> {
    const q = foldText(query.trim());
    if (q.length === 0) return [];
    const fromDirectory =
      q.replace(/\s+/g, '').length >= DIRECTORY_MIN_QUERY ? this.directory(accountId, query, limit) : null;
    const lists: AddressSuggestion[][] = [
      this.safe('cache', () => this.sources.cache(accountId, query, limit)),
      this.safe('contacts', () => this.sources.contacts(query, limit)),
    ];
    if (fromDirectory) lists.push(await fromDirectory);
    return merge(lists, q, limit);
  }

  private safe(what: string, fn: () => AddressSuggestion[]): AddressSuggestion[] {
    try {
      return fn();
    } catch (e) {
      this.sources.logger.log('warn', `${what} suggestions failed`, { detail: toAppError(e).detail });
      return [];
    }
  }

  /** The directory's entries with an address, or nothing if it is off, fails or is too slow. */
  private async directory(accountId: string, query: string, limit: number): Promise<AddressSuggestion[]> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const search = await this.sources.directory();
      if (!search) return [];
      const late = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), this.sources.budgetMs ?? DIRECTORY_SUGGEST_BUDGET_MS);
      });
      const pending = search(accountId, query, limit);
      pending.catch(() => undefined);
      const result = await Promise.race([pending, late]);
      if (!result) {
        this.sources.logger.log('warn', 'directory too slow for suggestions', { query: query.length });
        return [];
      }
      return result.entries.flatMap((e) => {
        if (!e.address) return [];
        const detail = entryDetail(e);
        return [{ name: e.name, address: e.address, source: 'directory' as const, ...(detail ? { detail } : {}) }];
      });
    } catch (e) {
      const err = toAppError(e);
      this.sources.logger.log('warn', 'directory suggestions failed', { code: err.code, detail: err.detail });
      return [];
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * One list: each address once, the earlier source's entry kept (cache, then contacts, then the
 * directory) and completed with a later one's name and detail; entries whose name or address
 * starts with the query (or one of its words does) before the others.
 */
export function merge(lists: AddressSuggestion[][], foldedQuery: string, limit: number): AddressSuggestion[] {
  const byKey = new Map<string, AddressSuggestion>();
  for (const list of lists) {
    for (const s of list) {
      const key = addressKey(s.address);
      const known = byKey.get(key);
      if (!known) byKey.set(key, { ...s });
      else {
        if (!known.name && s.name) known.name = s.name;
        if (s.detail && (!known.detail || s.source === 'directory')) known.detail = s.detail;
      }
    }
  }
  // Ranked once complete: a name a later source brought may be what matches the query.
  const rank = (s: AddressSuggestion) => {
    const folded = foldText(`${s.name} ${s.address}`);
    const starts = folded.startsWith(foldedQuery) || folded.includes(` ${foldedQuery}`);
    return (starts ? 0 : 10) + SOURCE_ORDER[s.source];
  };
  return [...byKey.values()]
    .map((s, order) => ({ s, order, rank: rank(s) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, limit)
    .map((x) => x.s);
}
