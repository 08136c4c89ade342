// A folder window from the cache (cache.list), fetched by offset in pages
// that are kept in memory; the least recently used pages are dropped past a
// cap, so a 100,000-message folder costs what the visible window costs.
import { toUiError, type UiError } from '../api.ts';
import type { PatchHandle } from './pending-patches.ts';
import { Observable, type PageFetch, type RowSource } from './row-source.ts';
import { toRow, type ListRow, type RowMessage } from './rows.ts';

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
