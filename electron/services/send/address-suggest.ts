// Recipient autocomplete from the local cache: every address seen in From, To and Cc of the
// newest messages, ranked by how often it appears, matched on name or address with diacritics
// folded ("nguyen" finds "Nguyễn"). The index is rebuilt at most every 30 s per account.
import type { AddressSuggestion } from '../../../shared/compose.ts';
import type { Address } from '../../../shared/mail.ts';
import { foldText } from '../../../shared/text-fold.ts';
import type { MailCache } from '../cache/mail-cache.ts';

const SCAN_ROWS = 20_000;
const FRESH_MS = 30_000;

interface Known {
  name: string;
  address: string;
  count: number;
  key: string;
}

export class AddressSuggester {
  private readonly indexes = new Map<string, { at: number; known: Known[] }>();

  suggest(accountId: string, cache: MailCache, query: string, limit: number): AddressSuggestion[] {
    const q = foldText(query.trim());
    if (q.length === 0) return [];
    const known = this.index(accountId, cache);
    const hits: Known[] = [];
    for (const k of known) if (k.key.includes(q)) hits.push(k);
    const starts = (k: Known) => (k.key.startsWith(q) || k.key.includes(` ${q}`) ? 0 : 1);
    hits.sort((a, b) => starts(a) - starts(b) || b.count - a.count || a.address.localeCompare(b.address));
    return hits.slice(0, limit).map((k) => ({ name: k.name, address: k.address, source: 'cache' as const }));
  }

  private index(accountId: string, cache: MailCache): Known[] {
    const now = performance.now();
    const cached = this.indexes.get(accountId);
    if (cached && now - cached.at < FRESH_MS) return cached.known;
    const rows = cache.db
      .prepare('SELECT from_json, to_json, cc_json FROM messages ORDER BY date DESC LIMIT ?')
      .all(SCAN_ROWS) as Array<{ from_json: string; to_json: string; cc_json: string }>;
    const byAddress = new Map<string, Known>();
    for (const row of rows) {
      for (const json of [row.from_json, row.to_json, row.cc_json]) {
        for (const a of parse(json)) {
          const address = a.address.trim().toLowerCase();
          if (!address.includes('@')) continue;
          const k = byAddress.get(address);
          if (k) {
            k.count += 1;
            if (!k.name && a.name) k.name = a.name;
          } else byAddress.set(address, { name: a.name ?? '', address, count: 1, key: '' });
        }
      }
    }
    const known = [...byAddress.values()];
    for (const k of known) k.key = foldText(`${k.name} ${k.address}`);
    this.indexes.set(accountId, { at: now, known });
    return known;
  }
}

function parse(json: string): Address[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as Address[]).filter((a) => a && typeof a.address === 'string') : [];
  } catch {
    return [];
  }
}
