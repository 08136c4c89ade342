// Default deadlines by urgency, from the unit's rules (quy chế sử dụng):
// working days after the day of assignment, in Vietnam.
import { URGENCIES, vietnamDate, type Urgency } from '../../../shared/ledger.ts';
import type { HolidayCalendar } from './holiday-calendar.ts';

export type DeadlineRules = Record<Urgency, number>;

/** Hỏa tốc the same day, Thượng khẩn 1 working day, Khẩn 2, Thường 7. */
export const DEFAULT_DEADLINE_RULES: DeadlineRules = { 'hoa-toc': 0, 'thuong-khan': 1, khan: 2, thuong: 7 };

export function checkDeadlineRules(rules: DeadlineRules): DeadlineRules {
  for (const u of URGENCIES) {
    const n = rules[u];
    if (!Number.isInteger(n) || n < 0 || n > 365) throw new RangeError(`deadline rule for ${u} must be 0..365 days`);
  }
  return rules;
}

/** The default deadline (YYYY-MM-DD) of an entry assigned at `at`. */
export function defaultDeadline(
  urgency: Urgency,
  at: Date,
  calendar: HolidayCalendar,
  rules: DeadlineRules = DEFAULT_DEADLINE_RULES,
): string {
  return calendar.addWorkingDays(vietnamDate(at), rules[urgency]);
}
