// The contract between the virtualized list and where its rows come from,
// and the base every source shares: a version number React reads through
// useSyncExternalStore (so a page arriving re-renders only the list), a key
// index over the loaded rows, and fetches that get the optimistic changes
// they may have missed.
import type { MessagePage } from '../../../shared/mail.ts';
import type { UiError } from '../api.ts';
import { PendingPatches, type PatchHandle } from './pending-patches.ts';
import type { ListRow, RowMessage } from './rows.ts';

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

export type PageFetch = (offset: number, limit: number) => Promise<MessagePage>;
export type ThreadFetch = (threadId: string) => Promise<RowMessage[]>;

export abstract class Observable {
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
