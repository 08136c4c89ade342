// Hands the focus to the message list once it is on screen. After a change of
// view (clearing a search) the list may first give way to "Đang tải…" and come
// back as a new element: focusing it at once would focus the old one, which
// then goes, leaving the focus on the page's body (lost for a keyboard user).
import type { RefObject } from 'react';
import type { VirtualListHandle } from './VirtualList.tsx';

/**
 * From the next frame on, focuses the list as soon as it is there, provided the focus has not
 * moved since the call — to anything, `from` included: the user may have gone straight back to
 * the element they left (Esc in the search box, then Ctrl+F), and the list must not take the
 * focus from them. A focus that merely fell to the page's body does not count. Gives up after
 * `frames` frames, leaving the focus where it is.
 */
export function focusWhenShown(list: RefObject<VirtualListHandle | null>, from: Element | null, frames = 180): void {
  let left = frames;
  let moved = false;
  const onFocusIn = () => {
    moved = true;
  };
  document.addEventListener('focusin', onFocusIn, true);
  const stop = () => document.removeEventListener('focusin', onFocusIn, true);
  const attempt = () => {
    const active = document.activeElement;
    if (moved || (active !== from && active !== document.body && active !== null)) return stop();
    if (list.current?.element()?.isConnected) {
      stop();
      list.current.focus();
      return;
    }
    left -= 1;
    if (left > 0) requestAnimationFrame(attempt);
    else stop();
  };
  requestAnimationFrame(attempt);
}
