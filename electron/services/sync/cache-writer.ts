import { Worker } from 'node:worker_threads';
import type { MailCache } from '../cache/mail-cache.ts';
import type { DirectiveRules } from '../directives/directive-rules.ts';
import { decodeFetched, type FetchedHeader } from './fetched-header.ts';

/** Where fetched headers go: straight into the cache, or to a writer thread. */
export interface HeaderSink {
  /** Decodes and commits one batch (in order with the others). */
  save(path: string, headers: FetchedHeader[]): void;
  /** Resolves once everything handed to save() is committed. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function inlineSink(cache: MailCache): HeaderSink {
  return {
    save: (path, headers) => cache.saveHeaders(path, headers.map(decodeFetched)),
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
  return {
    save(path, headers) {
      if (failure) throw failure;
      sent += 1;
      worker.postMessage({ path, headers });
    },
    async flush() {
      while (acked < sent && !failure) await new Promise<void>((resolve) => waiters.push(resolve));
      if (failure) throw failure;
    },
    async close() {
      await this.flush().catch(() => undefined);
      await worker.terminate();
    },
  };
}
