import { describe, expect, it } from 'vitest';
import { DAY_MS, ManualClock, daysAgo, offsetClock, systemClock } from '../../electron/services/clock/clock.ts';
import { bodiesSince } from '../../electron/services/sync/sync-service.ts';

describe('Clock', () => {
  it('a manual clock stays where a test puts it, and moves only when told', () => {
    const clock = new ManualClock('2031-02-28T23:00:00Z');
    expect(clock.now().toISOString()).toBe('2031-02-28T23:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2031-02-28T23:00:00.000Z');
    clock.advance(2 * 3_600_000);
    expect(clock.now().toISOString()).toBe('2031-03-01T01:00:00.000Z');
    clock.set('2030-01-01T00:00:00Z');
    expect(clock.now().getUTCFullYear()).toBe(2030);
    // Callers may keep what now() returned: it is a copy, not the clock's state.
    clock.now().setUTCFullYear(1999);
    expect(clock.now().getUTCFullYear()).toBe(2030);
  });

  it('refuses a date it cannot read rather than running on NaN', () => {
    expect(() => new ManualClock('not a date')).toThrow(RangeError);
    expect(() => new ManualClock(0).set('31/12/2030')).toThrow(RangeError);
  });

  it('an offset clock follows its base', () => {
    const base = new ManualClock('2030-06-01T00:00:00Z');
    const ahead = offsetClock(400 * DAY_MS, base);
    expect(ahead.now().toISOString()).toBe('2031-07-06T00:00:00.000Z');
    base.advance(DAY_MS);
    expect(ahead.now().toISOString()).toBe('2031-07-07T00:00:00.000Z');
    const real = offsetClock(0).now().getTime() - systemClock.now().getTime();
    expect(Math.abs(real)).toBeLessThan(DAY_MS);
  });

  it('the offline-body window starts whole days before the clock, or nowhere', () => {
    const clock = new ManualClock('2027-01-31T08:00:00Z');
    expect(daysAgo(clock, 30).toISOString()).toBe('2027-01-01T08:00:00.000Z');
    expect(bodiesSince(clock, 30)).toBe(Date.parse('2027-01-01T08:00:00Z'));
    expect(bodiesSince(clock, 0)).toBeNull();
  });
});
