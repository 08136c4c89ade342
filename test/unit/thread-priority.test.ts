import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, lowerThreadPriority } from '../../electron/services/workers/thread-priority.ts';

/** A thread's nice value from /proc (stat field 19; the fields after the command name from 3). */
const niceOf = (tid: number) =>
  Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ')[16]);
const selfTid = () => Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]);

describe('lowerThreadPriority', () => {
  it.runIf(process.platform === 'linux')('lowers the thread that calls it, and no other', async () => {
    const module = new URL('../../electron/services/workers/thread-priority.ts', import.meta.url).href;
    // A thread that lowers itself, reports its id, and waits to be stopped.
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       const { readFileSync } = require('node:fs');
       import(${JSON.stringify(module)}).then((m) => {
         const lowered = m.lowerThreadPriority('linux');
         parentPort.postMessage({ lowered, tid: Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]) });
       });
       setInterval(() => {}, 1000);`,
      { eval: true },
    );
    try {
      const before = niceOf(selfTid());
      const { lowered, tid } = await new Promise<{ lowered: boolean; tid: number }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(lowered).toBe(true);
      expect(tid).not.toBe(selfTid());
      expect(niceOf(tid)).toBe(Math.max(before, BACKGROUND_NICE));
      expect(niceOf(selfTid())).toBe(before);
    } finally {
      await worker.terminate();
    }
  });

  it('does nothing where a nice value is not one thread’s', () => {
    expect(lowerThreadPriority('win32')).toBe(false);
    expect(lowerThreadPriority('darwin')).toBe(false);
  });
});
