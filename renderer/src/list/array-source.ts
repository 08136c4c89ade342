// A finished list in memory (search hits, directives): nothing to page.
import type { UiError } from '../api.ts';
import type { PatchHandle } from './pending-patches.ts';
import { Observable, type RowSource } from './row-source.ts';
import type { ListRow, RowMessage } from './rows.ts';

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
