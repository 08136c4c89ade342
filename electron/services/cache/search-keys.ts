import type { StatementSync } from 'node:sqlite';

/**
 * Keys of the full-text entries. The index keeps its entries in key order, so with keys that
 * follow the messages' dates the newest hits of a query are its highest keys: search orders by
 * date and finds the newest hits without reading the messages (search-run.ts). A key is the
 * message's date in whole seconds times KEY_SLOTS plus the first free slot of that second. The
 * index stores each key as its distance from the one before it (a varint: 2 bytes up to 16,383),
 * so the number of slots is small: messages half an hour apart stay 2 bytes apart; with the
 * second times 2^20 every entry took 5 bytes more and the index grew from 57% to 139% of the
 * text (test/bench/search-bench.ts). When more than KEY_SLOTS messages share one second, the
 * later ones take the next seconds' free slots (their keys are a few seconds late).
 */
export const KEY_SLOTS = 8;

/** The first key of a date's second. */
export const keyOfDate = (ms: number | null) => Math.max(0, Math.floor((ms ?? 0) / 1000)) * KEY_SLOTS;

/** How far a search for a free key looks at once. */
const PROBE = 4096;

/** Assigns each message its index key (messages.fts_key) once; a cached message's date never changes. */
export class SearchKeys {
  private readonly prepare: (sql: string) => StatementSync;

  constructor(prepare: (sql: string) => StatementSync) {
    this.prepare = prepare;
  }

  /**
   * Keys for messages that have none yet (just inserted), in one pass: the first slot of each
   * one's second when it is free, else the next free one. Returns each cached message's key.
   */
  assignMany(ids: number[]): Map<number, number> {
    const out = new Map<number, number>();
    if (ids.length === 0) return out;
    const rows = this.prepare(
      'SELECT id, date, fts_key FROM messages WHERE id IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify(ids)) as Array<{ id: number; date: number | null; fts_key: number | null }>;
    const fresh: Array<[number, number]> = [];
    for (const r of rows) {
      if (r.fts_key !== null) out.set(r.id, r.fts_key);
      else fresh.push([r.id, keyOfDate(r.date)]);
    }
    const taken = new Set(
      (
        this.prepare('SELECT fts_key FROM messages WHERE fts_key IN (SELECT value FROM json_each(?))').all(
          JSON.stringify(fresh.map(([, k]) => k)),
        ) as Array<{ fts_key: number }>
      ).map((r) => r.fts_key),
    );
    const free: Array<[number, number]> = [];
    const later: number[] = [];
    for (const [id, k] of fresh) {
      if (taken.has(k)) later.push(id);
      else {
        taken.add(k);
        free.push([id, k]);
      }
    }
    this.prepare(
      `UPDATE messages SET fts_key = j.value ->> '$[1]' FROM json_each(?) j WHERE messages.id = j.value ->> '$[0]'`,
    ).run(JSON.stringify(free));
    for (const [id, k] of free) out.set(id, k);
    for (const id of later) {
      const key = this.of(id);
      if (key !== null) out.set(id, key);
    }
    return out;
  }

  /** The message's key, assigned on first use; null when the message is not cached. */
  of(id: number): number | null {
    const row = this.prepare('SELECT date, fts_key FROM messages WHERE id = ?').get(id) as
      { date: number | null; fts_key: number | null } | undefined;
    if (!row) return null;
    if (row.fts_key !== null) return row.fts_key;
    let from = keyOfDate(row.date);
    for (;;) {
      const near = new Set(
        (
          this.prepare('SELECT fts_key FROM messages WHERE fts_key >= ? AND fts_key < ?').all(
            from,
            from + PROBE,
          ) as Array<{
            fts_key: number;
          }>
        ).map((r) => r.fts_key),
      );
      for (let key = from; key < from + PROBE; key++)
        if (!near.has(key)) {
          this.prepare('UPDATE messages SET fts_key = ? WHERE id = ?').run(key, id);
          return key;
        }
      from += PROBE;
    }
  }
}
