// Brings a result or progress panel into view when it appears: long forms
// put it below the fold, where the user would not see that anything happened.
// If the focus was lost on the way (its button went), the panel takes it.
// Only the handover window's own scroll area moves: Element.scrollIntoView
// would also scroll the dialog box and the mail view behind it.
import { useEffect, useRef } from 'react';

type Block = 'start' | 'center' | 'nearest';

export function useRevealOnMount<T extends HTMLElement>(block: Block = 'nearest') {
  const ref = useRef<T>(null);
  useEffect(() => {
    const el = ref.current;
    const box = el?.closest<HTMLElement>('.handover-body');
    if (!el || !box) return;
    const e = el.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    const top = e.top - b.top + box.scrollTop;
    const margin = 8;
    let target = box.scrollTop;
    if (block === 'start') target = top - margin;
    else if (block === 'center') target = top - (b.height - e.height) / 2;
    else if (e.top < b.top) target = top - margin;
    else if (e.bottom > b.bottom) target = top + e.height - b.height + margin;
    box.scrollTop = Math.max(0, target);
    // The button that led here (Bắt đầu, Hủy…) is gone with the step it was on, and a keyboard
    // user's focus went with it, to the page's body: it lands on what appeared instead.
    const active = document.activeElement;
    if (active === null || active === document.body || (active instanceof HTMLDialogElement && active.contains(el))) {
      if (!el.hasAttribute('tabindex')) el.tabIndex = -1;
      el.focus({ preventScroll: true });
    }
  }, [block]);
  return ref;
}
