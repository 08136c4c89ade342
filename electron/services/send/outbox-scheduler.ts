// When the outbox next has something to do: one timer, set for the earliest due entry (end of an
// undo delay, a retry time), and at least every minute (another process may have queued mail, a
// server may be back). Rounds never overlap; dispose() stops it. Due times come from the clock.
import type { Clock } from '../clock/clock.ts';

export interface SchedulerDeps {
  clock: Clock;
  nextDue: () => Date | null;
  run: () => Promise<void>;
  onError: (e: unknown) => void;
}

const MAX_WAIT_MS = 60_000;

export class OutboxScheduler {
  private readonly deps: SchedulerDeps;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private started = false;
  private disposed = false;

  constructor(deps: SchedulerDeps) {
    this.deps = deps;
  }

  start(): void {
    if (this.disposed || this.started) return;
    this.started = true;
    this.wake();
  }

  /** Something changed: run now if anything is due, else re-aim the timer. */
  wake(): void {
    if (!this.started || this.disposed) return;
    // A round in progress re-aims the timer when it ends.
    if (!this.running) this.arm();
  }

  /** Waits for the round in progress, if any (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    const due = this.deps.nextDue();
    const wait =
      due === null ? MAX_WAIT_MS : Math.max(0, Math.min(MAX_WAIT_MS, due.getTime() - this.deps.clock.now().getTime()));
    this.timer = setTimeout(() => this.round(), wait);
  }

  private round(): void {
    this.timer = null;
    if (this.disposed) return;
    this.running = this.deps
      .run()
      .catch((e: unknown) => this.deps.onError(e))
      .finally(() => {
        this.running = null;
        if (!this.disposed) this.arm();
      });
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
