// Where the rows of the virtualized list come from. The list only ever asks
// "how many rows?", "row i, if loaded?" and "please load [start, end)", so a
// 100,000-message folder costs what the visible window costs:
//  - PagedSource: a folder from the cache, fetched by offset in pages that are
//    kept in memory (least recently used pages are dropped past a cap);
//  - ThreadSource: the same folder grouped into conversations;
//  - ArraySource: a finished list (search hits, directives).
// Sources are plain objects with a version number; React reads them through
// useSyncExternalStore, so a page arriving re-renders only the list.
import type { MessagePage } from '../../../shared/mail.ts';
import { toUiError, type UiError } from '../api.ts';
import { PendingPatches, type PatchHandle } from './pending-patches.ts';
import { toRow, type ListRow, type RowMessage } from './rows.ts';

export interface RowSource {
  /** Number of rows, or null until the first answer. */
  total(): number | null;
  /** Row i when loaded (possibly from before the last invalidate), else undefined. */
  row(index: number): ListRow | undefined;
  /** The list shows [start, end): load what is missing there. */
  ensure(start: number, end: number): void;
  /** Rows [start, end), fetching what is not loaded (for ranges and "select all"). */
  load(start: number, end: number): Promise<ListRow[]>;
  /** Index of a loaded row, or -1. */
  indexOf(key: string): number;
  /** A loaded row by key (indexed, so it is cheap even for a large selection). */
  rowByKey(key: string): ListRow | undefined;
  /**
   * Changes loaded rows in place (optimistic flag changes), and rows that
   * arrive later from fetches that may predate the change, until the handle
   * is settled and those fetches are answered.
   */
  patch(keys: ReadonlySet<string>, change: (msg: RowMessage) => RowMessage): PatchHandle;
  /** The data behind the source changed: refetch what is shown, keep showing the old rows meanwhile. */
  invalidate(): void;
  /** True while rows are known to be stale or the first page is loading. */
  loading(): boolean;
  error(): UiError | null;
  /** The last fully known state; grows on every change (for useSyncExternalStore). */
  version(): number;
  subscribe(listener: () => void): () => void;
  dispose(): void;
  /** Conversation view: expands or folds a conversation. */
  toggleThread?(key: string, open?: boolean): Promise<void>;
  /** Conversation view: every loaded row of the conversation whose head is `key`, head included. */
  members?(key: string): ListRow[];
  /** Conversation view: whether all the folder has been grouped (the total is final). */
  complete?(): boolean;
  /** Conversation view: conversations shown (rows minus the expanded ones' other messages). */
  groups?(): number;
}

abstract class Observable {
  private listeners = new Set<() => void>();
  private ver = 0;
  protected disposed = false;
  private index: { version: number; byKey: Map<string, ListRow> } | null = null;
  protected readonly pending = new PendingPatches();

  /** Every loaded row, for the key index. */
  protected abstract loadedRows(): Iterable<ListRow>;

  rowByKey(key: string): ListRow | undefined {
    if (this.index?.version !== this.ver) {
      const byKey = new Map<string, ListRow>();
      for (const r of this.loadedRows()) byKey.set(r.key, r);
      this.index = { version: this.ver, byKey };
    }
    return this.index.byKey.get(key);
  }

  version(): number {
    return this.ver;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  protected changed(): void {
    if (this.disposed) return;
    this.ver += 1;
    for (const l of this.listeners) l();
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  /** A fetch whose rows get the optimistic changes it may have missed. */
  protected async fetchRows(fetch: () => Promise<RowMessage[]>): Promise<RowMessage[]> {
    const ticket = this.pending.begin();
    let rows: RowMessage[];
    try {
      rows = await fetch();
    } catch (e) {
      this.pending.end(ticket, []);
      throw e;
    }
    return this.pending.end(ticket, rows);
  }

  /** A page fetch, likewise. */
  protected async fetchPageRows(
    fetch: PageFetch,
    offset: number,
    limit: number,
  ): Promise<{ rows: RowMessage[]; total: number }> {
    let total = 0;
    const rows = await this.fetchRows(async () => {
      const answer = await fetch(offset, limit);
      total = answer.total;
      return answer.rows;
    });
    return { rows, total };
  }
}

export type PageFetch = (offset: number, limit: number) => Promise<MessagePage>;

interface Page {
  rows: ListRow[];
  generation: number;
  used: number;
}

/** A folder window from the cache (cache.list), page by page. */
export class PagedSource extends Observable implements RowSource {
  private readonly pages = new Map<number, Page>();
  /** page → generation it was requested for */
  private readonly inflight = new Map<number, number>();
  private wanted: [number, number] = [0, 1];
  private generation = 0;
  private clock = 0;
  private count: number | null = null;
  private failure: UiError | null = null;
  private lastEnsure = 0;
  private settle: ReturnType<typeof setTimeout> | null = null;
  private readonly fetchPage: PageFetch;
  private readonly pageSize: number;
  private readonly maxPages: number;
  private readonly parallel: number;

  constructor(fetchPage: PageFetch, opts: { pageSize?: number; maxPages?: number; parallel?: number } = {}) {
    super();
    this.fetchPage = fetchPage;
    this.pageSize = opts.pageSize ?? 100;
    this.maxPages = opts.maxPages ?? 100;
    this.parallel = opts.parallel ?? 2;
    this.pump();
  }

  total(): number | null {
    return this.count;
  }

  row(index: number): ListRow | undefined {
    if (index < 0 || (this.count !== null && index >= this.count)) return undefined;
    const page = this.pages.get(Math.floor(index / this.pageSize));
    return page?.rows[index % this.pageSize];
  }

  ensure(start: number, end: number): void {
    const now = performance.now();
    const jump = Math.abs(start - this.wanted[0]);
    const fast = jump > this.pageSize / 2 && now - this.lastEnsure < 150;
    this.lastEnsure = now;
    this.wanted = [Math.max(0, start), Math.max(start + 1, end)];
    if (this.settle) clearTimeout(this.settle);
    this.settle = null;
    // Flinging through the list: don't fetch the pages flown past, only
    // where the scroll comes to rest (rows show as placeholders meanwhile).
    if (fast && this.count !== null) {
      this.settle = setTimeout(() => {
        this.settle = null;
        this.pump();
      }, 90);
      return;
    }
    this.pump();
  }

  override dispose(): void {
    if (this.settle) clearTimeout(this.settle);
    super.dispose();
  }

  loading(): boolean {
    if (this.count === null) return this.failure === null;
    const [first, last] = this.pageRange();
    for (let p = first; p <= last; p++) if (this.pages.get(p)?.generation !== this.generation) return true;
    return false;
  }

  error(): UiError | null {
    return this.failure;
  }

  invalidate(): void {
    this.generation += 1;
    // Pages outside the window would be stale when scrolled to: drop them; keep
    // the visible ones on screen until their fresh copy arrives.
    const [first, last] = this.pageRange();
    for (const p of [...this.pages.keys()]) if (p < first || p > last) this.pages.delete(p);
    this.pump();
  }

  patch(keys: ReadonlySet<string>, change: (msg: RowMessage) => RowMessage): PatchHandle {
    let touched = false;
    for (const page of this.pages.values()) {
      page.rows = page.rows.map((r) => {
        if (!keys.has(r.key)) return r;
        touched = true;
        return { ...r, msg: change(r.msg) };
      });
    }
    if (touched) this.changed();
    return this.pending.add(keys, change);
  }

  protected *loadedRows(): Iterable<ListRow> {
    for (const page of this.pages.values()) yield* page.rows;
  }

  indexOf(key: string): number {
    for (const [p, page] of this.pages) {
      const i = page.rows.findIndex((r) => r.key === key);
      if (i !== -1) return p * this.pageSize + i;
    }
    return -1;
  }

  async load(start: number, end: number): Promise<ListRow[]> {
    const out: ListRow[] = [];
    let i = Math.max(0, start);
    while (i < end) {
      const page = this.pages.get(Math.floor(i / this.pageSize));
      if (page && page.generation === this.generation) {
        const from = i % this.pageSize;
        const take = page.rows.slice(from, from + (end - i));
        out.push(...take);
        if (take.length === 0) break;
        i += take.length;
        continue;
      }
      const limit = Math.min(1000, end - i);
      const answer = await this.fetchPageRows(this.fetchPage, i, limit);
      const rows = answer.rows.map(toRow);
      out.push(...rows);
      if (rows.length < limit) break;
      i += rows.length;
    }
    return out;
  }

  private pageRange(): [number, number] {
    const [start, end] = this.wanted;
    const lastIndex = this.count === null ? end - 1 : Math.min(end, this.count) - 1;
    const first = Math.floor(start / this.pageSize);
    return [first, Math.max(first, Math.floor(Math.max(0, lastIndex) / this.pageSize))];
  }

  private pump(): void {
    if (this.disposed) return;
    const [first, last] = this.pageRange();
    let running = [...this.inflight.values()].filter((g) => g === this.generation).length;
    for (let p = first; p <= last && running < this.parallel; p++) {
      const page = this.pages.get(p);
      if (page) page.used = ++this.clock;
      if (page?.generation === this.generation) continue;
      if (this.inflight.get(p) === this.generation) continue;
      this.request(p);
      running += 1;
    }
  }

  private request(p: number): void {
    const generation = this.generation;
    this.inflight.set(p, generation);
    this.fetchPageRows(this.fetchPage, p * this.pageSize, this.pageSize).then(
      (answer) => {
        if (this.inflight.get(p) === generation) this.inflight.delete(p);
        if (this.disposed) return;
        if (generation === this.generation || !this.pages.has(p)) {
          this.pages.set(p, { rows: answer.rows.map(toRow), generation, used: ++this.clock });
          if (generation === this.generation) {
            this.count = answer.total;
            this.failure = null;
          }
          this.evict();
          this.changed();
        }
        this.pump();
      },
      (error: unknown) => {
        if (this.inflight.get(p) === generation) this.inflight.delete(p);
        if (this.disposed || generation !== this.generation) return;
        this.failure = toUiError(error);
        this.changed();
      },
    );
  }

  private evict(): void {
    if (this.pages.size <= this.maxPages) return;
    const [first, last] = this.pageRange();
    const victims = [...this.pages.entries()]
      .filter(([p]) => p < first || p > last)
      .sort((a, b) => a[1].used - b[1].used);
    for (const [p] of victims.slice(0, this.pages.size - this.maxPages)) this.pages.delete(p);
  }
}

/** A complete list in memory: search hits, directives. */
export class ArraySource extends Observable implements RowSource {
  private rows: ListRow[];
  private readonly busy: boolean;
  private readonly failure: UiError | null;

  constructor(rows: ListRow[] | null, failure: UiError | null = null) {
    super();
    this.rows = rows ?? [];
    this.busy = rows === null && failure === null;
    this.failure = failure;
  }

  total(): number | null {
    return this.busy || this.failure ? null : this.rows.length;
  }
  row(index: number): ListRow | undefined {
    return this.rows[index];
  }
  ensure(): void {}
  async load(start: number, end: number): Promise<ListRow[]> {
    return this.rows.slice(start, end);
  }
  protected loadedRows(): Iterable<ListRow> {
    return this.rows;
  }
  indexOf(key: string): number {
    return this.rows.findIndex((r) => r.key === key);
  }
  patch(keys: ReadonlySet<string>, change: (msg: RowMessage) => RowMessage): PatchHandle {
    this.rows = this.rows.map((r) => (keys.has(r.key) ? { ...r, msg: change(r.msg) } : r));
    this.changed();
    // Nothing is fetched into a finished list afterwards.
    return { settle: () => undefined };
  }
  invalidate(): void {}
  loading(): boolean {
    return this.busy;
  }
  error(): UiError | null {
    return this.failure;
  }
}

export type ThreadFetch = (threadId: string) => Promise<RowMessage[]>;

/**
 * A folder grouped into conversations: the newest message of each thread
 * with the thread's size. The cache pages by message, not by thread, so the
 * folder is read from the top in chunks and grouped as the user scrolls
 * down; the total grows until the whole folder has been seen.
 */
export class ThreadSource extends Observable implements RowSource {
  private raw: RowMessage[] = [];
  private rawTotal: number | null = null;
  private flat: ListRow[] = [];
  private heads = 0;
  private readonly expanded = new Map<string, RowMessage[]>();
  private busy = false;
  private generation = 0;
  private failure: UiError | null = null;
  private wantedEnd = 1;
  private readonly fetchPage: PageFetch;
  private readonly fetchThread: ThreadFetch;
  private readonly chunk: number;

  constructor(fetchPage: PageFetch, fetchThread: ThreadFetch, chunk = 1000) {
    super();
    this.fetchPage = fetchPage;
    this.fetchThread = fetchThread;
    this.chunk = chunk;
    void this.more();
  }

  total(): number | null {
    return this.rawTotal === null ? null : this.flat.length;
  }
  complete(): boolean {
    return this.rawTotal !== null && this.raw.length >= this.rawTotal;
  }
  groups(): number {
    return this.heads;
  }
  row(index: number): ListRow | undefined {
    return this.flat[index];
  }
  ensure(_start: number, end: number): void {
    this.wantedEnd = end;
    if (end + 100 > this.flat.length && !this.complete()) void this.more();
  }
  loading(): boolean {
    return this.busy && this.rawTotal === null;
  }
  error(): UiError | null {
    return this.failure;
  }

  async load(start: number, end: number): Promise<ListRow[]> {
    while (end > this.flat.length && !this.complete() && !this.disposed && !this.failure) {
      if (!(await this.more())) await new Promise((r) => setTimeout(r, 20));
    }
    return this.flat.slice(start, end);
  }

  protected loadedRows(): Iterable<ListRow> {
    return this.flat;
  }

  indexOf(key: string): number {
    return this.flat.findIndex((r) => r.key === key);
  }

  members(key: string): ListRow[] {
    const head = this.flat.find((r) => r.key === key);
    if (!head || head.depth !== 0) return head ? [head] : [];
    const threadId = head.msg.threadId;
    const seen = new Map<string, ListRow>();
    for (const m of this.raw) if (m.threadId === threadId) seen.set(toRow(m).key, toRow(m));
    for (const m of this.expanded.get(threadId) ?? []) seen.set(toRow(m).key, toRow(m));
    return [...seen.values()];
  }

  patch(keys: ReadonlySet<string>, change: (msg: RowMessage) => RowMessage): PatchHandle {
    const apply = (m: RowMessage) => (keys.has(toRow(m).key) ? change(m) : m);
    this.raw = this.raw.map(apply);
    for (const [id, list] of this.expanded) this.expanded.set(id, list.map(apply));
    this.rebuild();
    return this.pending.add(keys, change);
  }

  async toggleThread(key: string, open?: boolean): Promise<void> {
    const head = this.flat.find((r) => r.key === key && r.depth === 0);
    if (!head) return;
    const threadId = head.msg.threadId;
    const isOpen = this.expanded.has(threadId);
    if (open ?? !isOpen) {
      if (isOpen) return;
      try {
        const members = await this.fetchRows(() => this.fetchThread(threadId));
        this.expanded.set(threadId, members);
      } catch (error) {
        this.failure = toUiError(error);
      }
    } else {
      this.expanded.delete(threadId);
    }
    this.rebuild();
  }

  invalidate(): void {
    this.generation += 1;
    void this.reload(this.generation);
  }

  /** Loads the next chunk; false when another load is running. */
  private async more(): Promise<boolean> {
    if (this.busy || this.disposed || this.complete()) return false;
    this.busy = true;
    const generation = this.generation;
    try {
      const answer = await this.fetchPageRows(this.fetchPage, this.raw.length, this.chunk);
      if (generation !== this.generation || this.disposed) return true;
      this.raw = this.raw.concat(answer.rows);
      this.rawTotal = answer.total;
      this.failure = null;
      this.rebuild();
    } catch (error) {
      this.failure = toUiError(error);
      this.changed();
      return true;
    } finally {
      this.busy = false;
    }
    if (this.wantedEnd + 100 > this.flat.length && !this.complete()) void this.more();
    return true;
  }

  /** Refetches what was loaded (at least one chunk) and the open conversations, then swaps. */
  private async reload(generation: number): Promise<void> {
    const want = Math.max(this.chunk, this.raw.length);
    try {
      let rows: RowMessage[] = [];
      let total = 0;
      while (rows.length < want) {
        const answer = await this.fetchPageRows(this.fetchPage, rows.length, Math.min(this.chunk, want - rows.length));
        rows = rows.concat(answer.rows);
        total = answer.total;
        if (answer.rows.length === 0 || rows.length >= total) break;
      }
      const open = await Promise.all(
        [...this.expanded.keys()].map(async (id) => [id, await this.fetchRows(() => this.fetchThread(id))]),
      );
      if (generation !== this.generation || this.disposed) return;
      this.raw = rows;
      this.rawTotal = total;
      this.expanded.clear();
      for (const [id, list] of open) this.expanded.set(id as string, list as RowMessage[]);
      this.rebuild();
    } catch (error) {
      if (generation !== this.generation) return;
      this.failure = toUiError(error);
      this.changed();
    }
  }

  private rebuild(): void {
    const counts = new Map<string, number>();
    const heads: RowMessage[] = [];
    for (const m of this.raw) {
      const n = counts.get(m.threadId);
      if (n === undefined) heads.push(m);
      counts.set(m.threadId, (n ?? 0) + 1);
    }
    const flat: ListRow[] = [];
    for (const head of heads) {
      const members = this.expanded.get(head.threadId);
      const size = Math.max(counts.get(head.threadId) ?? 1, members?.length ?? 0);
      const headRow = toRow(head);
      flat.push({ ...headRow, threadSize: size, expanded: members !== undefined });
      if (!members) continue;
      const rest = members
        .filter((m) => toRow(m).key !== headRow.key)
        .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
      for (const m of rest) flat.push({ ...toRow(m), depth: 1 });
    }
    this.flat = flat;
    this.heads = heads.length;
    this.changed();
  }
}
