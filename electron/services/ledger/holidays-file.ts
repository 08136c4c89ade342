// Reads the holiday data file (resources/holidays/vn.json, or the copy the IT
// Centre deploys) and checks it before any deadline depends on it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { HolidayCalendar, holidayFileSchema } from './holiday-calendar.ts';

export function holidayFilePath(resourcesDir: string, country = 'vn'): string {
  return join(resourcesDir, 'holidays', `${country}.json`);
}

export function parseHolidayFile(text: string, origin: string): HolidayCalendar {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw invalid(origin, `not JSON: ${(e as Error).message}`);
  }
  const parsed = holidayFileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw invalid(origin, `${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}`);
  }
  return new HolidayCalendar(parsed.data);
}

export async function loadHolidayCalendar(path: string): Promise<HolidayCalendar> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new AppError('HOLIDAYS_INVALID', `cannot read ${path}: ${(e as Error).message}`, {
      messageVi: `Không đọc được tệp ngày nghỉ lễ "${path}". Hãy báo Trung tâm CNTT.`,
      cause: e,
    });
  }
  return parseHolidayFile(text, path);
}

/**
 * The calendar of the file at `path`, read once: the first good read is kept for every later
 * call (the deadlines of a session follow one calendar); a failed read is tried again next call.
 */
export function holidayLoader(path: string): () => Promise<HolidayCalendar> {
  let kept: Promise<HolidayCalendar> | null = null;
  return () => {
    if (kept) return kept;
    const reading = loadHolidayCalendar(path);
    kept = reading;
    reading.catch(() => {
      if (kept === reading) kept = null;
    });
    return reading;
  };
}

function invalid(origin: string, detail: string): AppError {
  return new AppError('HOLIDAYS_INVALID', `holiday file ${origin} is invalid: ${detail}`, {
    messageVi: `Tệp ngày nghỉ lễ "${origin}" không hợp lệ (${detail}). Hãy báo Trung tâm CNTT.`,
  });
}
