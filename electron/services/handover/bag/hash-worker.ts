// Worker-thread entry of the HashPool (hash-pool.ts), run by piscina: each task is a batch of
// paths, each file read once for both digests. Synchronous reads into one reused buffer: the
// thread has nothing else to do meanwhile, and no trips through libuv's thread pool.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, threadId } from 'node:worker_threads';
import type { FileDigest } from './file-hash.ts';
import type { DigestResult } from './hash-pool.ts';

const buf = Buffer.allocUnsafe(1 << 20);

// Tells the pool this thread has finished loading, once piscina's synchronous require() of this
// module has returned: piscina requires it inside a promise callback, so a microtask queued now
// runs right after that callback (a macrotask would not: piscina then blocks the thread in
// Atomics.wait). See HashPool.close() for why the pool waits for this.
queueMicrotask(() => parentPort?.postMessage({ hashThreadLoaded: threadId }));

function digest(path: string): FileDigest {
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

/** A file that cannot be read is reported by its errno code, not thrown: the batch goes on. */
export default function digestFiles(paths: string[]): DigestResult[] {
  return paths.map((p) => {
    try {
      return digest(p);
    } catch (e) {
      return { error: (e as NodeJS.ErrnoException).code ?? String(e) };
    }
  });
}
