// Hashing threads for verification, on piscina. Its own module, so that the export's threads,
// which hash with digestFile() alone, do not load piscina.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { threadCrashed, threadsClosed } from '../../workers/thread-error.ts';
import { workerEntry } from '../../workers/worker-entry.ts';
import type { FileDigest } from './file-hash.ts';

export type DigestResult = FileDigest | { error: string };

/**
 * Hashing threads (hash-worker.ts) for verification: hashing is CPU-bound (SHA-512 has no CPU
 * instructions to speed it up), so the files are spread over threads. `digest()` takes a batch
 * of paths (fewer tasks than one per file). A thread that dies fails the batches it held with a
 * typed error; piscina starts another in its place, so later batches still run.
 */
export class HashPool {
  readonly threads: number;
  private readonly pool: Piscina<string[], DigestResult[]>;
  private closed = false;
  /** Threads that have finished loading this module (their threadIds). */
  private readonly loaded = new Set<number>();
  private readonly settled = new Set<() => void>();

  constructor(threads = Math.max(1, Math.min(availableParallelism(), 8))) {
    this.threads = threads;
    // All threads start now (they boot while the bag is listed) and stay until close(). Each
    // holds a second batch while it hashes one, so that it never waits for the next between two.
    this.pool = new Piscina({
      filename: workerEntry('hash-worker', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Infinity,
      concurrentTasksPerWorker: 2,
    });
    // A thread that fails between tasks has no task to fail; piscina replaces it, and without a
    // listener its 'error' event would throw in this thread.
    this.pool.on('error', () => this.notify());
    this.pool.on('message', (m: unknown) => {
      const id = (m as { hashThreadLoaded?: unknown } | null)?.hashThreadLoaded;
      if (typeof id === 'number') this.loaded.add(id);
      this.notify();
    });
    this.pool.on('workerDestroy', () => this.notify());
  }

  private notify(): void {
    for (const check of this.settled) check();
  }

  /** Resolves once no thread is still loading (each has loaded, or is gone). */
  private allLoaded(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.pool.threads.every((w) => this.loaded.has(w.threadId) || w.threadId < 0)) {
          this.settled.delete(check);
          resolve();
        }
      };
      this.settled.add(check);
      check();
    });
  }

  async digest(paths: string[]): Promise<DigestResult[]> {
    if (this.closed) throw threadsClosed('hash');
    try {
      return await this.pool.run(paths);
    } catch (e) {
      // The task itself never throws (a bad file is a result): the thread is gone.
      throw this.closed ? threadsClosed('hash') : threadCrashed('hash', e);
    }
  }

  /** The threads, for tests that stop one mid-task. */
  get workers(): readonly Worker[] {
    return this.pool.threads;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Terminating a thread while piscina's require() of the worker module is still running aborts
    // the whole process in Node 24 (an assertion in ModuleWrap::CreateRequiredModuleFacade, seen on
    // a loaded CI machine when a tampered bag failed before any hashing). So close() first lets
    // every thread finish loading; a loaded thread is terminated safely.
    await this.allLoaded();
    await this.pool.destroy();
  }
}
