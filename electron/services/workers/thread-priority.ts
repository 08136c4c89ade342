import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * How much lower than normal a background thread runs: nice 19, the lowest (it runs when the
 * threads at normal priority leave a core free; 10 gave 0.80× on the benchmark, 19 0.82×).
 */
export const BACKGROUND_NICE = 19;

/**
 * Lowers the calling thread's scheduling priority, on Linux, where a nice value belongs to one
 * thread (the thread's id from /proc/thread-self). For a bulk writer beside the thread reading
 * the IMAP stream: on a machine with two cores the reader, the writer and the mail server compete,
 * and the reader, which the whole sync waits for, then loses turns (test/bench/run.ts, initial
 * header sync). Elsewhere it does nothing (Windows and macOS would need native calls); returns
 * whether the priority was lowered.
 */
export function lowerThreadPriority(platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux') return false;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    // Never raised: a thread already lower stays where it is.
    if (getPriority(tid) < BACKGROUND_NICE) setPriority(tid, BACKGROUND_NICE);
    return true;
  } catch {
    // No /proc, or a sandbox that forbids it: normal priority, nothing else changes.
    return false;
  }
}
