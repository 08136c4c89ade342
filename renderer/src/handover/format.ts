// Formatting shared by the handover screens.
import type { TFunction } from 'i18next';
import { formatCount, formatSize } from '../format/size.ts';
import { localeOf } from '../i18n/index.ts';
import { formatEta } from '../main/SyncStatusBar.tsx';

export interface Formatters {
  locale: string;
  count(n: number): string;
  size(bytes: number): string;
  /** dd/MM/yyyy HH:mm in vi, the locale's form in en. */
  dateTime(iso: string | null): string;
  date(iso: string | null): string;
  eta(seconds: number): string;
  duration(ms: number): string;
}

export function formatters(language: string, t: TFunction): Formatters {
  const locale = localeOf(language);
  const dt = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  const d = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' });
  const valid = (iso: string | null): Date | null => {
    if (!iso) return null;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? null : date;
  };
  return {
    locale,
    count: (n) => formatCount(n, locale),
    size: (bytes) => formatSize(bytes, locale),
    dateTime: (iso) => {
      const date = valid(iso);
      return date ? dt.format(date) : '—';
    },
    date: (iso) => {
      const date = valid(iso);
      return date ? d.format(date) : '—';
    },
    eta: (seconds) => formatEta(seconds * 1000, t, locale),
    duration: (ms) => formatEta(Math.max(1000, ms), t, locale),
  };
}
