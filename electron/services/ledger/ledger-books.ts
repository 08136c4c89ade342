// Opening the register table fast: a page comes from the local copy (ledger-cache.ts) when there
// is one, and the book is read from the server behind it; when that read changed the copy,
// 'ledger.changed' tells open views to ask again. Without a copy (or with `fresh`), the server is
// read first. One read per book at a time; dispose waits for reads in flight.
import type { LedgerPage } from '../../../shared/contract-ledger.ts';
import { vietnamDate } from '../../../shared/ledger.ts';
import type { EventBus } from '../api/event-bus.ts';
import type { Clock } from '../clock/clock.ts';
import { AppError } from '../errors/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import type { LedgerCache, PageQuery } from './ledger-cache.ts';
import type { LedgerBookRead, LedgerService } from './ledger-service.ts';

export interface BookRef {
  accountId: string;
  mailbox?: string | undefined;
}

export interface LedgerBooksDeps {
  ledger: Pick<LedgerService, 'book'>;
  cache: LedgerCache;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  /** Told of every book read from the server (the notices are computed from it). */
  onRead?: (ref: BookRef, book: LedgerBookRead) => void;
}

export class LedgerBooks {
  private readonly deps: LedgerBooksDeps;
  private readonly reading = new Map<string, Promise<boolean>>();
  /** The books read in this session, refreshed again after a sync. */
  private readonly seen = new Map<string, BookRef>();
  private closed = false;

  constructor(deps: LedgerBooksDeps) {
    this.deps = deps;
  }

  async page(ref: BookRef, q: PageQuery, opts: { fresh?: boolean } = {}): Promise<LedgerPage> {
    const key = keyOf(ref);
    const today = () => vietnamDate(this.deps.clock.now());
    if (!opts.fresh) {
      const cached = this.deps.cache.page(key, q, today());
      if (cached) {
        this.refreshSoon(ref);
        return cached;
      }
    }
    await this.refresh(ref);
    const page = this.deps.cache.page(key, q, today());
    if (!page) throw new AppError('INTERNAL', `the ledger of ${key} was read but not stored`);
    return page;
  }

  /** Reads the book from the server into the copy; resolves whether the copy changed. */
  refresh(ref: BookRef): Promise<boolean> {
    const key = keyOf(ref);
    const running = this.reading.get(key);
    if (running) return running;
    const target = ref.mailbox ? { accountId: ref.accountId, mailbox: ref.mailbox } : ref.accountId;
    const read = this.deps.ledger
      .book(target)
      .then((book) => {
        if (this.closed) return false;
        this.seen.set(key, { accountId: ref.accountId, mailbox: ref.mailbox });
        this.deps.onRead?.(ref, book);
        return this.deps.cache.store(key, book);
      })
      .finally(() => this.reading.delete(key));
    this.reading.set(key, read);
    return read;
  }

  /** Refreshes in the background and announces a change. */
  refreshSoon(ref: BookRef): void {
    this.refresh(ref).then(
      (changed) => {
        if (changed)
          this.deps.events.emit('ledger.changed', { accountId: ref.accountId, mailbox: ref.mailbox ?? null });
      },
      (e: unknown) => this.deps.logger.log('warn', 'ledger refresh failed', { detail: (e as Error).message }),
    );
  }

  /** The books of an account read in this session. */
  known(accountId: string): BookRef[] {
    return [...this.seen.values()].filter((r) => r.accountId === accountId);
  }

  async dispose(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.reading.values()]);
    this.deps.cache.close();
  }
}

function keyOf(ref: BookRef): string {
  return `${ref.accountId}\u0000${(ref.mailbox ?? '').toLowerCase()}`;
}
