import type { StatementSync } from 'node:sqlite';

/**
 * Keys of the full-text entries. The index keeps its entries in key order, so with keys that
 * follow the messages' days the newest hits of a query are its highest keys: search orders by
 * date and finds the newest hits without reading the messages (search-run.ts), and a date filter
 * is a range of keys. A key is the message's day (Việt Nam time, UTC+7) times DAY_SLOTS plus the
 * next slot of that day; one batch takes its slots in date order, so within a day the keys follow
 * the time of arrival as cached (a message of an earlier hour cached later comes after).
 *
 * Why days and not seconds: the index stores each key as its distance from the one before (a
 * varint: 1 byte below 128, 2 below 16,384, 3 below 2^21). Messages of one day are 1 apart, and
 * a word's entries in them 1 byte each; with seconds (× 8 slots) two messages half an hour apart
 * were 14,400 apart, 2–3 bytes for each entry, and the index 78% of the text instead of about 55%
 * (test/bench/search-bench.ts, BENCHMARKS.md). Crossing a day costs 3 bytes, once a day.
 *
 * A day full (DAY_SLOTS messages in one cache) takes a free slot left in it, else the next
 * days' (those keys are late by a day or more).
 */
export const DAY_SLOTS = 65_536;

/** The zone of the keys' days: Việt Nam, UTC+7 (search-run.ts uses key ranges for days in it). */
export const KEY_ZONE_SECONDS = 7 * 3600;

const DAY_SECONDS = 86_400;

/** The day (in KEY_ZONE) of a date, as a day count from 1970-01-01. */
const dayOf = (ms: number | null) =>
  Math.floor((Math.max(0, Math.floor((ms ?? 0) / 1000)) + KEY_ZONE_SECONDS) / DAY_SECONDS);

/** The first key of a date's day. */
export const keyOfDate = (ms: number | null) => dayOf(ms) * DAY_SLOTS;

/** Whether a moment is the start of a day of the keys' zone (a date bound that is a key range). */
export const startsKeyDay = (ms: number) => ms % 1000 === 0 && (ms / 1000 + KEY_ZONE_SECONDS) % DAY_SECONDS === 0;

/** How far a search for a free key looks at once. */
const PROBE = 4096;

/** Assigns each message its index key (messages.fts_key) once; a cached message's date never changes. */
export class SearchKeys {
  private readonly prepare: (sql: string) => StatementSync;

  constructor(prepare: (sql: string) => StatementSync) {
    this.prepare = prepare;
  }

  /**
   * Keys for messages that have none yet (just inserted), in one pass: each day's next slots, in
   * date order. Returns each cached message's key.
   */
  assignMany(ids: number[]): Map<number, number> {
    const out = new Map<number, number>();
    if (ids.length === 0) return out;
    const rows = this.prepare(
      'SELECT id, date, fts_key FROM messages WHERE id IN (SELECT value FROM json_each(?)) ORDER BY date, id',
    ).all(JSON.stringify(ids)) as Array<{ id: number; date: number | null; fts_key: number | null }>;
    const byDay = new Map<number, number[]>();
    for (const r of rows) {
      if (r.fts_key !== null) out.set(r.id, r.fts_key);
      else {
        const day = dayOf(r.date);
        const list = byDay.get(day);
        if (list) list.push(r.id);
        else byDay.set(day, [r.id]);
      }
    }
    if (byDay.size === 0) return out;
    // Each day's highest key so far, in one statement.
    const highest = this.prepare(
      `SELECT d.value AS day, (SELECT MAX(fts_key) FROM messages WHERE fts_key >= d.value * ${DAY_SLOTS}
         AND fts_key < (d.value + 1) * ${DAY_SLOTS}) AS top FROM json_each(?) d`,
    ).all(JSON.stringify([...byDay.keys()])) as Array<{ day: number; top: number | null }>;
    const set: Array<[number, number]> = [];
    const full: number[] = [];
    for (const { day, top } of highest) {
      let next = top === null ? day * DAY_SLOTS : top + 1;
      for (const id of byDay.get(day) ?? []) {
        if (next < (day + 1) * DAY_SLOTS) set.push([id, next++]);
        else full.push(id);
      }
    }
    this.prepare(
      `UPDATE messages SET fts_key = j.value ->> '$[1]' FROM json_each(?) j WHERE messages.id = j.value ->> '$[0]'`,
    ).run(JSON.stringify(set));
    for (const [id, k] of set) out.set(id, k);
    for (const id of full) {
      const key = this.probe(id);
      if (key !== null) out.set(id, key);
    }
    return out;
  }

  /** The message's key, assigned on first use; null when the message is not cached. */
  of(id: number): number | null {
    return this.assignMany([id]).get(id) ?? null;
  }

  /** A key for a message whose day has no slot after its highest: the first free one from its day's start. */
  private probe(id: number): number | null {
    const row = this.prepare('SELECT date FROM messages WHERE id = ?').get(id) as { date: number | null } | undefined;
    if (!row) return null;
    let from = keyOfDate(row.date);
    for (;;) {
      const near = new Set(
        (
          this.prepare('SELECT fts_key FROM messages WHERE fts_key >= ? AND fts_key < ?').all(
            from,
            from + PROBE,
          ) as Array<{ fts_key: number }>
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
