import { Worker } from 'node:worker_threads';
import type { CachedSummary, SyncProgressEvent, SyncSummary } from '../../../shared/mail.ts';
import type { AccountService } from '../accounts/account-service.ts';
import type { EventBus } from '../api/event-bus.ts';
import type { CacheRegistry } from '../cache/cache-registry.ts';
import type { MailCache } from '../cache/mail-cache.ts';
import type { DirectiveRules } from '../directives/directive-rules.ts';
import { AppError } from '../errors/app-error.ts';
import { classifySyncError } from './sync-errors.ts';
import { connectImap } from '../imap/imap-connection.ts';
import type { Logger } from '../logging/logger.ts';
import { syncAccount } from './account-sync.ts';
import type { FolderSyncResult, SyncProgress } from './folder-sync.ts';
import type { SyncWorkerCommand, SyncWorkerInput, SyncWorkerMessage } from './sync-worker-protocol.ts';
import { daysAgo, type Clock } from '../clock/clock.ts';
import { AttachmentTextPool } from '../index/attachment-text.ts';
import { PauseGate } from '../index/pause-gate.ts';

export interface SyncServiceDeps {
  accounts: AccountService;
  caches: CacheRegistry;
  events: EventBus;
  logger: Logger;
  /** "Now" for the offline-body window. */
  clock: Clock;
  /** Offline policy: bodies of the last this many days are cached (0 = none). */
  bodyDays: () => number;
  rules: () => DirectiveRules;
  /** Worker-thread entry (sync-worker.ts, or its built .js); without it syncs run in this thread. */
  workerUrl?: URL | undefined;
  /**
   * Runs when a sync of the account finished, before start() resolves, with the directives that
   * arrived (new to the cache, not a folder's first sync): the ledger registers them. Its failure
   * is logged; the sync still succeeded.
   */
  afterSync?: (accountId: string, arrived: CachedSummary[]) => Promise<unknown>;
}

interface Running {
  controller: AbortController;
  promise: Promise<SyncSummary>;
  /** Holds the text indexer (the user is typing a search). */
  pause: (ms: number) => void;
}

export interface SyncStartOptions {
  /** Index the text of the synced folders before resolving (default true; the CLI's --no-index). */
  index?: boolean;
}

/**
 * Runs account syncs on their own IMAP connection (reading stays responsive),
 * one at a time per account: a second start joins the running one. Reports
 * progress with an ETA and announces new directives.
 */
export class SyncService {
  private readonly running = new Map<string, Running>();
  private readonly deps: SyncServiceDeps;

  constructor(deps: SyncServiceDeps) {
    this.deps = deps;
  }

  start(accountId: string, folders?: string[], options: SyncStartOptions = {}): Promise<SyncSummary> {
    const existing = this.running.get(accountId);
    if (existing) return existing.promise;
    const controller = new AbortController();
    const running: Running = { controller, promise: Promise.resolve(null as never), pause: () => undefined };
    running.promise = this.run(accountId, controller.signal, folders, options.index !== false, running).finally(() =>
      this.running.delete(accountId),
    );
    this.running.set(accountId, running);
    return running.promise;
  }

  /** Holds the account's text indexing for `ms` (each search the user types calls this). */
  pauseIndexing(accountId: string, ms = 1500): void {
    this.running.get(accountId)?.pause(ms);
  }

  /** Resolves when no sync of this account is running (whatever its outcome). */
  async whenIdle(accountId: string): Promise<void> {
    for (let r = this.running.get(accountId); r; r = this.running.get(accountId))
      await r.promise.catch(() => undefined);
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

  private async run(
    accountId: string,
    signal: AbortSignal,
    folders: string[] | undefined,
    index: boolean,
    running: Running,
  ): Promise<SyncSummary> {
    const { accounts, caches, events, logger } = this.deps;
    const { account, imap } = await accounts.credentials(accountId);
    const cache = caches.get(account.id);
    const emit = (e: Omit<SyncProgressEvent, 'accountId'>) =>
      events.emit('sync.progress', { accountId: account.id, ...e });
    const eta = etaTracker();
    // A re-classification still running would make old mail look like directives that just arrived.
    await caches.directivesCurrent(account.id);
    const knownDirectives = new Set(cache.directives(5000).map((d) => `${d.folder}\u0000${d.uid}`));
    const arrived: CachedSummary[] = [];
    emit({ folder: '', phase: 'folders', done: 0, total: 0, etaMs: null });
    try {
      const summary = await this.runSync({
        cacheFile: caches.fileFor(account.id),
        imap,
        rules: this.deps.rules(),
        folders,
        bodiesSince: bodiesSince(this.deps.clock, this.deps.bodyDays()),
        index,
        signal,
        running,
        cache,
        onProgress: (p: SyncProgress) => {
          emit({ ...p, etaMs: eta(p) });
          if (p.phase === 'headers') events.emit('cache.changed', { accountId: account.id, folders: [p.folder] });
        },
        onFolderDone: (r) => {
          events.emit('cache.changed', { accountId: account.id, folders: [r.folder] });
          const fresh = cache.directives(5000).filter((d) => !knownDirectives.has(`${d.folder}\u0000${d.uid}`));
          for (const d of fresh) knownDirectives.add(`${d.folder}\u0000${d.uid}`);
          if (r.mode !== 'initial') arrived.push(...fresh);
          // The first sync of an account would announce its whole history: only announce unseen ones.
          const announce = fresh.filter((d) => !d.flags.includes('\\Seen'));
          if (announce.length && r.mode !== 'initial')
            events.emit('directives.new', { accountId: account.id, messages: announce });
        },
      });
      emit({ folder: '', phase: 'done', done: summary.messages, total: summary.messages, etaMs: 0 });
      logger.log('info', 'sync done', { email: account.email, ...summary });
      await this.deps
        .afterSync?.(account.id, arrived)
        .catch((e: unknown) =>
          logger.log('warn', 'after-sync work failed', { email: account.email, detail: (e as Error).message }),
        );
      return summary;
    } catch (e) {
      const error = signal.aborted
        ? new AppError('INTERNAL', 'sync cancelled', { messageVi: 'Đã hủy đồng bộ.' })
        : classifySyncError(e);
      emit({
        folder: '',
        phase: signal.aborted ? 'cancelled' : 'error',
        done: 0,
        total: 0,
        etaMs: null,
        error: { code: error.code, messageVi: error.messageVi, detail: error.detail },
      });
      throw error;
    }
  }

  /** Runs syncAccount in a worker thread when one is configured, else here. */
  private async runSync(
    job: SyncWorkerInput & {
      signal: AbortSignal;
      running: Running;
      cache: MailCache;
      onProgress: (p: SyncProgress) => void;
      onFolderDone: (r: FolderSyncResult) => void;
    },
  ): Promise<SyncSummary> {
    const { signal, cache, onProgress, onFolderDone, running, ...input } = job;
    if (!this.deps.workerUrl) {
      const client = await connectImap(input.imap);
      const gate = new PauseGate();
      const pool = input.index ? new AttachmentTextPool() : null;
      running.pause = (ms) => gate.pauseFor(ms);
      try {
        return await syncAccount(client, cache, {
          signal,
          folders: input.folders,
          bodiesSince: input.bodiesSince,
          index: pool ? { pool, gate } : null,
          onProgress,
          onFolderDone,
        });
      } finally {
        await client.logout().catch(() => client.close());
        await pool?.close();
      }
    }
    const worker = new Worker(this.deps.workerUrl, { workerData: input });
    running.pause = (ms) => worker.postMessage({ type: 'pause-index', ms } satisfies SyncWorkerCommand);
    const cancel = () => worker.postMessage({ type: 'cancel' });
    signal.addEventListener('abort', cancel);
    try {
      return await new Promise<SyncSummary>((resolve, reject) => {
        worker.on('message', (m: SyncWorkerMessage) => {
          if (m.type === 'progress') onProgress(m.progress);
          else if (m.type === 'folder') onFolderDone(m.result);
          else if (m.type === 'done') resolve(m.summary);
          else reject(AppError.fromPayload(m.error));
        });
        worker.on('error', reject);
        worker.on('exit', (code) => reject(new AppError('INTERNAL', `sync worker exited with code ${code}`)));
      });
    } finally {
      signal.removeEventListener('abort', cancel);
      await worker.terminate();
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
      startedAt = performance.now();
      startDone = p.done;
      return null;
    }
    const rate = (p.done - startDone) / Math.max(1, performance.now() - startedAt);
    return rate > 0 ? Math.round((p.total - p.done) / rate) : null;
  };
}

/** The start of the offline-body window: `days` days before the clock's now, or null for none. */
export function bodiesSince(clock: Clock, days: number): number | null {
  return days > 0 ? daysAgo(clock, days).getTime() : null;
}
