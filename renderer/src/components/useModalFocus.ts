// Focus for the overlay windows built on a <div role="dialog"> (settings,
// delegation, adding a mailbox): what a native modal <dialog> does by itself.
// On opening, the focus moves to the window itself, so a screen reader reads
// its title first and the next Tab reaches its first control; Tab and
// Shift+Tab go round inside it; Esc closes it; on closing, the focus goes back
// to the control that opened it. A native <dialog> (a confirmation opened from
// the window, or the handover window) keeps its own keys.
import { useEffect, useEffectEvent, type RefObject } from 'react';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'summary',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** The elements Tab stops at inside `root`, in document order (hidden ones left out). */
export function tabStops(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && el.getClientRects().length > 0 && !el.closest('[hidden], [inert]'),
  );
}

interface TabKey {
  key: string;
  shiftKey: boolean;
  target: EventTarget | null;
  preventDefault(): void;
}

/**
 * Keeps Tab and Shift+Tab inside a window: from its last stop round to its
 * first and back. A modal <dialog> makes the page behind it inert but lets Tab
 * leave for the browser's own controls (or nowhere, in Electron); this closes
 * that gap. Keys from a window opened inside this one are left to it.
 */
export function keepTabInside(root: HTMLElement, e: TabKey): void {
  if (e.key !== 'Tab') return;
  if (e.target instanceof Element && e.target.closest('dialog, [role="dialog"]') !== root) return;
  const stops = tabStops(root);
  const first = stops[0];
  const last = stops[stops.length - 1];
  const active = document.activeElement;
  if (!first || !last) {
    e.preventDefault();
    return;
  }
  if (e.shiftKey && (active === first || active === root || !root.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !root.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}

/** Inside a native <dialog>: that dialog handles its own keys. */
const inNativeDialog = (target: EventTarget | null) => target instanceof Element && target.closest('dialog') !== null;

export function useModalFocus(ref: RefObject<HTMLElement | null>, onClose: () => void): void {
  const close = useEffectEvent(onClose);

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!root.hasAttribute('tabindex')) root.tabIndex = -1;
    if (!root.contains(document.activeElement)) root.focus();

    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || inNativeDialog(e.target)) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        close();
        return;
      }
      // From outside the window (the backdrop was clicked), Tab comes back into it.
      if (!root.contains(e.target as Node)) {
        if (e.key === 'Tab') {
          e.preventDefault();
          (tabStops(root)[0] ?? root).focus();
        }
        return;
      }
      keepTabInside(root, e);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      // Back to the opener when it is still there (a removed account takes its screen with it).
      if (opener?.isConnected) opener.focus();
    };
  }, [ref]);
}
