import { Worker } from 'node:worker_threads';
import type { MailCache } from '../cache/mail-cache.ts';
import type { DirectiveRules } from '../directives/directive-rules.ts';
import { decodeFetched, type FetchedHeader } from './fetched-header.ts';

/** What the writer thread is asked (cache-writer-worker.ts); each is answered in order. */
export type WriterMessage =
  { type: 'save'; path: string; headers: FetchedHeader[] } | { type: 'flush' } | { type: 'close' };

/** Batches handed to the writer thread and not yet committed, at most (about 1 MB each). */
export const MAX_IN_FLIGHT = 8;

/** Where fetched headers go: straight into the cache, or to a writer thread. */
export interface HeaderSink {
  /**
   * Decodes and commits one batch (in order with the others). A writer thread resolves at once
   * unless MAX_IN_FLIGHT batches are still waiting for it: then when one is committed.
   */
  save(path: string, headers: FetchedHeader[]): Promise<void>;
  /** Resolves once everything handed to save() is committed. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function inlineSink(cache: MailCache): HeaderSink {
  return {
    save: async (path, headers) => cache.saveHeaders(path, headers.map(decodeFetched)),
    flush: async () => {},
    close: async () => {},
  };
}

/**
 * Commits header batches on a second thread while this one keeps reading the
 * IMAP stream: on a large initial sync the decoding, SQLite and FTS work then
 * overlaps the network and imapflow's parsing instead of following it.
 */
export function threadSink(cacheFile: string, entry: URL, rules?: DirectiveRules): HeaderSink {
  const worker = new Worker(entry, { workerData: { cacheFile, rules } });
  let sent = 0;
  let acked = 0;
  let failure: Error | null = null;
  let waiters: Array<() => void> = [];
  const wake = () => {
    const ready = waiters;
    waiters = [];
    for (const w of ready) w();
  };
  worker.on('message', (m: { ok: boolean; error?: string }) => {
    acked += 1;
    if (!m.ok) failure ??= new Error(`cache writer: ${m.error ?? 'failed'}`);
    wake();
  });
  worker.on('error', (e) => {
    failure ??= e;
    wake();
  });
  worker.on('exit', () => {
    failure ??= acked < sent ? new Error('cache writer exited early') : null;
    wake();
  });
  // Batches saved since the last flush; whether a flush asked for a checkpoint.
  let saved = 0;
  let checkpointed = false;
  const post = (m: WriterMessage) => {
    if (failure) throw failure;
    sent += 1;
    worker.postMessage(m);
  };
  const settled = async () => {
    while (acked < sent && !failure) await new Promise<void>((resolve) => waiters.push(resolve));
    if (failure) throw failure;
  };
  return {
    // Bounded: a writer that falls behind (it runs at a lower priority, see cache-writer-worker)
    // holds the reading back instead of batches piling up in memory.
    async save(path, headers) {
      saved += 1;
      post({ type: 'save', path, headers });
      while (sent - acked >= MAX_IN_FLIGHT && !failure) await new Promise<void>((resolve) => waiters.push(resolve));
      if (failure) throw failure;
    },
    // The writer answers, then checkpoints the WAL it grew (writer-worker), so the caller's next
    // commit does not copy it on the caller's thread. Nothing saved since the last flush: nothing
    // to ask (a sync that found nothing new never waits for the thread to start).
    async flush() {
      if (saved > 0) {
        saved = 0;
        checkpointed = true;
        post({ type: 'flush' });
      }
      await settled();
    },
    // Waits for that checkpoint (a thread stopped in the middle would leave it to the next commit).
    async close() {
      await this.flush().catch(() => undefined);
      if (checkpointed)
        try {
          post({ type: 'close' });
          await settled();
        } catch {
          // The writer failed before: nothing to wait for.
        }
      await worker.terminate();
    },
  };
}
