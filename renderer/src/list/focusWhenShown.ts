// Hands the focus to the message list once it is on screen. After a change of
// view (clearing a search) the list may first give way to "Đang tải…" and come
// back as a new element: focusing it at once would focus the old one, which
// then goes, leaving the focus on the page's body (lost for a keyboard user).
import type { RefObject } from 'react';
import type { VirtualListHandle } from './VirtualList.tsx';

/**
 * From the next frame on, focuses the list as soon as it is there, provided
 * the focus has not moved elsewhere since (`from`, or nowhere); gives up after
 * `frames` frames, leaving the focus where it is.
 */
export function focusWhenShown(list: RefObject<VirtualListHandle | null>, from: Element | null, frames = 180): void {
  let left = frames;
  const attempt = () => {
    const active = document.activeElement;
    if (active !== from && active !== document.body && active !== null) return;
    if (list.current?.element()?.isConnected) {
      list.current.focus();
      return;
    }
    left -= 1;
    if (left > 0) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
