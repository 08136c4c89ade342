import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import type { AppError } from '../../electron/services/errors/app-error.ts';
import { defaultDeadline } from '../../electron/services/ledger/deadline-rules.ts';
import { holidayLoader, parseHolidayFile } from '../../electron/services/ledger/holidays-file.ts';
import { LedgerService, type LedgerDeps } from '../../electron/services/ledger/ledger-service.ts';
import { jdFromDate, jdToDate, lunarToSolar, solarToLunar } from '../../electron/services/ledger/lunar.ts';
import { isOverdue } from '../../shared/ledger.ts';
import { tempDir } from '../support/temp-dir.ts';

const iso = (s: { day: number; month: number; year: number } | null) =>
  s ? `${s.year}-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}` : null;
const tet = (year: number) => iso(lunarToSolar({ day: 1, month: 1, year, leap: false }));
const gioTo = (year: number) => iso(lunarToSolar({ day: 10, month: 3, year, leap: false }));
const vnFile = readFileSync(new URL('../../resources/holidays/vn.json', import.meta.url), 'utf8');
const calendar = () => parseHolidayFile(vnFile, 'vn.json');

describe('Vietnamese lunar calendar (Hồ Ngọc Đức, UTC+7)', () => {
  it('gives the known Tết dates', () => {
    expect(tet(2024)).toBe('2024-02-10');
    expect(tet(2025)).toBe('2025-01-29');
    expect(tet(2026)).toBe('2026-02-17');
    expect(tet(2027)).toBe('2027-02-06');
    expect(tet(2028)).toBe('2028-01-26');
    expect(tet(2029)).toBe('2029-02-13');
    // The new moon is at 23:07 on 2 Feb in Vietnam (00:07 on 3 Feb in China, UTC+8): Vietnam's
    // Tết Canh Tuất is one day before China's Spring Festival (2030-02-03).
    expect(tet(2030)).toBe('2030-02-02');
    // The other famous divergence: 2007 (Vietnam 17 Feb, China 18 Feb).
    expect(tet(2007)).toBe('2007-02-17');
  });

  it('gives Giỗ Tổ Hùng Vương (10/3 âm lịch)', () => {
    expect(gioTo(2024)).toBe('2024-04-18');
    expect(gioTo(2025)).toBe('2025-04-07');
    expect(gioTo(2026)).toBe('2026-04-26');
    expect(gioTo(2027)).toBe('2027-04-16');
  });

  it('knows leap months (2023: tháng 2 nhuận; 2025: tháng 6 nhuận) and refuses one that does not exist', () => {
    expect(iso(lunarToSolar({ day: 1, month: 2, year: 2023, leap: true }))).toBe('2023-03-22');
    expect(iso(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true }))).toBe('2025-07-25');
    expect(solarToLunar(25, 7, 2025)).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(lunarToSolar({ day: 1, month: 5, year: 2026, leap: true })).toBeNull();
  });

  it('round-trips every day of 2020–2031', () => {
    for (let jd = jdFromDate(1, 1, 2020); jd <= jdFromDate(31, 12, 2031); jd++) {
      const s = jdToDate(jd);
      const back = lunarToSolar(solarToLunar(s.day, s.month, s.year));
      expect(back).toEqual(s);
    }
  });
});

describe('holidays and working days (vn.json)', () => {
  it('derives the Điều 112 days of 2026 with nghỉ bù', () => {
    expect(
      calendar()
        .holidays(2026)
        .map((h) => h.date),
    ).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-27', // Giỗ Tổ on a Sunday: Monday off
      '2026-04-30',
      '2026-05-01',
      '2026-09-02',
      '2026-09-03',
    ]);
  });

  it('counts working days across a weekend and across Tết', () => {
    const c = calendar();
    expect(c.addWorkingDays('2026-01-09', 1)).toBe('2026-01-12'); // Friday → Monday
    expect(c.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24'); // Tết week skipped
    expect(c.addWorkingDays('2026-02-13', 7)).toBe('2026-03-03');
    expect(c.addWorkingDays('2026-02-14', 0)).toBe('2026-02-14'); // Hỏa tốc: the same day
    const friday = new Date('2026-02-13T02:00:00Z');
    expect(defaultDeadline('hoa-toc', friday, c)).toBe('2026-02-13');
    expect(defaultDeadline('thuong-khan', friday, c)).toBe('2026-02-23');
    expect(defaultDeadline('khan', friday, c)).toBe('2026-02-24');
    expect(defaultDeadline('thuong', friday, c)).toBe('2026-03-03');
    // 23:30 UTC on Thursday is already Friday in Vietnam.
    expect(defaultDeadline('hoa-toc', new Date('2026-02-12T23:30:00Z'), c)).toBe('2026-02-13');
  });

  it('takes the days the government announces, and make-up working Saturdays', () => {
    const file = JSON.parse(vnFile) as { years: Record<string, unknown> };
    file.years['2027'] = {
      holidays: ['2027-01-01', '2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
      workdays: ['2027-01-30'],
    };
    const c = parseHolidayFile(JSON.stringify(file), 'test');
    expect(c.isHoliday('2027-02-04')).toBe(true);
    expect(c.isHoliday('2027-02-12')).toBe(false);
    expect(c.isWorkingDay('2027-01-30')).toBe(true);
    expect(c.addWorkingDays('2027-02-03', 1)).toBe('2027-02-12');
  });

  it('refuses an invalid file with a typed error', () => {
    const bad = (text: string) => {
      try {
        parseHolidayFile(text, 'vn.json');
        return null;
      } catch (e) {
        return e as AppError;
      }
    };
    expect(bad('{')?.code).toBe('HOLIDAYS_INVALID');
    const wrong = bad(vnFile.replace('"month": 4', '"month": 13'));
    expect(wrong?.code).toBe('HOLIDAYS_INVALID');
    expect(wrong?.messageVi).toContain('Trung tâm CNTT');
  });

  it('is overdue only after the deadline day ends in Vietnam, and never when done', () => {
    const e = { status: 'da-giao' as const, deadline: '2026-02-24' };
    expect(isOverdue(e, new Date('2026-02-24T16:59:59Z'))).toBe(false);
    expect(isOverdue(e, new Date('2026-02-24T17:00:00Z'))).toBe(true);
    expect(isOverdue({ ...e, status: 'da-xu-ly' }, new Date('2026-03-24T00:00:00Z'))).toBe(false);
  });
});

describe('the holiday file, read once', () => {
  it('keeps the first good read: a later change or removal of the file is not read again', async () => {
    const tmp = tempDir('um-holidays-');
    try {
      const path = join(tmp.dir, 'vn.json');
      writeFileSync(path, vnFile);
      const holidays = holidayLoader(path);
      const first = await holidays();
      rmSync(path);
      expect(await holidays()).toBe(first);
      expect((await holidays()).isHoliday('2026-02-17')).toBe(true);
    } finally {
      tmp.cleanup();
    }
  });

  it('tries a failed read again: the file deployed afterwards is taken', async () => {
    const tmp = tempDir('um-holidays-');
    try {
      const path = join(tmp.dir, 'vn.json');
      const holidays = holidayLoader(path);
      await expect(holidays()).rejects.toMatchObject({ code: 'HOLIDAYS_INVALID' });
      writeFileSync(path, vnFile);
      expect((await holidays()).isHoliday('2026-02-17')).toBe(true);
    } finally {
      tmp.cleanup();
    }
  });

  it("gives the service's default deadlines from its loader and the unit's rules", async () => {
    let reads = 0;
    const deps = {
      clock: new ManualClock('2026-02-13T02:00:00Z'),
      holidays: async () => (reads++, calendar()),
      rules: () => ({ 'hoa-toc': 0, 'thuong-khan': 1, khan: 3, thuong: 7 }),
    } as unknown as LedgerDeps;
    const deadlineOf = await new LedgerService(deps).defaultDeadlines();
    expect(deadlineOf('khan')).toBe('2026-02-25'); // Friday before Tết + 3 working days
    expect(deadlineOf('thuong')).toBe('2026-03-03');
    expect(reads).toBe(1);
  });
});
