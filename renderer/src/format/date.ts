// Dates in the UI language's conventions (vi-VN: dd/MM/yyyy, 24-hour clock).
// Intl formatters are costly to build and the message list formats dates
// while scrolling, so they are built once per locale and form.

function parse(iso: string | null): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, form: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${form}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hour12: false };
const DAY: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };

/** Compact form for the message list: time today, the date otherwise. */
export function formatListDate(iso: string | null, locale: string, now = new Date()): string {
  const date = parse(iso);
  if (!date) return '';
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay ? formatter(locale, 'time', TIME).format(date) : formatter(locale, 'day', DAY).format(date);
}

/** "08:31" — for "Đã đồng bộ lúc 08:31". */
export function formatTime(at: Date | number, locale: string): string {
  return formatter(locale, 'time', TIME).format(at);
}

/** Full form for the reading pane. */
export function formatFullDate(iso: string | null, locale: string): string {
  const date = parse(iso);
  if (!date) return '';
  return formatter(locale, 'full', {
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

/** Sort key for "newest first"; undated messages sink to the bottom. */
export function dateValue(iso: string | null): number {
  return parse(iso)?.getTime() ?? Number.NEGATIVE_INFINITY;
}
