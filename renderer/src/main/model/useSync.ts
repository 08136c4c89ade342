// Keeps the account's cache in sync: once when the account is shown, then
// every five minutes while it stays open. sync.start answers when the sync is
// over; progress arrives meanwhile as sync.progress events.
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { useStable } from '../../hooks/useStable.ts';
import type { SyncProgressEvent, SyncSummary } from '../../../../shared/mail.ts';
import { invoke, onEvent, toUiError, type UiError } from '../../api.ts';

export const SYNC_INTERVAL_MS = 5 * 60_000;

export type SyncStatus = 'idle' | 'running' | 'done' | 'offline' | 'failed' | 'cancelled';

export interface SyncState {
  status: SyncStatus;
  progress: SyncProgressEvent | null;
  /** When the last sync finished successfully. */
  lastSyncedAt: number | null;
  error: UiError | null;
  cancelling: boolean;
}

const OFFLINE_CODES = new Set(['HOST_UNREACHABLE', 'TIMEOUT', 'NETWORK']);

export function useSync(
  accountId: string,
  onFinished?: (summary: SyncSummary | null) => void,
): { state: SyncState; start(): void; cancel(): void } {
  const [state, setState] = useState<SyncState>({
    status: 'idle',
    progress: null,
    lastSyncedAt: null,
    error: null,
    cancelling: false,
  });
  const running = useRef(false);
  const cancelRequested = useRef(false);
  const finished = useStable((summary: SyncSummary | null) => onFinished?.(summary));

  const start = useCallback(() => {
    if (running.current) return;
    running.current = true;
    cancelRequested.current = false;
    setState((s) => ({ ...s, status: 'running', progress: null, error: null, cancelling: false }));
    invoke('sync.start', { accountId }).then(
      (summary) => {
        running.current = false;
        setState((s) => ({ ...s, status: 'done', lastSyncedAt: Date.now(), error: null, cancelling: false }));
        finished(summary);
      },
      (e: unknown) => {
        running.current = false;
        const error = toUiError(e);
        setState((s) => {
          const cancelled = cancelRequested.current || s.progress?.phase === 'cancelled';
          const status: SyncStatus = cancelled ? 'cancelled' : OFFLINE_CODES.has(error.code) ? 'offline' : 'failed';
          return { ...s, status, error, cancelling: false };
        });
        finished(null);
      },
    );
  }, [accountId, finished]);

  const cancel = useCallback(() => {
    if (!running.current) return;
    cancelRequested.current = true;
    setState((s) => ({ ...s, cancelling: true }));
    invoke('sync.cancel', { accountId }).catch(() => undefined);
  }, [accountId]);

  useEffect(
    () =>
      onEvent('sync.progress', (event) => {
        // The end of a sync arrives as sync.start's answer; its done/error events add nothing.
        if (event.accountId !== accountId || ['done', 'error', 'cancelled'].includes(event.phase)) return;
        setState((s) => (s.status === 'running' ? { ...s, progress: event } : s));
      }),
    [accountId],
  );

  const tick = useEffectEvent(() => start());
  useEffect(() => {
    tick();
    const timer = setInterval(() => tick(), SYNC_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [accountId]);

  return { state, start, cancel };
}
