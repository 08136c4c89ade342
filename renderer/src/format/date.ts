// Dates in the UI language's conventions (vi-VN: dd/MM/yyyy, 24-hour clock).

function parse(iso: string | null): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Compact form for the message list: time today, the date otherwise. */
export function formatListDate(iso: string | null, locale: string, now = new Date()): string {
  const date = parse(iso);
  if (!date) return '';
  const sameDay = date.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(
    locale,
    sameDay
      ? { hour: '2-digit', minute: '2-digit', hour12: false }
      : { day: '2-digit', month: '2-digit', year: 'numeric' },
  ).format(date);
}

/** Full form for the reading pane. */
export function formatFullDate(iso: string | null, locale: string): string {
  const date = parse(iso);
  if (!date) return '';
  return new Intl.DateTimeFormat(locale, {
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
