// Worker-thread entry of the MessageFileWriter (message-file-writer.ts): writes each batch of
// message files in turn, each one open, write and close done synchronously, and hashes them.
import { createHash } from 'node:crypto';
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import type { FileDigest } from '../bag/file-hash.ts';
import type { WriterInput, WriterReply, WriterTask } from './message-file-writer.ts';

const { fsync, gcEveryBytes } = workerData as WriterInput;
if (!parentPort) throw new Error('message-file-writer-worker.ts runs only as a worker thread');
const port = parentPort;

function writeOne(path: string, bytes: Uint8Array): FileDigest {
  const fd = openSync(path, 'w');
  try {
    for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
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
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as (options: { type: 'minor' | 'major' }) => void;
let sinceGc = 0;

port.on('message', ({ id, files }: WriterTask) => {
  for (const f of files) sinceGc += f.bytes.length;
  if (sinceGc >= gcEveryBytes) {
    sinceGc = 0;
    collect({ type: 'minor' });
  }
  const results: FileDigest[] = [];
  for (const f of files) {
    try {
      results.push(writeOne(f.path, f.bytes));
    } catch (e) {
      // The files before it are written; the caller fails the batch and the export resumes later.
      const { code, message } = e as NodeJS.ErrnoException;
      port.postMessage({ id, results, error: { path: f.path, code, message: String(message) } } satisfies WriterReply);
      return;
    }
  }
  port.postMessage({ id, results } satisfies WriterReply);
});
