// Writes downloaded messages into their files, and hashes them, on a thread of its own. The
// thread that reads the IMAP connections hands over the message buffers about 1 MB at a time, in
// one message (the bytes are moved, not copied), and goes on reading. Here each file is one open,
// write and close, done synchronously. Through fs/promises every file took three trips to libuv's
// thread pool and back, each a cross-CPU wake-up, which a virtual machine makes dear: the main
// thread's profile of a 20,000-message export on the 2-CPU bench VM put 5.6 s of 28 s in those
// calls. Measured there (interleaved runs, same mailbox): 31.4 s → 27.3 s, 29.3 → 25.6 s of CPU.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors/app-error.ts';
import type { FileDigest } from '../bag/file-hash.ts';

/** A message's bytes and the file they go to (created or truncated). */
export interface MessageFile {
  path: string;
  bytes: Uint8Array;
}

// Plain JavaScript evaluated from this string (as in bag/file-hash.ts): no bundler entry of its
// own, and it imports nothing of the app.
const GC_EVERY_BYTES = 4 * 1024 * 1024;
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, writeSync, fdatasyncSync, closeSync } = require('node:fs');
const { fsync } = workerData;
function writeOne(path, bytes) {
  const fd = openSync(path, 'w');
  try {
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    if (fsync) fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return {
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sha512: createHash('sha512').update(bytes).digest('hex'),
  };
}
// The bytes moved here are freed only when this thread collects their (tiny) buffer objects,
// and V8 waits for tens of MB of such garbage before it does: collect every few MB instead.
require('node:v8').setFlagsFromString('--expose-gc');
const collect = require('node:vm').runInNewContext('gc');
const GC_EVERY = ${GC_EVERY_BYTES};
let sinceGc = 0;
parentPort.on('message', ({ id, files }) => {
  for (const f of files) sinceGc += f.bytes.length;
  if (sinceGc >= GC_EVERY) {
    sinceGc = 0;
    collect({ type: 'minor' });
  }
  const results = [];
  for (const f of files) {
    try {
      results.push(writeOne(f.path, f.bytes));
    } catch (e) {
      // The files before it are written; the caller fails the batch and the export resumes later.
      parentPort.postMessage({ id, results, error: { path: f.path, code: e && e.code, message: String(e && e.message) } });
      return;
    }
  }
  parentPort.postMessage({ id, results });
});
`;

interface WriterReply {
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
  private failure: Error | null = null;
  /** Bytes handed over and not yet written. */
  private queued = 0;
  private readonly roomWaiters: { limit: number; resolve: () => void }[] = [];

  /** Each file is fdatasync'd before it is reported written. */
  readonly fsync: boolean;

  constructor(fsync = false) {
    this.fsync = fsync;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { fsync },
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
    const fail = (e: Error) => {
      this.failure ??= new AppError('INTERNAL', `message writer thread failed: ${e.message}`, { cause: e });
      for (const p of this.pending.values()) p.reject(this.failure);
      this.pending.clear();
      this.queued = 0;
      this.wakeWaiters();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', () => fail(new Error('exited')));
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

  async close(): Promise<void> {
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
