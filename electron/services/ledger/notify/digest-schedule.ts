// When the head's daily digest is due: once per working day (weekends, public holidays and Tết
// excluded by the holiday calendar), from a configured time of day in Vietnam (default 07:30,
// Asia/Ho_Chi_Minh, UTC+7 all year). The clock decides, not the timer: a tick only asks "is
// today's digest due and not yet delivered?", so a late start, a sleep or a restart neither skips
// the day nor sends it twice (the days delivered are kept in the notice store).
import type { Clock } from '../../clock/clock.ts';
import { startRepeating, type RepeatingTask } from '../../lifecycle/repeating-task.ts';
import { vietnamDate } from '../../../../shared/ledger.ts';
import type { HolidayCalendar } from '../holiday-calendar.ts';

export interface DigestTime {
  hour: number;
  minute: number;
}

export const DEFAULT_DIGEST_TIME: DigestTime = { hour: 7, minute: 30 };

/** "HH:MM" → a digest time; throws on anything else. */
export function parseDigestTime(text: string): DigestTime {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m) throw new RangeError(`not a time of day (HH:MM): ${text}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** The day (YYYY-MM-DD, Vietnam) whose digest is due at `now`, or null (not a working day, too early). */
export function digestDay(now: Date, at: DigestTime, calendar: HolidayCalendar): string | null {
  const day = vietnamDate(now);
  if (!calendar.isWorkingDay(day)) return null;
  const vn = new Date(now.getTime() + 7 * 3_600_000);
  const minutes = vn.getUTCHours() * 60 + vn.getUTCMinutes();
  return minutes >= at.hour * 60 + at.minute ? day : null;
}

export interface DigestSchedulerDeps {
  clock: Clock;
  holidays: () => Promise<HolidayCalendar>;
  at: DigestTime;
  /** The unit mailboxes (account ids) this computer keeps a digest for. */
  heads: () => string[];
  done: (accountId: string, day: string) => boolean;
  /** Builds and delivers one digest; marks the day done when it was delivered (or found delivered). */
  deliver: (accountId: string, day: string) => Promise<void>;
  onError: (accountId: string, error: unknown) => void;
}

export class DigestScheduler {
  private readonly deps: DigestSchedulerDeps;

  constructor(deps: DigestSchedulerDeps) {
    this.deps = deps;
  }

  /** Delivers every digest due now and not yet delivered; returns the accounts delivered for. */
  async tick(): Promise<string[]> {
    const calendar = await this.deps.holidays();
    const day = digestDay(this.deps.clock.now(), this.deps.at, calendar);
    if (!day) return [];
    const delivered: string[] = [];
    for (const accountId of this.deps.heads()) {
      if (this.deps.done(accountId, day)) continue;
      try {
        await this.deps.deliver(accountId, day);
        delivered.push(accountId);
      } catch (e) {
        // Offline or refused: the next tick tries again, the same day.
        this.deps.onError(accountId, e);
      }
    }
    return delivered;
  }

  /** Ticks now and every `intervalMs` after each tick ends; disposing stops the timer. */
  start(intervalMs = 60_000): RepeatingTask {
    return startRepeating(
      async () => {
        await this.tick();
      },
      { intervalMs, onError: (e) => this.deps.onError('', e) },
    );
  }
}
