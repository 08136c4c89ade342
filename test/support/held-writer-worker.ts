// A stand-in for cache-writer-worker.ts (test/unit/cache-writer.test.ts): answers nothing until it
// is asked to flush (or close), then every message so far, in order; the sink's bound can then be watched.
import { parentPort } from 'node:worker_threads';

let held = 0;
parentPort?.on('message', (m: { type: string }) => {
  held += 1;
  if (m.type === 'save') return;
  for (; held > 0; held--) parentPort?.postMessage({ ok: true });
});
