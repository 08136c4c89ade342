import type { StatementSync } from 'node:sqlite';

/**
 * Keys of the full-text entries. The index keeps its entries in key order, so with keys that
 * follow the messages' dates the newest hits of a query are its highest keys: search orders by
 * date and finds the newest hits without reading the messages (search-run.ts), and a date filter
 * is a range of keys. A key is the message's day (Việt Nam time, UTC+7) times DAY_SLOTS plus a
 * slot of that day. A day's first messages take the slots from its middle up; a message later
 * than every one of its day already cached takes the next slot above them, one earlier than all
 * of them the next below. A sync fetches the newest messages first and new mail arrives later, so
 * within a day the keys follow the time (a message between two cached ones goes above them all).
 *
 * Why days and not seconds: the index stores each key as its distance from the one before (a
 * varint: 1 byte below 128, 2 below 16,384, 3 below 2^21). Messages of one day are 1 apart, and
 * a word's entries in them 1 byte each; with seconds (× 8 slots) two messages half an hour apart
 * were 14,400 apart, 2–3 bytes for each entry, and the index 78% of the text instead of 56%
 * (test/bench/search-bench.ts, BENCHMARKS.md). Crossing a day costs 3 bytes, once a day.
 *
 * A day whose slots run out on one side (32,768 messages) takes a free slot left in it, else
 * the next days' (those keys are late by a day or more).
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

/** A day's cached keys: the lowest and highest, with the dates of their messages. */
interface DayEdges {
  low: number;
  lowDate: number;
  high: number;
}

/** How far a search for a free key looks at once. */
const PROBE = 4096;

/** One message to key: its row (or its place in a batch) and date. */
interface Dated {
  ref: number;
  date: number | null;
}

/** Assigns each message its index key (messages.fts_key) once; a cached message's date never changes. */
export class SearchKeys {
  private readonly prepare: (sql: string) => StatementSync;

  constructor(prepare: (sql: string) => StatementSync) {
    this.prepare = prepare;
  }

  /** Keys for messages that have none yet (just inserted), in one pass. Returns each cached message's key. */
  assignMany(ids: number[]): Map<number, number> {
    const out = new Map<number, number>();
    if (ids.length === 0) return out;
    const rows = this.prepare(
      'SELECT id, date, fts_key FROM messages WHERE id IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify(ids)) as Array<{ id: number; date: number | null; fts_key: number | null }>;
    const fresh: Dated[] = [];
    for (const r of rows) {
      if (r.fts_key !== null) out.set(r.id, r.fts_key);
      else fresh.push({ ref: r.id, date: r.date });
    }
    // Nothing to write: no statement (a write between two index entries makes FTS5 write out a segment).
    if (fresh.length === 0) return out;
    const keys = this.place(fresh);
    const set: Array<[number, number]> = [];
    const full: number[] = [];
    for (const { ref } of fresh) {
      const key = keys.get(ref);
      if (key === undefined) full.push(ref);
      else set.push([ref, key]);
    }
    if (set.length)
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

  /**
   * Keys for messages about to be inserted, by their dates (messages.date). Null where the day
   * has no slot left on that side (assignMany gives those one after the insert).
   */
  forDates(dates: Array<number | null>): Array<number | null> {
    const keys = this.place(dates.map((date, ref) => ({ ref, date })));
    return dates.map((_, i) => keys.get(i) ?? null);
  }

  /** The message's key, assigned on first use; null when the message is not cached. */
  of(id: number): number | null {
    return this.assignMany([id]).get(id) ?? null;
  }

  /** Slots for messages without keys, day by day: above the day's cached ones, or below when earlier than all. */
  private place(items: Dated[]): Map<number, number> {
    const out = new Map<number, number>();
    const byDay = new Map<number, Dated[]>();
    for (const item of items) {
      const day = dayOf(item.date);
      const list = byDay.get(day);
      if (list) list.push(item);
      else byDay.set(day, [item]);
    }
    if (byDay.size === 0) return out;
    const edges = this.edges([...byDay.keys()]);
    for (const [day, list] of byDay) {
      const first = day * DAY_SLOTS;
      const e = edges.get(day);
      list.sort((a, b) => (a.date ?? 0) - (b.date ?? 0) || a.ref - b.ref);
      // Earlier than every message of the day already cached: downwards from the lowest.
      const below = e ? list.filter((m) => (m.date ?? 0) < e.lowDate) : [];
      const above = e ? list.filter((m) => (m.date ?? 0) >= e.lowDate) : list;
      let down = e ? e.low - 1 : first + DAY_SLOTS / 2 - 1;
      for (const m of below.reverse()) if (down >= first) out.set(m.ref, down--);
      let up = e ? e.high + 1 : first + DAY_SLOTS / 2;
      for (const m of above) if (up < first + DAY_SLOTS) out.set(m.ref, up++);
    }
    return out;
  }

  /** Each day's lowest and highest key so far, in one statement (days without any are absent). */
  private edges(days: number[]): Map<number, DayEdges> {
    const range = `fts_key >= d.value * ${DAY_SLOTS} AND fts_key < (d.value + 1) * ${DAY_SLOTS}`;
    const rows = this.prepare(
      `SELECT e.day, e.low, e.high, m.date AS lowDate FROM (
         SELECT d.value AS day, (SELECT MIN(fts_key) FROM messages WHERE ${range}) AS low,
           (SELECT MAX(fts_key) FROM messages WHERE ${range}) AS high FROM json_each(?) d
       ) e JOIN messages m ON m.fts_key = e.low`,
    ).all(JSON.stringify(days)) as Array<{ day: number; low: number; high: number; lowDate: number | null }>;
    return new Map(rows.map((r) => [r.day, { low: r.low, high: r.high, lowDate: r.lowDate ?? 0 }]));
  }

  /** A key for a message whose day has no slot left on its side: the first free one from its day's start. */
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
