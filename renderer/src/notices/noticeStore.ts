// The app's notices: those main kept (notices.list: they outlive a restart) and those it pushes
// ('notices.new'), newest first, at most KEPT_NOTICES, each once (main tells a fact once; a notice id
// seen again is ignored), with a count of unread ones. Opening the list and emptying it are told
// to main, which keeps the state. One subscription for the whole app, started on first use.
import { useSyncExternalStore } from 'react';
import { KEPT_NOTICES, type Notice, type NoticeList } from '../../../shared/contract-notices.ts';
import { invoke, onEvent } from '../api.ts';

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

/** Adds a batch pushed by main (newest first in the list). */
function addNotices(notices: readonly Notice[]): void {
  const known = new Set(state.items.map((n) => n.id));
  const fresh = notices.filter((n) => !known.has(n.id)).reverse();
  if (fresh.length > 0) {
    set({
      items: [...fresh, ...state.items].slice(0, KEPT_NOTICES),
      unread: Math.min(KEPT_NOTICES, state.unread + fresh.length),
    });
  }
}

/**
 * Merges what main kept (read at start) with what arrived meanwhile: a pushed notice is kept by
 * main before it is sent, so only those pushed after main read its list are added to it.
 */
function loadNotices(kept: NoticeList): void {
  const known = new Set(kept.items.map((n) => n.id));
  const newer = state.items.filter((n) => !known.has(n.id));
  set({
    items: [...newer, ...kept.items].slice(0, KEPT_NOTICES),
    unread: Math.min(KEPT_NOTICES, kept.unread + newer.length),
  });
}

/** Failing to tell main only costs the state after a restart: the list here is right. */
const tellMain = (call: Promise<unknown>) => void call.catch(() => undefined);

export function markAllRead(): void {
  if (state.unread === 0) return;
  set({ ...state, unread: 0 });
  tellMain(invoke('notices.markRead', {}));
}

export function clearNotices(): void {
  set({ items: [], unread: 0 });
  tellMain(invoke('notices.clear', {}));
}

function subscribe(listener: () => void): () => void {
  if (!subscribed) {
    subscribed = true;
    onEvent('notices.new', ({ notices }) => addNotices(notices));
    tellMain(invoke('notices.list', {}).then(loadNotices));
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useNotices(): NoticesState {
  return useSyncExternalStore(subscribe, () => state);
}
