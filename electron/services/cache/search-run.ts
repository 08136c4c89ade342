// Running a parsed search on the cache: the plan (the MATCH on the folded index, the words with
// marks, the conditions on the rows: search-filters.ts), the total, then one page of message ids
// ranked by relevance (the newest RANKED_WINDOW hits) and date, or by date alone.
import type { DatabaseSync } from 'node:sqlite';
import { ftsExpressions } from '../search/fts.ts';
import type { SearchQuery } from '../search/query.ts';
import type { Prepare } from './prepare.ts';
import { filters, headerWhere } from './search-filters.ts';
import { DAY_SLOTS, keyOfDate, startsKeyDay } from './search-keys.ts';

export type SearchOrder = 'relevance' | 'date';

export interface SearchPageQuery {
  offset: number;
  limit: number;
  order?: SearchOrder;
  /** Only these messages (ids) are considered. */
  within?: number[];
  /** How many of the newest hits relevance orders (RANKED_WINDOW unless a test says otherwise). */
  window?: number;
}

// bm25 weights, in FTS_COLUMNS order (body first): a word in the subject says more than one in the body.
const WEIGHTS = '1.0, 10.0, 5.0, 3.0, 2.0, 1.0';

/**
 * How many of the newest hits relevance orders. The index's keys follow the date (see
 * search-keys.ts), so the newest hits are the highest keys, found without touching the
 * messages; scoring every hit of a query that matches most of a 100,000-message folder cost
 * 60 ms and more, scoring 5,000 about 12 ms and these 2,000 about 5 ms (BENCHMARKS.md). Older
 * hits follow, newest first.
 */
export const RANKED_WINDOW = 2000;

interface Plan {
  /** MATCH on the folded index; null for a search by filters alone. */
  folded: string | null;
  /** Conditions on the index key (dates: the keys follow them), with their arguments. */
  keyWhere: string[];
  keyArgs: number[];
  /**
   * Read or unread alone, as keys: `pages` selects them (one of keyWhere); `other`, when the
   * asked set is the larger, selects the other set, and the total is all hits less those.
   */
  seen: { pages: string; other: string | null } | null;
  /** Conditions on the message row (m) and folder (f), with their arguments. */
  where: string[];
  args: Array<string | number>;
  folders: string;
  /** MATCH on the index of the words with marks as written (terms typed with them), or null. */
  exactMatch: string | null;
  /** The exact index alone selects what the folded expression does (it only ranks then). */
  implied: boolean;
}

/** Matching messages (ids), ranked by relevance then date (or by date), with the total. */
export function runSearch(
  db: DatabaseSync,
  prepare: Prepare,
  q: SearchQuery,
  page: SearchPageQuery,
): { total: number; ids: number[] } {
  const plan = planOf(prepare, q, page);
  if (plan.folded === null) return byFilters(db, plan, page);
  const total = countText(db, plan);
  const keys = textPage(db, plan, page, total);
  return { total, ids: idsOf(db, keys) };
}

function planOf(prepare: Prepare, q: SearchQuery, page: SearchPageQuery): Plan {
  const { folded, exact, implied } = ftsExpressions(q);
  const where: string[] = [];
  const args: Array<string | number> = [];
  const words = exact.flatMap((c) => (c.kind === 'words' ? [c.match] : []));
  for (const c of exact) if (c.kind === 'header') headerWhere(c, where, args);
  const keyWhere: string[] = [];
  const keyArgs: number[] = [];
  // A bound at the start of a day (Việt Nam time) is a range of keys (search-keys.ts); any other
  // (a unit in another zone) is checked on the messages' dates.
  const onKeys = (ms: number | null) => folded !== null && ms !== null && startsKeyDay(ms);
  if (onKeys(q.before)) {
    keyWhere.push('fts_fold.rowid < ?');
    keyArgs.push(keyOfDate(q.before));
  }
  if (onKeys(q.after)) {
    keyWhere.push('fts_fold.rowid >= ?');
    keyArgs.push(keyOfDate(q.after));
  }
  filters(
    prepare,
    { ...q, before: onKeys(q.before) ? null : q.before, after: onKeys(q.after) ? null : q.after },
    where,
    args,
    folded !== null,
  );
  if (page.within) {
    where.push('m.id IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(page.within));
  }
  // Folders are joined only to filter on their path (a join on every hit costs at 100,000).
  const folders = q.folder !== null ? ' JOIN folders f ON f.id = m.folder_id' : '';
  const exactMatch = words.length ? words.join(' AND ') : null;
  let seen: Plan['seen'] = null;
  if (folded !== null && q.seen !== undefined && where.length === 1 && folders === '') {
    // Read or unread alone is a set of keys (from their own index, messages_seen), so the hits
    // are never joined to their messages.
    where.length = 0;
    args.length = 0;
    seen = seenKeys(prepare, q.seen ? 1 : 0);
    keyWhere.push(seen.pages);
  }
  return { folded, keyWhere, keyArgs, seen, where, args, folders, exactMatch, implied };
}

/**
 * The keys of the read (1) or unread (0) messages: the asked set when it is the smaller, else
 * every key but the other set's (most of a mailbox is read). `+ 0`: each hit probes the set (the
 * set is not handed to the index key by key).
 */
function seenKeys(prepare: Prepare, asked: 0 | 1): NonNullable<Plan['seen']> {
  // The unread counted whole (usually the few), the read only up to one more than that (counting
  // 90,000 keys costs 2 ms).
  const count = (flag: number, limit: number) =>
    (
      prepare('SELECT COUNT(*) AS n FROM (SELECT 1 FROM messages WHERE seen = ? LIMIT ?)').get(flag, limit) as {
        n: number;
      }
    ).n;
  const unread = count(0, Number.MAX_SAFE_INTEGER);
  const readIsLarger = count(1, unread + 1) > unread;
  const askedIsLarger = asked === 1 ? readIsLarger : !readIsLarger;
  const set = (flag: number) => `(SELECT fts_key FROM messages WHERE seen = ${flag} AND fts_key IS NOT NULL)`;
  return askedIsLarger
    ? { pages: `fts_fold.rowid + 0 NOT IN ${set(1 - asked)}`, other: `fts_fold.rowid + 0 IN ${set(1 - asked)}` }
    : { pages: `fts_fold.rowid + 0 IN ${set(asked)}`, other: null };
}

/** A search by filters alone: the messages themselves, newest first. */
function byFilters(db: DatabaseSync, p: Plan, page: SearchPageQuery): { total: number; ids: number[] } {
  const where = p.where.length ? `WHERE ${p.where.join(' AND ')}` : '';
  const ids = (
    db
      .prepare(`SELECT m.id FROM messages m${p.folders} ${where} ORDER BY m.date DESC, m.id DESC LIMIT ? OFFSET ?`)
      .all(...p.args, page.limit, page.offset) as Array<{ id: number }>
  ).map((r) => r.id);
  if (ids.length < page.limit && (ids.length > 0 || page.offset === 0)) return { total: page.offset + ids.length, ids };
  const n = db.prepare(`SELECT COUNT(*) AS n FROM messages m${p.folders} ${where}`).get(...p.args) as { n: number };
  return { total: n.n, ids };
}

const onlyIndex = (p: Plan) => p.where.length === 0 && p.folders === '';

/**
 * The hits as SQL with its arguments, with optional extra conditions on the key: from the index
 * alone when nothing else filters (or `textOnly`), else joined to their messages.
 */
function hitsSql(
  p: Plan,
  select: string,
  extra: { cond?: string; args?: number[]; textOnly?: boolean } = {},
): { sql: string; args: Array<string | number> } {
  const keys: string[] = [...p.keyWhere, ...(extra.cond ? [extra.cond] : [])];
  const keyArgs: Array<string | number> = [...p.keyArgs, ...(extra.args ?? [])];
  if (!extra.textOnly && p.exactMatch !== null) {
    keys.push(EXACT_KEYS);
    keyArgs.push(p.exactMatch);
  }
  const onKeys = keys.map((c) => ` AND ${c}`).join('');
  if (extra.textOnly || onlyIndex(p))
    return {
      sql: `SELECT ${select} FROM fts_fold WHERE fts_fold MATCH ?${onKeys}`,
      args: [p.folded as string, ...keyArgs],
    };
  return {
    sql: `SELECT ${select} FROM fts_fold JOIN messages m ON m.fts_key = fts_fold.rowid${p.folders}
          WHERE fts_fold MATCH ?${onKeys} AND ${p.where.join(' AND ')}`,
    args: [p.folded as string, ...keyArgs, ...p.args],
  };
}

/** The keys holding every word typed with marks, as written. */
// `+ 0`: a key list probed per hit (SQLite would otherwise hand each listed key to the index as a
// lookup of its own).
const EXACT_KEYS = 'fts_fold.rowid + 0 IN (SELECT rowid FROM fts_exact_words WHERE fts_exact_words MATCH ?)';

/** How many messages match: in the index alone when it can, else the index's keys against the messages. */
function countText(db: DatabaseSync, p: Plan): number {
  if (p.implied && p.exactMatch !== null && onlyIndex(p) && p.keyWhere.length === 0)
    return (
      db.prepare('SELECT COUNT(*) AS n FROM fts_exact_words WHERE fts_exact_words MATCH ?').get(p.exactMatch) as {
        n: number;
      }
    ).n;
  if (onlyIndex(p)) {
    const count = (q: Plan) => {
      const { sql, args } = hitsSql(q, 'fts_fold.rowid');
      return (db.prepare(`SELECT COUNT(*) AS n FROM (${sql})`).get(...args) as { n: number }).n;
    };
    const { seen } = p;
    if (seen?.other == null) return count(p);
    // All the hits less those of the other set: a set probed by every hit is cheaper than a
    // set excluded (10 ms against 20 for 90,000 hits, BENCHMARKS.md).
    const others = p.keyWhere.filter((c) => c !== seen.pages);
    return count({ ...p, keyWhere: others }) - count({ ...p, keyWhere: [...others, seen.other] });
  }
  const { sql, args } = hitsSql(p, 'COUNT(*) AS n', { textOnly: true });
  const exact = p.exactMatch !== null ? ` AND ${EXACT_KEYS}` : '';
  const exactArgs = p.exactMatch !== null ? [p.exactMatch] : [];
  if (!p.where.some((w) => w.startsWith('um_has_words'))) {
    // The messages the other conditions select, as one set of keys probed by every hit of the
    // index.
    const probe = (where: string) =>
      (
        db
          .prepare(
            `${sql}${exact} AND fts_fold.rowid + 0 IN (SELECT m.fts_key FROM messages m${p.folders} WHERE ${where})`,
          )
          .get(...args, ...exactArgs, ...p.args) as { n: number }
      ).n;
    return probe(p.where.join(' AND '));
  }
  // A header term is checked on the hits' messages only: the hits as one set, probed from them.
  const keys = hitsSql(p, 'fts_fold.rowid', { textOnly: true });
  const count = `SELECT COUNT(*) AS n FROM messages m${p.folders} WHERE m.fts_key IN (${keys.sql}${exact}) AND ${p.where.join(' AND ')}`;
  return (db.prepare(count).get(...keys.args, ...exactArgs, ...p.args) as { n: number }).n;
}

/**
 * One page of hits as index keys. Relevance orders the hits among the newest `window` messages
 * holding the words (the highest keys: the index walks its keys downwards and stops there, and
 * scores only those); older hits follow, newest first. A query with fewer hits is ranked whole.
 */
function textPage(db: DatabaseSync, p: Plan, page: SearchPageQuery, total: number): number[] {
  const newest = 'fts_fold.rowid DESC';
  if (total <= page.offset) return [];
  if (page.order === 'date') return byDate(db, p, page.limit, page.offset);
  const window = page.window ?? RANKED_WINDOW;
  const plain = onlyIndex(p) && p.exactMatch === null;
  if (plain && total <= window) {
    const { sql, args } = hitsSql(p, `fts_fold.rowid AS k, bm25(fts_fold, ${WEIGHTS}) AS s`);
    const rows = db.prepare(`${sql} ORDER BY s, ${newest} LIMIT ? OFFSET ?`).all(...args, page.limit, page.offset);
    return tiesByDate(db, rows as unknown as Scored[]);
  }
  // The oldest key of the window (none: every hit of the words is in it).
  const edge = newestKeys(db, p, 1, window - 1, { textOnly: true })[0] ?? 0;
  // The window: the newest hits of the words, each with its score; then the other conditions.
  const text = hitsSql(p, `fts_fold.rowid AS k, bm25(fts_fold, ${WEIGHTS}) AS s`, { textOnly: true });
  const win = `(${text.sql} ORDER BY ${newest} LIMIT ${Math.floor(window)}) w`;
  const conds: string[] = [...(onlyIndex(p) ? [] : p.where)];
  const condArgs: Array<string | number> = [...(onlyIndex(p) ? [] : p.args)];
  if (p.exactMatch !== null) {
    // Only the window's part of the exact index: its highest keys, as many as there are messages
    // from the edge up (the index stops there; a range on its keys alone does not stop it).
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM messages WHERE fts_key >= ?').get(edge) as { n: number };
    conds.push('w.k IN (SELECT rowid FROM fts_exact_words WHERE fts_exact_words MATCH ? ORDER BY rowid DESC LIMIT ?)');
    condArgs.push(p.exactMatch, n);
  }
  const joined = {
    from: onlyIndex(p) ? win : `${win} JOIN messages m ON m.fts_key = w.k${p.folders}`,
    where: conds.length ? `WHERE ${conds.join(' AND ')}` : '',
    args: condArgs,
  };
  // The window's page, ranked (a top-K sort); how many hits the window holds is counted only
  // when the page reaches past them.
  const ranked = `SELECT w.k, w.s FROM ${joined.from} ${joined.where} ORDER BY w.s, w.k DESC LIMIT ? OFFSET ?`;
  const out = tiesByDate(
    db,
    db.prepare(ranked).all(...text.args, ...joined.args, page.limit, page.offset) as unknown as Scored[],
  );
  // A full page, or every hit there is: the older hits need not be looked for.
  if (out.length === page.limit || page.offset + out.length >= total) return out;
  const windowHits =
    out.length > 0 || page.offset === 0
      ? page.offset + out.length
      : plain
        ? Math.min(total, window)
        : (
            db
              .prepare(`SELECT COUNT(*) AS n FROM ${joined.from} ${joined.where}`)
              .get(...text.args, ...joined.args) as {
              n: number;
            }
          ).n;
  if (edge > 0)
    out.push(
      ...byDate(db, p, page.limit - out.length, Math.max(0, page.offset - windowHits), {
        cond: 'fts_fold.rowid < ?',
        args: [edge],
      }),
    );
  return out;
}

/** A ranked hit: its key and score. */
interface Scored {
  k: number;
  s: number;
}

/**
 * A ranked page with equally relevant hits of one day in date order (the keys order days, not
 * hours: search-keys.ts). Only within the page: such a group split by the page's edge keeps key
 * order across it (each hit still on exactly one page).
 */
function tiesByDate(db: DatabaseSync, rows: Scored[]): number[] {
  const dates = new Map(
    (
      db
        .prepare('SELECT fts_key AS k, date FROM messages WHERE fts_key IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(rows.map((r) => r.k))) as Array<{ k: number; date: number | null }>
    ).map((r) => [r.k, r.date ?? 0]),
  );
  const day = (k: number) => Math.floor(k / DAY_SLOTS);
  return [...rows]
    .sort((a, b) => a.s - b.s || day(b.k) - day(a.k) || (dates.get(b.k) ?? 0) - (dates.get(a.k) ?? 0) || b.k - a.k)
    .map((r) => r.k);
}

/** Hits in key order, highest first: a slice of the index read downwards. */
function newestKeys(
  db: DatabaseSync,
  p: Plan,
  limit: number,
  offset: number,
  extra: Parameters<typeof hitsSql>[2] = {},
): number[] {
  const { sql, args } = hitsSql(p, 'fts_fold.rowid AS k', extra);
  const rows = db.prepare(`${sql} ORDER BY fts_fold.rowid DESC LIMIT ? OFFSET ?`).all(...args, limit, offset);
  return (rows as Array<{ k: number }>).map((r) => r.k);
}

/**
 * A page of hits newest first. The keys order the days, not the hours within a day
 * (search-keys.ts): the page is taken in key order, then the days it touches are read whole with
 * their dates and put in date order, and the same slice taken from that order. Every hit is on
 * exactly one page, and the pages follow the dates.
 */
function byDate(
  db: DatabaseSync,
  p: Plan,
  limit: number,
  offset: number,
  extra: { cond?: string; args?: number[] } = {},
): number[] {
  const page = newestKeys(db, p, limit, offset, extra);
  const first = page[0];
  const last = page.at(-1);
  if (first === undefined || last === undefined) return page;
  const top = Math.floor(first / DAY_SLOTS);
  const range = 'fts_fold.rowid >= ? AND fts_fold.rowid < ?';
  const { sql, args } = hitsSql(p, 'fts_fold.rowid AS k', {
    cond: extra.cond ? `${extra.cond} AND ${range}` : range,
    args: [...(extra.args ?? []), Math.floor(last / DAY_SLOTS) * DAY_SLOTS, (top + 1) * DAY_SLOTS],
  });
  const days = (
    db
      .prepare(
        `SELECT h.k FROM (${sql}) h JOIN messages m ON m.fts_key = h.k
         ORDER BY h.k / ${DAY_SLOTS} DESC, m.date DESC, h.k DESC`,
      )
      .all(...args) as Array<{ k: number }>
  ).map((r) => r.k);
  // The first day's hits above the page's first key were on the pages before.
  const before = days.filter((k) => k > first && Math.floor(k / DAY_SLOTS) === top).length;
  return days.slice(before, before + limit);
}

/** The messages (ids) of index keys, in the keys' order. */
function idsOf(db: DatabaseSync, keys: number[]): number[] {
  if (keys.length === 0) return [];
  const rows = db
    .prepare('SELECT id, fts_key AS k FROM messages WHERE fts_key IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(keys)) as Array<{ id: number; k: number }>;
  const byKey = new Map(rows.map((r) => [r.k, r.id]));
  return keys.flatMap((k) => byKey.get(k) ?? []);
}
