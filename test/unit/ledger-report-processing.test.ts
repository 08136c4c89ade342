import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import { isAppError } from '../../electron/services/errors/app-error.ts';
import { formatRate, processingReport, registerRows } from '../../electron/services/ledger/report/index.ts';
import { yearLabel } from '../../electron/services/ledger/report/report-types.ts';
import { AS_OF, BookBuilder, MARCH, NGUYEN, TRAN, marchBook } from '../support/ledger-report-book.ts';

describe('ledger processing report (pure, injected clock)', () => {
  const book = marchBook();

  it('counts received, on time, late, filed, open and overdue for the period', () => {
    const r = processingReport(book.entries, MARCH, new ManualClock(AS_OF));
    expect(r).toMatchObject({
      received: 7,
      doneOnTime: 1,
      doneLate: 1,
      doneNoDeadline: 1,
      filed: 1,
      open: 3,
      overdue: 1,
      unassigned: 1,
      asOfDay: '2026-03-20',
    });
    // Due: 1 on time, 1 late, 1 overdue.
    expect(r.onTimeRate).toBeCloseTo(1 / 3);
    expect(r.items.map((i) => i.number)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(r.items.map((i) => i.outcome)).toEqual([
      'on-time',
      'late',
      'overdue',
      'no-deadline',
      'filed',
      'open',
      'open',
    ]);
    expect(r.items[1]).toMatchObject({ doneDate: '2026-03-09', deadline: '2026-03-06', daysLate: 3 });
    expect(r.items[2]).toMatchObject({ handler: TRAN, daysLate: 10 });
  });

  it('gives each handler their load and on-time rate', () => {
    const r = processingReport(book.entries, MARCH, new ManualClock(AS_OF));
    expect(r.byPerson.map((p) => p.person)).toEqual([TRAN, NGUYEN]);
    expect(r.byPerson[0]).toMatchObject({ received: 3, doneNoDeadline: 1, open: 2, overdue: 1, onTimeRate: 0 });
    expect(r.byPerson[1]).toMatchObject({ received: 2, doneOnTime: 1, doneLate: 1, open: 0, onTimeRate: 0.5 });
  });

  it('moves with the clock: a deadline passing turns open into overdue, nothing else changes', () => {
    const later = processingReport(book.entries, MARCH, new ManualClock('2026-03-26T03:00:00Z'));
    expect(later).toMatchObject({ open: 3, overdue: 2, doneOnTime: 1, doneLate: 1 });
    // The deadline day itself is still in time (Vietnam calendar day, not UTC).
    const onDeadline = processingReport(book.entries, MARCH, new ManualClock('2026-03-25T16:59:00Z'));
    expect(onDeadline.overdue).toBe(1);
    const nextDayInVietnam = processingReport(book.entries, MARCH, new ManualClock('2026-03-25T17:00:00Z'));
    expect(nextDayInVietnam.overdue).toBe(2);
  });

  it('takes only the entries whose ngày đến is in the period', () => {
    const feb = processingReport(book.entries, { from: '2026-02-01', to: '2026-02-28' }, new ManualClock(AS_OF));
    expect(feb.received).toBe(1);
    expect(feb.onTimeRate).toBeNull();
    expect(
      registerRows(book.entries, { from: '2026-03-05', to: '2026-03-09' }, new Date(AS_OF)).map((r) => r.soDen),
    ).toEqual([5, 6]);
  });

  it('spans a new year: số đến restarts at 1 and the rows keep (year, number) order', () => {
    const b = new BookBuilder()
      .register('<y1@ubnd>', { ngayDen: '2025-12-30' })
      .register('<y2@ubnd>', { ngayDen: '2026-01-02' })
      .register('<y3@ubnd>', { ngayDen: '2025-12-31' })
      .book();
    const period = { from: '2025-12-15', to: '2026-01-15' };
    const rows = registerRows(b.entries, period, new Date(AS_OF));
    expect(rows.map((r) => [r.year, r.soDen, r.ngayDen])).toEqual([
      [2025, 1, '2025-12-30'],
      [2025, 2, '2025-12-31'],
      [2026, 1, '2026-01-02'],
    ]);
    expect(yearLabel(period)).toBe('Năm 2025 – 2026');
  });

  it('refuses a malformed or reversed period with a Vietnamese message', () => {
    for (const period of [
      { from: '2026-3-1', to: '2026-03-31' },
      { from: '2026-02-30', to: '2026-03-31' },
      { from: '2026-04-01', to: '2026-03-31' },
    ]) {
      let error: unknown;
      try {
        processingReport(book.entries, period, new ManualClock(AS_OF));
      } catch (e) {
        error = e;
      }
      expect(isAppError(error) && error.code).toBe('VALIDATION');
      expect(isAppError(error) && error.messageVi).toMatch(/Kỳ báo cáo không hợp lệ/);
    }
  });

  it('writes rates the Vietnamese way', () => {
    expect(formatRate(1 / 3)).toBe('33,3%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(null)).toBe('—');
  });
});
