// Time is an input: every service that compares with "now" (offline-body window,
// grant validity, certificate validity, signing times, deadlines, record dates,
// log lines) asks the Clock it was given. Production passes `systemClock`; tests
// pass a clock they set, so no result depends on the day a test runs.

/** The time source a service receives through its constructor. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The machine's clock: what the app and the CLI use. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that a test sets and moves; it never moves by itself. */
export class ManualClock implements Clock {
  private ms = 0;

  constructor(start: Date | string | number) {
    this.set(start);
  }

  now(): Date {
    return new Date(this.ms);
  }

  set(at: Date | string | number): void {
    const ms = new Date(at).getTime();
    if (Number.isNaN(ms)) throw new RangeError(`ManualClock: not a date: ${String(at)}`);
    this.ms = ms;
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}

/** The system clock moved by a fixed offset: runs the whole app "a year from now". */
export function offsetClock(offsetMs: number, base: Clock = systemClock): Clock {
  return { now: () => new Date(base.now().getTime() + offsetMs) };
}

export const DAY_MS = 86_400_000;

/** The instant `days` whole days before the clock's now. */
export function daysAgo(clock: Clock, days: number): Date {
  return new Date(clock.now().getTime() - days * DAY_MS);
}
