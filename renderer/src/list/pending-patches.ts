// Optimistic flag changes that the data a fetch returns may not contain yet.
// A page requested before the server applied a change (the request was on its
// way when the user pressed S, or the server call is still running) would put
// the old flags back on screen, and the next S would toggle from those. So a
// change stays pending until its server call settles, and after that it is
// still applied to any answer to a fetch that started before it settled.
import type { RowMessage } from './rows.ts';
import { rowKey } from './rows.ts';

/** Told when the server call behind an optimistic change finished. */
export interface PatchHandle {
  settle(ok: boolean): void;
}

interface Pending {
  keys: ReadonlySet<string>;
  change(msg: RowMessage): RowMessage;
  /** The fetch ticket current when the call settled; null while it runs. */
  settledAt: number | null;
}

export class PendingPatches {
  private clock = 0;
  private readonly running = new Set<number>();
  private pending: Pending[] = [];

  /** Registers a change; the caller applies it to what it shows now. */
  add(keys: ReadonlySet<string>, change: (msg: RowMessage) => RowMessage): PatchHandle {
    const entry: Pending = { keys, change, settledAt: null };
    this.pending.push(entry);
    return {
      settle: (ok) => {
        if (entry.settledAt !== null || !this.pending.includes(entry)) return;
        // A failed change is dropped at once (the caller reloads); a done one
        // only matters to fetches already running.
        if (ok) entry.settledAt = this.clock;
        else this.pending = this.pending.filter((e) => e !== entry);
        this.prune();
      },
    };
  }

  /** A fetch starts: its ticket orders it against the changes. */
  begin(): number {
    this.clock += 1;
    this.running.add(this.clock);
    return this.clock;
  }

  /** A fetch answered (or failed, with no rows): its rows, with the changes it may have missed applied. */
  end(ticket: number, rows: RowMessage[]): RowMessage[] {
    this.running.delete(ticket);
    const missed = this.pending.filter((e) => e.settledAt === null || ticket <= e.settledAt);
    const out =
      missed.length === 0
        ? rows
        : rows.map((m) => {
            const key = rowKey(m.folder, m.uid);
            return missed.reduce((msg, e) => (e.keys.has(key) ? e.change(msg) : msg), m);
          });
    this.prune();
    return out;
  }

  /** Changes a running fetch could still miss (for tests and diagnostics). */
  size(): number {
    return this.pending.length;
  }

  private prune(): void {
    const oldest = Math.min(...this.running);
    this.pending = this.pending.filter((e) => e.settledAt === null || oldest <= e.settledAt);
  }
}
