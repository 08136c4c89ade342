// A callback whose identity never changes but which always runs the latest
// render's function: lets memoised rows take event handlers without
// re-rendering whenever the parent does.
import { useCallback, useInsertionEffect, useRef } from 'react';

export function useStable<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const ref = useRef(fn);
  useInsertionEffect(() => {
    ref.current = fn;
  });
  return useCallback((...args: A) => ref.current(...args), []);
}
