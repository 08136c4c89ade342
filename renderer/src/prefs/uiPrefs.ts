// Interface preferences that only concern this window's way of showing mail
// (not synced, not secret): kept in component state and mirrored to
// localStorage under "um.prefs" so they survive a restart. Anything unreadable
// falls back to the defaults.
import { useCallback, useState } from 'react';
import type { SortKey } from '../../../shared/mail.ts';

export interface UiPrefs {
  /** Off by default: opening a message never marks it read by itself. */
  autoMarkRead: boolean;
  autoMarkReadSeconds: number;
  conversations: boolean;
  sort: SortKey;
  descending: boolean;
}

export const PREFS_KEY = 'um.prefs';

export const DEFAULT_PREFS: UiPrefs = {
  autoMarkRead: false,
  autoMarkReadSeconds: 5,
  conversations: false,
  sort: 'date',
  descending: true,
};

const SORTS: readonly SortKey[] = ['date', 'from', 'subject'];

export function clampSeconds(n: number): number {
  return Number.isFinite(n) ? Math.min(600, Math.max(1, Math.round(n))) : DEFAULT_PREFS.autoMarkReadSeconds;
}

export function loadPrefs(): UiPrefs {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(PREFS_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return DEFAULT_PREFS;
    const r = raw as Record<string, unknown>;
    return {
      autoMarkRead: typeof r.autoMarkRead === 'boolean' ? r.autoMarkRead : DEFAULT_PREFS.autoMarkRead,
      autoMarkReadSeconds:
        typeof r.autoMarkReadSeconds === 'number'
          ? clampSeconds(r.autoMarkReadSeconds)
          : DEFAULT_PREFS.autoMarkReadSeconds,
      conversations: typeof r.conversations === 'boolean' ? r.conversations : DEFAULT_PREFS.conversations,
      sort: SORTS.includes(r.sort as SortKey) ? (r.sort as SortKey) : DEFAULT_PREFS.sort,
      descending: typeof r.descending === 'boolean' ? r.descending : DEFAULT_PREFS.descending,
    };
  } catch {
    return DEFAULT_PREFS;
  }
}

export function useUiPrefs(): [UiPrefs, (patch: Partial<UiPrefs>) => void] {
  const [prefs, setPrefs] = useState<UiPrefs>(loadPrefs);
  const update = useCallback((patch: Partial<UiPrefs>) => {
    setPrefs((current) => {
      const next = { ...current, ...patch };
      try {
        localStorage.setItem(PREFS_KEY, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the preference still applies for this session.
      }
      return next;
    });
  }, []);
  return [prefs, update];
}
