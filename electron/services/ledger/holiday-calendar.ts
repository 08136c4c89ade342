// Public holidays and working days in Vietnam (Bộ luật Lao động 2019, Điều 112)
// from the data file the IT Centre maintains (resources/holidays/vn.json):
// rules on the solar or lunar calendar, weekend substitution (nghỉ bù, khoản 3),
// and per year the exact days the government announces, which win over rules.
// Pure: days are YYYY-MM-DD strings, arithmetic on UTC day numbers.
import { z } from 'zod';
import { lunarToSolar } from './lunar.ts';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

const ruleSchema = z
  .object({
    name: z.string().min(1),
    calendar: z.enum(['solar', 'lunar']),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    /** Days relative to the date: from -1 to 3 is the day before and the three after. */
    from: z.number().int().min(-10).max(0).default(0),
    to: z.number().int().min(0).max(10).default(0),
  })
  .strict();

const yearSchema = z
  .object({
    /** When given, exactly the days off that year (rules and substitution are not applied). */
    holidays: z.array(isoDay).optional(),
    /** Days off added to what the rules give (e.g. a swapped bridge day). */
    extraHolidays: z.array(isoDay).default([]),
    /** Weekend days worked instead (ngày làm bù). */
    workdays: z.array(isoDay).default([]),
  })
  .strict();

export const holidayFileSchema = z
  .object({
    format: z.literal('unit-mailbox-holidays/1'),
    country: z.string(),
    source: z.string().optional(),
    rules: z.array(ruleSchema),
    substituteWeekend: z.boolean().default(true),
    years: z.record(z.string().regex(/^\d{4}$/), yearSchema).default({}),
  })
  .strict();

export type HolidayFile = z.infer<typeof holidayFileSchema>;

const DAY_MS = 86_400_000;

export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function isoFromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return new Date(dayNumber(iso) * DAY_MS).getUTCDay();
}

const pad = (n: number) => String(n).padStart(2, '0');

export class HolidayCalendar {
  private readonly file: HolidayFile;
  private readonly byYear = new Map<number, { off: Map<string, string>; work: Set<string> }>();

  constructor(file: HolidayFile) {
    this.file = file;
  }

  /** Days off of a year, with their names, sorted. */
  holidays(year: number): Array<{ date: string; name: string }> {
    return [...this.yearData(year).off]
      .map(([date, name]) => ({ date, name }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  isHoliday(iso: string): boolean {
    return this.yearData(Number(iso.slice(0, 4))).off.has(iso);
  }

  isWorkingDay(iso: string): boolean {
    const data = this.yearData(Number(iso.slice(0, 4)));
    if (data.work.has(iso)) return true;
    const wd = weekday(iso);
    return wd !== 0 && wd !== 6 && !data.off.has(iso);
  }

  /**
   * The day `days` working days after `start` (which itself does not count);
   * 0 gives `start` itself (Hỏa tốc: the same day).
   */
  addWorkingDays(start: string, days: number): string {
    let n = dayNumber(start);
    let left = days;
    while (left > 0) {
      n += 1;
      if (this.isWorkingDay(isoFromDayNumber(n))) left -= 1;
    }
    return isoFromDayNumber(n);
  }

  private yearData(year: number): { off: Map<string, string>; work: Set<string> } {
    const cached = this.byYear.get(year);
    if (cached) return cached;
    const announced = this.file.years[String(year)];
    const off = new Map<string, string>();
    if (announced?.holidays) {
      for (const d of announced.holidays) off.set(d, 'Ngày nghỉ theo thông báo');
    } else {
      for (const [d, name] of this.ruleDays(year)) off.set(d, name);
      if (this.file.substituteWeekend) this.substitute(off);
    }
    for (const d of announced?.extraHolidays ?? []) off.set(d, 'Ngày nghỉ theo thông báo');
    const data = { off, work: new Set(announced?.workdays ?? []) };
    this.byYear.set(year, data);
    return data;
  }

  private ruleDays(year: number): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (const rule of this.file.rules) {
      let base: string | null = `${year}-${pad(rule.month)}-${pad(rule.day)}`;
      if (rule.calendar === 'lunar') {
        const s = lunarToSolar({ day: rule.day, month: rule.month, year, leap: false });
        base = s ? `${s.year}-${pad(s.month)}-${pad(s.day)}` : null;
      }
      if (!base) continue;
      for (let k = rule.from; k <= rule.to; k++) {
        const iso = isoFromDayNumber(dayNumber(base) + k);
        if (iso.startsWith(`${year}-`)) out.push([iso, rule.name]);
      }
    }
    return out;
  }

  /** Điều 112 khoản 3: a holiday on a weekend gives the next working day off (nghỉ bù). */
  private substitute(off: Map<string, string>): void {
    const weekendOnes = [...off.keys()].filter((d) => weekday(d) === 0 || weekday(d) === 6).sort();
    for (const d of weekendOnes) {
      let n = dayNumber(d);
      for (;;) {
        n += 1;
        const iso = isoFromDayNumber(n);
        const wd = weekday(iso);
        if (wd !== 0 && wd !== 6 && !off.has(iso)) {
          off.set(iso, `Nghỉ bù ${off.get(d) ?? ''}`.trim());
          break;
        }
      }
    }
  }
}
