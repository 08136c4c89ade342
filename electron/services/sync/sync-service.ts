import type { ImapFlow } from 'imapflow';
import type { SyncProgressEvent, SyncSummary } from '../../../shared/mail.ts';
import type { AccountService } from '../accounts/account-service.ts';
import type { EventBus } from '../api/event-bus.ts';
import type { CacheRegistry } from '../cache/cache-registry.ts';
import { AppError, toAppError } from '../errors/app-error.ts';
import { connectImap } from '../imap/imap-connection.ts';
import type { Logger } from '../logging/logger.ts';
import { syncAccount } from './account-sync.ts';
import type { SyncProgress } from './folder-sync.ts';

interface Running {
  controller: AbortController;
  promise: Promise<SyncSummary>;
}

/**
 * Runs account syncs on their own IMAP connection (reading stays responsive),
 * one at a time per account: a second start joins the running one. Reports
 * progress with an ETA and announces new directives.
 */
export class SyncService {
  private readonly running = new Map<string, Running>();
  private readonly deps: {
    accounts: AccountService;
    caches: CacheRegistry;
    events: EventBus;
    logger: Logger;
    bodyDays: () => number;
  };

  constructor(deps: SyncService['deps']) {
    this.deps = deps;
  }

  start(accountId: string, folders?: string[]): Promise<SyncSummary> {
    const existing = this.running.get(accountId);
    if (existing) return existing.promise;
    const controller = new AbortController();
    const promise = this.run(accountId, controller.signal, folders).finally(() => this.running.delete(accountId));
    this.running.set(accountId, { controller, promise });
    return promise;
  }

  cancel(accountId: string): boolean {
    const running = this.running.get(accountId);
    running?.controller.abort();
    return running !== undefined;
  }

  async cancelAll(): Promise<void> {
    const all = [...this.running.values()];
    for (const r of all) r.controller.abort();
    await Promise.allSettled(all.map((r) => r.promise));
  }

  private async run(accountId: string, signal: AbortSignal, folders?: string[]): Promise<SyncSummary> {
    const { accounts, caches, events, logger } = this.deps;
    const { account, imap } = await accounts.credentials(accountId);
    const cache = caches.get(account.id);
    const emit = (e: Omit<SyncProgressEvent, 'accountId'>) =>
      events.emit('sync.progress', { accountId: account.id, ...e });
    const eta = etaTracker();
    const knownDirectives = new Set(cache.directives(5000).map((d) => `${d.folder}\u0000${d.uid}`));
    emit({ folder: '', phase: 'folders', done: 0, total: 0, etaMs: null });
    let client: ImapFlow | undefined;
    try {
      client = await connectImap(imap);
      const summary = await syncAccount(client, cache, {
        signal,
        folders,
        bodyDays: this.deps.bodyDays(),
        onProgress: (p: SyncProgress) => {
          emit({ ...p, etaMs: eta(p) });
          if (p.phase === 'headers') events.emit('cache.changed', { accountId: account.id, folders: [p.folder] });
        },
        onFolderDone: (r) => {
          events.emit('cache.changed', { accountId: account.id, folders: [r.folder] });
          const fresh = cache.directives(5000).filter((d) => !knownDirectives.has(`${d.folder}\u0000${d.uid}`));
          for (const d of fresh) knownDirectives.add(`${d.folder}\u0000${d.uid}`);
          // The first sync of an account would announce its whole history: only announce unseen ones.
          const announce = fresh.filter((d) => !d.flags.includes('\\Seen'));
          if (announce.length && r.mode !== 'initial')
            events.emit('directives.new', { accountId: account.id, messages: announce });
        },
      });
      emit({ folder: '', phase: 'done', done: summary.messages, total: summary.messages, etaMs: 0 });
      logger.log('info', 'sync done', { email: account.email, ...summary });
      return summary;
    } catch (e) {
      const error = signal.aborted
        ? new AppError('INTERNAL', 'sync cancelled', { messageVi: 'Đã hủy đồng bộ.' })
        : toAppError(e);
      emit({
        folder: '',
        phase: signal.aborted ? 'cancelled' : 'error',
        done: 0,
        total: 0,
        etaMs: null,
        error: { code: error.code, messageVi: error.messageVi, detail: error.detail },
      });
      throw error;
    } finally {
      await client?.logout().catch(() => client?.close());
    }
  }
}

/** Estimates time left from the rate so far within the current folder and phase. */
function etaTracker(): (p: SyncProgress) => number | null {
  let key = '';
  let startedAt = 0;
  let startDone = 0;
  return (p) => {
    const k = `${p.folder}\u0000${p.phase}`;
    if (k !== key) {
      key = k;
      startedAt = Date.now();
      startDone = p.done;
      return null;
    }
    const rate = (p.done - startDone) / Math.max(1, Date.now() - startedAt);
    return rate > 0 ? Math.round((p.total - p.done) / rate) : null;
  };
}
