// The notices main pushes ('notices.new'), kept for this window's lifetime: newest first, at most
// MAX_KEPT, each once (main already tells a fact once; a notice id seen again is ignored), with a
// count of unread ones. One subscription for the whole app, started on first use.
import { useSyncExternalStore } from 'react';
import type { Notice } from '../../../shared/contract-notices.ts';
import { onEvent } from '../api.ts';

export const MAX_KEPT = 200;

export interface NoticesState {
  items: readonly Notice[];
  unread: number;
}

let state: NoticesState = { items: [], unread: 0 };
const listeners = new Set<() => void>();
let subscribed = false;

function set(next: NoticesState): void {
  state = next;
  for (const l of listeners) l();
}

/** Adds a batch (newest first in the list); returns the state. Exported for tests. */
export function addNotices(notices: readonly Notice[]): NoticesState {
  const known = new Set(state.items.map((n) => n.id));
  const fresh = notices.filter((n) => !known.has(n.id)).reverse();
  if (fresh.length > 0) {
    set({
      items: [...fresh, ...state.items].slice(0, MAX_KEPT),
      unread: Math.min(MAX_KEPT, state.unread + fresh.length),
    });
  }
  return state;
}

export function markAllRead(): void {
  if (state.unread > 0) set({ ...state, unread: 0 });
}

export function clearNotices(): void {
  set({ items: [], unread: 0 });
}

function subscribe(listener: () => void): () => void {
  if (!subscribed) {
    subscribed = true;
    onEvent('notices.new', ({ notices }) => addNotices(notices));
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useNotices(): NoticesState {
  return useSyncExternalStore(subscribe, () => state);
}
