// Loads data for a key (e.g. "account|folder") and ignores answers that
// arrive after the key changed, so a slow IMAP reply for the previous folder
// can never overwrite the list of the folder now shown.
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { toUiError, type UiError } from '../api.ts';

export type AsyncState<T> =
  { status: 'idle' } | { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: UiError };

interface Settled<T> {
  key: string;
  generation: number;
  state: Extract<AsyncState<T>, { status: 'ok' | 'error' }>;
}

export interface AsyncHandle<T> {
  state: AsyncState<T>;
  /** Loads again (e.g. after the user fixed something). */
  reload(): void;
  /** Applies a local change to a loaded value (e.g. a message became read). */
  update(change: (value: T) => T): void;
}

export function useAsync<T>(key: string | null, load: () => Promise<T>): AsyncHandle<T> {
  const [generation, setGeneration] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const run = useEffectEvent(load);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    run().then(
      (value) => current && setSettled({ key, generation, state: { status: 'ok', value } }),
      (error: unknown) =>
        current && setSettled({ key, generation, state: { status: 'error', error: toUiError(error) } }),
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const update = useCallback((change: (value: T) => T) => {
    setSettled((s) =>
      s && s.state.status === 'ok' ? { ...s, state: { status: 'ok', value: change(s.state.value) } } : s,
    );
  }, []);

  let state: AsyncState<T>;
  if (key === null) state = { status: 'idle' };
  else if (settled && settled.key === key && settled.generation === generation) state = settled.state;
  else state = { status: 'loading' };
  return { state, reload, update };
}
