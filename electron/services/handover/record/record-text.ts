// Vietnamese wording helpers shared by the PDF record and the verification guide.
// Everything is pure and independent of the machine's time zone and locale, so the
// same record renders the same text on any computer.

/** Vietnam has kept UTC+7 all year since 1975 (no daylight saving), so a fixed offset is exact. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

export interface VnDateParts {
  day: number;
  month: number;
  year: number;
  hour: number;
  minute: number;
  second: number;
}

/** Calendar parts of an instant in Vietnam time; null for an unparseable date. */
export function vnDateParts(value: string | Date): VnDateParts | null {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms + VIETNAM_OFFSET_MS);
  return {
    day: d.getUTCDate(),
    month: d.getUTCMonth() + 1,
    year: d.getUTCFullYear(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

const UNKNOWN = 'không rõ';

/**
 * "ngày 05 tháng 3 năm 2026". NĐ 30/2020/NĐ-CP (Phụ lục I) writes a leading zero for
 * days below 10 and for months 1 and 2 only, so that nothing can be added in front later.
 */
export function formatVnLongDate(value: string | Date): string {
  const p = vnDateParts(value);
  if (!p) return UNKNOWN;
  const month = p.month <= 2 ? pad2(p.month) : String(p.month);
  return `ngày ${pad2(p.day)} tháng ${month} năm ${p.year}`;
}

/** "28/11/2026" in Vietnam time. */
export function formatVnShortDate(value: string | Date | null): string {
  if (value === null) return '—';
  const p = vnDateParts(value);
  if (!p) return UNKNOWN;
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** "08:15:02 ngày 28/11/2026" in Vietnam time. */
export function formatVnDateTime(value: string | Date): string {
  const p = vnDateParts(value);
  if (!p) return UNKNOWN;
  return `${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)} ngày ${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** "09 giờ 30" in Vietnam time, the usual wording of a record's opening line. */
export function formatVnClock(value: string | Date): string {
  const p = vnDateParts(value);
  if (!p) return UNKNOWN;
  return `${pad2(p.hour)} giờ ${pad2(p.minute)}`;
}

/** "12.345": Vietnamese groups thousands with a dot. */
export function formatInteger(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 1 MiB = 1.048.576 byte: every size in the record is in this one binary unit. */
export const MIB = 1024 * 1024;

/**
 * "12,35 MiB": every size in one unit (mebibyte, binary) with two decimals and the Vietnamese
 * decimal comma, so the sizes of a record can be compared and added up by eye. A size that is
 * not zero but rounds to 0,00 reads "< 0,01 MiB", never a false zero.
 */
export function formatMiB(bytes: number): string {
  if (!Number.isFinite(bytes)) return UNKNOWN;
  const hundredths = Math.round((bytes / MIB) * 100);
  if (hundredths === 0 && bytes > 0) return '< 0,01 MiB';
  const whole = Math.trunc(hundredths / 100);
  const fraction = String(Math.abs(hundredths % 100)).padStart(2, '0');
  return `${formatInteger(whole)},${fraction} MiB`;
}

/** "1,20 MiB (1.258.291 byte)": the one unit for reading, the exact count for checking. */
export function formatBytesExact(bytes: number): string {
  return `${formatMiB(bytes)} (${formatInteger(bytes)} byte)`;
}

/**
 * Splits an openssl fingerprint ("AA:BB:…", 32 bytes) into lines of `bytesPerLine` bytes,
 * always at a colon, so a reader can compare it group by group over the phone.
 */
export function splitFingerprint(fingerprint: string, bytesPerLine = 16): string[] {
  const bytes = fingerprint.trim().toUpperCase().split(':');
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += bytesPerLine) lines.push(bytes.slice(i, i + bytesPerLine).join(':'));
  return lines;
}

/** Splits a hex digest into two halves, for lines too narrow to hold 64 characters. */
export function splitHex(hex: string, parts = 2): string[] {
  const size = Math.ceil(hex.length / parts);
  const out: string[] = [];
  for (let i = 0; i < hex.length; i += size) out.push(hex.slice(i, i + size));
  return out;
}

const SPECIAL_USE_VI: Record<string, string> = {
  '\\Inbox': 'hộp thư đến',
  '\\Sent': 'thư đã gửi',
  '\\Drafts': 'thư nháp',
  '\\Trash': 'thùng rác',
  '\\Junk': 'thư rác',
  '\\Archive': 'lưu trữ',
  '\\All': 'tất cả thư',
  '\\Flagged': 'thư gắn cờ',
  '\\Important': 'thư quan trọng',
};

/** Vietnamese name of an IMAP special-use attribute; unknown ones are shown as they are. */
export function specialUseLabel(specialUse: string | null): string | null {
  if (!specialUse) return null;
  return SPECIAL_USE_VI[specialUse] ?? specialUse;
}

/** NFC, the form Vietnamese text must have to compare and extract reliably. */
export const nfc = (s: string): string => s.normalize('NFC');
