// Like useAsync, for data that is refreshed in the background (the cached
// folder list, directives, search hits): a refresh keeps showing the last
// value instead of flashing "loading", and answers for an older key or an
// older refresh are ignored.
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { toUiError, type UiError } from '../api.ts';

export interface Live<T> {
  /** The last value loaded for the current key (kept while refreshing). */
  value: T | undefined;
  error: UiError | null;
  /** True until the first answer for the current key. */
  loading: boolean;
  refresh(): void;
  update(change: (value: T) => T): void;
}

interface Held<T> {
  key: string;
  value: T | undefined;
  error: UiError | null;
  settled: boolean;
}

export function useLive<T>(key: string | null, load: () => Promise<T>): Live<T> {
  const [held, setHeld] = useState<Held<T> | null>(null);
  const [tick, setTick] = useState(0);
  const run = useEffectEvent(load);
  const latest = useRef(0);

  useEffect(() => {
    if (key === null) return;
    const ticket = ++latest.current;
    run().then(
      (value) => {
        if (ticket === latest.current) setHeld({ key, value, error: null, settled: true });
      },
      (error: unknown) => {
        if (ticket !== latest.current) return;
        setHeld((h) => ({
          key,
          value: h?.key === key ? h.value : undefined,
          error: toUiError(error),
          settled: true,
        }));
      },
    );
  }, [key, tick]);

  const refresh = useCallback(() => setTick((t) => t + 1), []);
  const update = useCallback((change: (value: T) => T) => {
    setHeld((h) => (h && h.value !== undefined ? { ...h, value: change(h.value) } : h));
  }, []);

  const current = held && held.key === key ? held : null;
  return {
    value: current?.value,
    error: current?.error ?? null,
    loading: key !== null && !current?.settled,
    refresh,
    update,
  };
}
