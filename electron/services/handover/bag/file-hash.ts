import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export interface FileDigest {
  size: number;
  sha256: string;
  sha512: string;
}

/** SHA-256 and SHA-512 of bytes in one pass. */
export function digestBytes(bytes: Uint8Array): FileDigest {
  return {
    size: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sha512: createHash('sha512').update(bytes).digest('hex'),
  };
}

/** Both digests of a file, streamed (bounded memory whatever its size). */
export async function digestFile(path: string): Promise<FileDigest> {
  const a = createHash('sha256');
  const b = createHash('sha512');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    a.update(buf);
    b.update(buf);
    size += buf.length;
  }
  return { size, sha256: a.digest('hex'), sha512: b.digest('hex') };
}

// Hashing is CPU-bound (SHA-512 has no CPU instructions to speed it up), so verification spreads
// files over worker threads. The worker is plain JavaScript evaluated from this string: it needs
// no bundler entry of its own and imports nothing of the app.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const buf = Buffer.allocUnsafe(1 << 20);
function digest(path) {
  const fd = openSync(path, 'r');
  try {
    const a = createHash('sha256');
    const b = createHash('sha512');
    let size = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const s = buf.subarray(0, n);
      a.update(s);
      b.update(s);
      size += n;
    }
    return { size, sha256: a.digest('hex'), sha512: b.digest('hex') };
  } finally {
    closeSync(fd);
  }
}
parentPort.on('message', ({ id, paths }) => {
  const results = paths.map((p) => {
    try {
      return digest(p);
    } catch (e) {
      return { error: (e && e.code) || String(e) };
    }
  });
  parentPort.postMessage({ id, results });
});
`;

export type DigestResult = FileDigest | { error: string };

interface Pending {
  resolve: (r: DigestResult[]) => void;
  reject: (e: unknown) => void;
}

/** A pool of hashing threads; `digest()` takes batches of paths (fewer messages than one per file). */
export class HashPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly load: number[] = [];
  private nextId = 1;

  constructor(threads = Math.max(1, Math.min(availableParallelism(), 8))) {
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.unref();
      worker.on('message', (m: { id: number; results: DigestResult[] }) => {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        this.load[i] = (this.load[i] ?? 1) - 1;
        p?.resolve(m.results);
      });
      worker.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(worker);
      this.load.push(0);
    }
  }

  get threads(): number {
    return this.workers.length;
  }

  digest(paths: string[]): Promise<DigestResult[]> {
    // The least busy thread takes the batch.
    let best = 0;
    for (let i = 1; i < this.load.length; i++) if ((this.load[i] ?? 0) < (this.load[best] ?? 0)) best = i;
    const id = this.nextId++;
    this.load[best] = (this.load[best] ?? 0) + 1;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.workers[best]?.postMessage({ id, paths });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
