// Human-readable sizes with the locale's decimal separator ("1,5 MB" in vi).
const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, digits: number): Intl.NumberFormat {
  const key = `${locale}|${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
    formatters.set(key, f);
  }
  return f;
}

export function formatSize(bytes: number, locale: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${numberFormat(locale, digits).format(value)} ${UNITS[unit] ?? 'B'}`;
}

/** Whole numbers with the locale's grouping: 12.500 in vi, 12,500 in en. */
export function formatCount(n: number, locale: string): string {
  return numberFormat(locale, 0).format(n);
}
