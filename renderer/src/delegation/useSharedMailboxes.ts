// The delegate's side for the mail view: which unit mailboxes are shared with
// this account and with which rights (delegation.shared: NAMESPACE, LIST,
// MYRIGHTS on the server). Asked again when the user opens one of them, when
// an action was refused, when a sync changed the folder list, when the window
// regains focus and, while something is shared, every minute: a revocation
// shows as such instead of as a list that silently stops working.
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState, type RefObject } from 'react';
import type { FolderInfo } from '../../../shared/mail.ts';
import { invoke, onEvent, toUiError, type UiError } from '../api.ts';
import {
  labelFolders,
  mergeUnits,
  moveTargets,
  permitsFor,
  personalFolders,
  uncachedFolders,
  unitOf,
  type Permits,
  type UnitMailbox,
} from './sharedFolders.ts';

export const SHARED_REFRESH_MS = 60_000;

export interface SharedMailboxes {
  /** Unit mailboxes seen in this session; `lost` once the server no longer shares them. */
  units: UnitMailbox[];
  error: UiError | null;
  /** Every cached folder, those of unit mailboxes labelled like the unit's own. */
  folders: FolderInfo[];
  /** The account's own folders. */
  personal: FolderInfo[];
  unitOf(path: string | null): UnitMailbox | null;
  permits(path: string | null): Permits;
  moveTargets(source: string | null): FolderInfo[];
  refresh(): void;
  /**
   * Counts the times the cache fell behind the server: a unit mailbox offers folders the cache
   * lacks (granted since the last sync) or was lost. The mail view syncs when it changes.
   */
  stale: number;
}

/**
 * When to ask the server again: every minute while something is shared (one
 * IMAP login; it is how a revocation shows), when the window regains focus,
 * on delegation.changed, and when a sync changed the folder list (a grant or
 * revocation may be why).
 */
function useAskingAgain(refresh: () => void, seen: RefObject<UnitMailbox[]>, cached: readonly FolderInfo[]): void {
  useEffect(() => {
    const timer = setInterval(() => {
      if (seen.current.length > 0) refresh();
    }, SHARED_REFRESH_MS);
    window.addEventListener('focus', refresh);
    const off = onEvent('delegation.changed', refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', refresh);
      off();
    };
  }, [refresh, seen]);

  const folderKey = useMemo(() => cached.map((f) => f.path).join('\n'), [cached]);
  const firstKey = useRef(folderKey);
  useEffect(() => {
    if (folderKey !== firstKey.current) refresh();
  }, [folderKey, refresh]);
}

/**
 * A grant made since the last sync: its folders are not in the cache yet, so
 * the cache is stale. Folders a sync was asked for are asked again only after
 * a while if they are still missing.
 */
function useMissingFolders(cached: readonly FolderInfo[], units: UnitMailbox[], onStale: () => void): void {
  const requested = useRef(new Map<string, number>());
  const stale = useEffectEvent(onStale);
  useEffect(() => {
    const now = Date.now();
    const missing = uncachedFolders(cached, units).filter(
      (p) => now - (requested.current.get(p) ?? 0) > SHARED_REFRESH_MS,
    );
    if (missing.length === 0) return;
    for (const p of missing) requested.current.set(p, now);
    stale();
  }, [cached, units]);
}

export function useSharedMailboxes(opts: {
  accountId: string;
  /** The account's cached folders (cache.folders). */
  cached: readonly FolderInfo[];
}): SharedMailboxes {
  const { accountId, cached } = opts;
  const [units, setUnits] = useState<UnitMailbox[]>([]);
  const [error, setError] = useState<UiError | null>(null);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const seen = useRef<UnitMailbox[]>([]);
  const [stale, setStale] = useState(0);

  useEffect(() => {
    const ticket = ++latest.current;
    invoke('delegation.shared', { accountId }).then(
      (mailboxes) => {
        if (ticket !== latest.current) return;
        setError(null);
        const previous = seen.current;
        const next = mergeUnits(previous, mailboxes);
        seen.current = next;
        setUnits(next);
        // A unit that just went away: a sync drops its folders from the local cache.
        if (next.some((u) => u.lost && !previous.find((p) => p.prefix === u.prefix)?.lost)) setStale((n) => n + 1);
      },
      (e: unknown) => {
        if (ticket === latest.current) setError(toUiError(e));
      },
    );
  }, [accountId, tick]);

  const refresh = useCallback(() => setTick((t) => t + 1), []);
  useAskingAgain(refresh, seen, cached);
  useMissingFolders(cached, units, () => setStale((n) => n + 1));

  const folders = useMemo(() => labelFolders(cached, units), [cached, units]);
  const personal = useMemo(() => personalFolders(folders, units), [folders, units]);
  return useMemo<SharedMailboxes>(
    () => ({
      units,
      error,
      folders,
      personal,
      unitOf: (path) => unitOf(path, units),
      permits: (path) => permitsFor(path, units, folders),
      moveTargets: (source) => moveTargets(folders, units, source),
      refresh,
      stale,
    }),
    [units, error, folders, personal, refresh, stale],
  );
}
