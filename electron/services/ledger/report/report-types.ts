// Inputs shared by every ledger report: the period (calendar days in Vietnam,
// inclusive, matched against ngày đến), the unit printed in the heading, and the
// rendering options. Validation throws AppError('VALIDATION') with a Vietnamese message.
import { AppError } from '../../errors/app-error.ts';
import type { Clock } from '../../clock/clock.ts';

export interface ReportPeriod {
  /** First day, YYYY-MM-DD (Vietnam). */
  from: string;
  /** Last day, YYYY-MM-DD (Vietnam), inclusive. */
  to: string;
}

export interface ReportUnit {
  /** The unit that keeps the book, e.g. "Văn phòng UBND tỉnh Bình Phước". */
  name: string;
  /** The body above it (cơ quan chủ quản), printed above the unit's name when given. */
  parent?: string;
  /** The unit mailbox address, printed under the heading and in the file's metadata. */
  mailbox?: string;
}

export interface RenderPdfOptions {
  /** Directory holding NotoSerif-Regular.ttf, NotoSerif-Bold.ttf and NotoSerif-Italic.ttf (resources/fonts). */
  fontsDir: string;
  /** "Lập lúc …" in the footer note and the file's creation date. */
  clock: Clock;
}

export interface RenderXlsxOptions {
  /** The workbook's creation date. */
  clock: Clock;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The period, checked: two real days, from ≤ to. */
export function checkPeriod(period: ReportPeriod): ReportPeriod {
  if (!validDay(period.from) || !validDay(period.to)) {
    throw new AppError('VALIDATION', `report period is not YYYY-MM-DD: ${period.from} – ${period.to}`, {
      messageVi: `Kỳ báo cáo không hợp lệ (${period.from} – ${period.to}); ngày phải viết dạng YYYY-MM-DD.`,
    });
  }
  if (period.from > period.to) {
    throw new AppError('VALIDATION', `report period starts after it ends: ${period.from} > ${period.to}`, {
      messageVi: `Kỳ báo cáo không hợp lệ: ngày bắt đầu ${dmy(period.from)} sau ngày kết thúc ${dmy(period.to)}.`,
    });
  }
  return period;
}

/** "05/03/2026" from "2026-03-05"; '' for null. */
export function dmy(day: string | null): string {
  if (!day) return '';
  const m = DAY.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/** A day as a spreadsheet date: midnight UTC, so no time zone moves it to the day before. */
export function dayAsDate(day: string | null): Date | null {
  return day && validDay(day) ? new Date(`${day}T00:00:00Z`) : null;
}

/** "Năm 2026" or "Năm 2025 – 2026". */
export function yearLabel(period: ReportPeriod): string {
  const a = period.from.slice(0, 4);
  const b = period.to.slice(0, 4);
  return a === b ? `Năm ${a}` : `Năm ${a} – ${b}`;
}

/** "Từ ngày 01/03/2026 đến ngày 31/03/2026". */
export function periodLabel(period: ReportPeriod): string {
  return `Từ ngày ${dmy(period.from)} đến ngày ${dmy(period.to)}`;
}

/** Whole calendar days from `a` to `b` (YYYY-MM-DD), negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
