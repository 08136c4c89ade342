// Brings a result or progress panel into view when it appears: long forms
// put it below the fold, where the user would not see that anything happened.
import { useEffect, useRef } from 'react';

export function useRevealOnMount<T extends HTMLElement>(block: ScrollLogicalPosition = 'nearest') {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block });
  }, [block]);
  return ref;
}
