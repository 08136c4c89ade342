// A folder grouped into conversations (the conversations switch).
import { toUiError, type UiError } from '../api.ts';
import type { PatchHandle } from './pending-patches.ts';
import { Observable, type PageFetch, type RowSource, type ThreadFetch } from './row-source.ts';
import { toRow, type ListRow, type RowMessage } from './rows.ts';

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
