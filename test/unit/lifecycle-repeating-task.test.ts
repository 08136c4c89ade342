import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRepeating, type RepeatingTask } from '../../electron/services/lifecycle/repeating-task.ts';

/** A round that runs until the test finishes it: the slow fake. */
function slowRounds() {
  const pending: Array<() => void> = [];
  const signals: AbortSignal[] = [];
  let started = 0;
  return {
    round: (signal: AbortSignal) => {
      started++;
      signals.push(signal);
      return new Promise<void>((resolve) => pending.push(resolve));
    },
    get started() {
      return started;
    },
    signals,
    /** Finishes the oldest running round and lets its continuation run. */
    async finishOne() {
      pending.shift()?.();
      await vi.advanceTimersByTimeAsync(0);
    },
    get running() {
      return pending.length;
    },
    finishAll() {
      pending.splice(0).forEach((finish) => finish());
    },
  };
}

const INTERVAL = 60_000;
let task: RepeatingTask | null = null;
let rounds: ReturnType<typeof slowRounds>;

beforeEach(() => {
  vi.useFakeTimers();
  rounds = slowRounds();
});
afterEach(async () => {
  rounds.finishAll();
  await task?.dispose();
  task = null;
  vi.useRealTimers();
});

describe('startRepeating', () => {
  it('runs a round at once, then one interval after each round ends', async () => {
    task = startRepeating(rounds.round, { intervalMs: INTERVAL, onError: () => undefined });
    expect(rounds.started).toBe(1);
    await rounds.finishOne();
    await vi.advanceTimersByTimeAsync(INTERVAL - 1);
    expect(rounds.started).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(rounds.started).toBe(2);
  });

  it('never overlaps itself: a round still running when the interval passes is not started again', async () => {
    task = startRepeating(rounds.round, { intervalMs: INTERVAL, onError: () => undefined });
    // The first round hangs for ten intervals: no second round beside it, and no timer waiting.
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(rounds.started).toBe(1);
    expect(rounds.running).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    await rounds.finishOne();
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(rounds.started).toBe(2);
    expect(rounds.running).toBe(1);
  });

  it('a round that throws is reported and the schedule goes on', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const boom = new Error('server gone');
    task = startRepeating(
      async () => {
        calls++;
        if (calls === 1) throw boom;
      },
      { intervalMs: INTERVAL, onError: (e) => errors.push(e) },
    );
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(errors).toEqual([boom]);
    expect(calls).toBe(2);
  });

  it('dispose() clears the timer: no round after it, no timer left', async () => {
    task = startRepeating(rounds.round, { intervalMs: INTERVAL, onError: () => undefined });
    await rounds.finishOne();
    expect(vi.getTimerCount()).toBe(1);
    await task.dispose();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(rounds.started).toBe(1);
    expect(task.isDisposed).toBe(true);
  });

  it('dispose() during a round aborts its signal, waits for it, and schedules nothing after', async () => {
    task = startRepeating(rounds.round, { intervalMs: INTERVAL, onError: () => undefined });
    let disposed = false;
    const disposal = task.dispose().then(() => (disposed = true));
    expect(rounds.signals[0]?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(disposed).toBe(false);
    await rounds.finishOne();
    await disposal;
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(rounds.started).toBe(1);
  });
});
