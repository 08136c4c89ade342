// Senders whose remote images load without asking, per account. Main keeps
// the list; 'senders.allowRemote' changes it and always answers with the full
// list. To learn the list without changing it, the hook asks main to revoke
// the empty address (a no-op answered with the list). The list is cached per
// account for the session and shared by every reader of it.
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { invoke } from '../api.ts';

/** accountId → lower-cased addresses; null while the first answer is pending. */
const lists = new Map<string, readonly string[] | null>();
const listeners = new Set<() => void>();

function publish(accountId: string, allowed: readonly string[] | null): void {
  lists.set(accountId, allowed ? allowed.map(normalizeSender) : null);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function normalizeSender(address: string): string {
  return address.trim().toLowerCase();
}

function fetchOnce(accountId: string): void {
  if (lists.has(accountId)) return;
  publish(accountId, null);
  invoke('senders.allowRemote', { accountId, address: '', allow: false }).then(
    ({ allowed }) => publish(accountId, allowed),
    // Unknown list: nothing loads automatically; the buttons still work.
    () => publish(accountId, []),
  );
}

export interface AllowedSenders {
  /** Lower-cased addresses, or null while unknown. */
  allowed: readonly string[] | null;
  setAllowed(address: string, allow: boolean): Promise<void>;
}

/** @param enabled only ask main when the open message has remote images at all. */
export function useAllowedSenders(accountId: string | null, enabled: boolean): AllowedSenders {
  const allowed = useSyncExternalStore(subscribe, () => (accountId ? (lists.get(accountId) ?? null) : null));
  useEffect(() => {
    if (accountId && enabled) fetchOnce(accountId);
  }, [accountId, enabled]);
  const setAllowed = useCallback(
    async (address: string, allow: boolean) => {
      if (!accountId) return;
      const result = await invoke('senders.allowRemote', { accountId, address: normalizeSender(address), allow });
      publish(accountId, result.allowed);
    },
    [accountId],
  );
  return { allowed, setAllowed };
}
