import type { ImapFlow } from 'imapflow';
import type { AccountService } from '../accounts/account-service.ts';
import { connectImap } from '../imap/imap-connection.ts';
import type { Logger } from '../logging/logger.ts';
import type { SyncService } from './sync-service.ts';

const BACKOFF_MS = [1000, 2000, 5000, 10_000, 30_000, 60_000];

/**
 * Keeps one connection IDLE on one folder and calls `onChange` when the
 * server reports new, removed or re-flagged mail. Reconnects with backoff
 * after a drop, and calls `onChange` after each reconnect (mail may have
 * arrived while it was away).
 */
export class FolderIdler {
  private client: ImapFlow | null = null;
  private stopped = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  /** The connection attempt under way: stop() waits for it, so no socket outlives the watcher. */
  private connecting: Promise<void> | null = null;
  private readonly opts: {
    folder: string;
    connect: () => Promise<ImapFlow>;
    onChange: (folder: string) => void;
    onState?: (state: 'connected' | 'reconnecting') => void;
  };

  constructor(opts: FolderIdler['opts']) {
    this.opts = opts;
  }

  get folder(): string {
    return this.opts.folder;
  }

  start(): void {
    this.connecting = this.connect(false);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.connecting;
    const client = this.client;
    this.client = null;
    await client?.logout().catch(() => client.close());
  }

  private async connect(isReconnect: boolean): Promise<void> {
    if (this.stopped) return;
    try {
      const client = await this.opts.connect();
      if (this.stopped) {
        await client.logout().catch(() => client.close());
        return;
      }
      this.client = client;
      this.attempt = 0;
      const changed = () => this.opts.onChange(this.opts.folder);
      client.on('exists', changed);
      client.on('expunge', changed);
      client.on('flags', changed);
      client.on('close', () => this.scheduleReconnect());
      await client.mailboxOpen(this.opts.folder, { readOnly: true });
      this.opts.onState?.('connected');
      if (isReconnect) changed();
      void this.idleLoop(client);
    } catch {
      this.scheduleReconnect();
    }
  }

  private async idleLoop(client: ImapFlow): Promise<void> {
    while (!this.stopped && this.client === client && client.usable) {
      try {
        await client.idle();
      } catch {
        return; // 'close' schedules the reconnect
      }
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.timer) return;
    this.client = null;
    this.opts.onState?.('reconnecting');
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)] as number;
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connecting = this.connect(true);
    }, delay);
    this.timer.unref?.();
  }
}

/**
 * Push for the app: IDLE on INBOX and on the folder the user has open, a
 * cheap periodic pass (one LIST-STATUS; unchanged folders cost nothing more)
 * for the others. Every change runs the same sync, so the cache stays the
 * single source for the UI.
 */
export class MailWatcher {
  private readonly watched = new Map<
    string,
    { idlers: FolderIdler[]; poll: NodeJS.Timeout; debounce: NodeJS.Timeout | null }
  >();
  private readonly deps: { accounts: AccountService; sync: SyncService; logger: Logger; pollMs?: number };

  constructor(deps: MailWatcher['deps']) {
    this.deps = deps;
  }

  /** Starts watching an account, or moves the "open folder" IDLE to another folder. */
  async watch(accountId: string, openFolder?: string): Promise<void> {
    const folders = [...new Set(['INBOX', ...(openFolder ? [openFolder] : [])])];
    const current = this.watched.get(accountId);
    if (current && current.idlers.map((i) => i.folder).join('\u0000') === folders.join('\u0000')) return;
    await this.unwatch(accountId);
    // Changes collect here; one sync covers them all. A change that arrives while a sync is
    // running waits for it and triggers the next one, so nothing is missed by joining a stale run.
    const pending = new Set<string>();
    const syncSoon = (folder: string) => {
      const entry = this.watched.get(accountId);
      if (!entry) return;
      pending.add(folder);
      if (entry.debounce) clearTimeout(entry.debounce);
      entry.debounce = setTimeout(() => {
        entry.debounce = null;
        void (async () => {
          await this.deps.sync.whenIdle(accountId);
          if (pending.size === 0 || !this.watched.has(accountId)) return;
          const folders = [...pending];
          pending.clear();
          await this.deps.sync.start(accountId, folders).catch((e: unknown) => {
            for (const f of folders) pending.add(f);
            this.deps.logger.log('warn', 'watch sync failed', {
              folders: folders.join(','),
              detail: e instanceof Error ? e.message : String(e),
            });
          });
        })();
      }, 250);
    };
    const idlers = folders.map(
      (folder) =>
        new FolderIdler({
          folder,
          connect: async () => connectImap((await this.deps.accounts.credentials(accountId)).imap),
          onChange: syncSoon,
        }),
    );
    const poll = setInterval(() => {
      this.deps.sync.start(accountId).catch(() => undefined);
    }, this.deps.pollMs ?? 120_000);
    poll.unref?.();
    this.watched.set(accountId, { idlers, poll, debounce: null });
    for (const idler of idlers) idler.start();
  }

  async unwatch(accountId: string): Promise<void> {
    const entry = this.watched.get(accountId);
    if (!entry) return;
    this.watched.delete(accountId);
    clearInterval(entry.poll);
    if (entry.debounce) clearTimeout(entry.debounce);
    await Promise.all(entry.idlers.map((i) => i.stop()));
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.watched.keys()].map((id) => this.unwatch(id)));
  }
}
