// Writes downloaded messages into their files, and hashes them, on a thread of its own. The
// thread that reads the IMAP connections hands over the message buffers about 1 MB at a time, in
// one message (the bytes are moved, not copied), and goes on reading. Here each file is one open,
// write and close, done synchronously: through fs/promises every file takes three trips to libuv's
// thread pool and back, each a cross-CPU wake-up, which a virtual machine makes dear (profile and
// figures: BENCHMARKS.md, "Design measurements").
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors/app-error.ts';
import { threadCrashed, threadsClosed } from '../../workers/thread-error.ts';
import { workerEntry } from '../../workers/worker-entry.ts';
import type { FileDigest } from '../bag/file-hash.ts';

/** A message's bytes and the file they go to (created or truncated). */
export interface MessageFile {
  path: string;
  bytes: Uint8Array;
}

/** What the writer thread (message-file-writer-worker.ts) is started with. */
export interface WriterInput {
  fsync: boolean;
  /** Bytes received between two collections of the young generation. */
  gcEveryBytes: number;
}

/** One batch, written in order. */
export interface WriterTask {
  id: number;
  files: MessageFile[];
}

export interface WriterReply {
  id: number;
  results: FileDigest[];
  error?: { path: string; code?: string; message: string };
}

interface Pending {
  resolve: (r: FileDigest[]) => void;
  reject: (e: unknown) => void;
  bytes: number;
}

/** One writer thread; `write()` batches may come from several connections and are written in turn. */
export class MessageFileWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Set once the thread is gone (closed, or dead): every later write() fails with it at once. */
  private failure: AppError | null = null;
  /** Bytes handed over and not yet written. */
  private queued = 0;
  private readonly roomWaiters: { limit: number; resolve: () => void }[] = [];

  /** Each file is fdatasync'd before it is reported written. */
  readonly fsync: boolean;

  constructor(fsync = false) {
    this.fsync = fsync;
    const input: WriterInput = { fsync, gcEveryBytes: 4 * 1024 * 1024 };
    this.worker = new Worker(workerEntry('message-file-writer-worker', import.meta.url), {
      workerData: input,
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    // Keeps the process alive only while a batch is being written (see write()).
    this.worker.unref();
    this.worker.on('message', (m: WriterReply) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (!p) return;
      if (this.pending.size === 0) this.worker.unref();
      this.queued -= p.bytes;
      this.wakeWaiters();
      if (m.error) {
        const { path, code, message } = m.error;
        p.reject(
          new AppError('FILE_ERROR', `cannot write ${path}${code ? ` (${code})` : ''}: ${message}`, {
            messageVi:
              code === 'ENOSPC'
                ? 'Ổ đĩa đã đầy: không ghi được thư vào gói bàn giao. Hãy giải phóng chỗ trống rồi chạy lại lệnh xuất để tiếp tục.'
                : `Không ghi được tệp ${path}. Hãy kiểm tra quyền ghi rồi chạy lại lệnh xuất để tiếp tục.`,
          }),
        );
      } else p.resolve(m.results);
    });
    // The thread died (an uncaught error, out of memory, terminated): its batches will never be
    // answered, so they fail now, and so does every later one.
    const fail = (e: Error) => {
      this.failure ??= threadCrashed('writer', e);
      for (const p of this.pending.values()) p.reject(this.failure);
      this.pending.clear();
      this.queued = 0;
      this.wakeWaiters();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
  }

  /**
   * Writes the files, in order, and resolves with each one's size and digests once all of them
   * are complete on disk (in the page cache; on stable storage too with `fsync`). A buffer that
   * owns its memory is moved to the writer thread (it is empty afterwards); others are copied.
   */
  write(files: readonly MessageFile[]): Promise<FileDigest[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (files.length === 0) return Promise.resolve([]);
    const id = this.nextId++;
    const sent = files.map((f) => ({ path: f.path, bytes: movable(f.bytes) }));
    const bytes = sent.reduce((n, f) => n + f.bytes.byteLength, 0);
    return new Promise((resolve, reject) => {
      const transfer = sent.map((f) => f.bytes.buffer as ArrayBuffer);
      this.worker.postMessage({ id, files: sent }, transfer);
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject, bytes });
      this.queued += bytes;
    });
  }

  /**
   * Resolves once at most `limit` bytes wait to be written. The connections hold off reading
   * meanwhile (the server waits on TCP), so that a slow disk does not pile the download up in
   * memory.
   */
  room(limit: number): Promise<void> {
    if (this.queued <= limit) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push({ limit, resolve }));
  }

  private wakeWaiters(): void {
    for (let i = this.roomWaiters.length - 1; i >= 0; i--) {
      const w = this.roomWaiters[i] as { limit: number; resolve: () => void };
      if (this.queued <= w.limit) {
        this.roomWaiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  /** The thread, for tests that stop it mid-task. */
  get thread(): Worker {
    return this.worker;
  }

  async close(): Promise<void> {
    this.failure ??= threadsClosed('writer');
    await this.worker.terminate();
  }
}

/**
 * The bytes in a buffer of their own, which can be moved to another thread. A large Buffer (as
 * imapflow hands out a message) owns its memory and is moved as it is; a small one lives in a
 * slice of Node's shared pool, which cannot be moved, so it is copied.
 */
function movable(bytes: Uint8Array): Uint8Array {
  const { buffer } = bytes;
  const owned = buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength;
  // The pool's slab is Buffer.poolSize bytes; only allocations under half of it come from there,
  // so a buffer that fills one exactly is its own, but a copy of a slab-sized message costs nothing.
  return owned && buffer.byteLength !== Buffer.poolSize ? bytes : new Uint8Array(bytes);
}
