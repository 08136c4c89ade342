// A job run at once and then again `intervalMs` after each round ends. The
// next round is scheduled only when the last one finished, so a slow round
// (a server that takes a minute to answer) delays the next instead of running
// beside it. dispose() clears the pending timer and waits for a round in
// flight, so nothing the round opened outlives its owner.
import type { Disposable } from './disposable.ts';

export interface RepeatingTask extends Disposable {
  readonly isDisposed: boolean;
  dispose(): Promise<void>;
}

export interface RepeatingOptions {
  intervalMs: number;
  /** Told what a round threw; the next round runs as planned. */
  onError(error: unknown): void;
}

/** `round` receives a signal aborted on dispose, to stop early between steps. */
export function startRepeating(round: (signal: AbortSignal) => Promise<void>, opts: RepeatingOptions): RepeatingTask {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;
  let disposal: Promise<void> | null = null;

  const runRound = async (): Promise<void> => {
    try {
      await round(controller.signal);
    } catch (e) {
      try {
        opts.onError(e);
      } catch {
        // A failing error handler must not stop the schedule.
      }
    }
  };
  const run = (): void => {
    timer = null;
    inFlight = runRound().then(() => {
      inFlight = null;
      // Not unref'd: the owner disposes it, and a timer left running should keep a process
      // alive where a test notices, not vanish quietly.
      if (!controller.signal.aborted) timer = setTimeout(run, opts.intervalMs);
    });
  };
  run();

  return {
    get isDisposed() {
      return disposal !== null;
    },
    dispose() {
      disposal ??= (async () => {
        controller.abort();
        if (timer) clearTimeout(timer);
        timer = null;
        await inFlight;
      })();
      return disposal;
    },
  };
}
