// The account's outbox as main keeps it: read once, then replaced by every outbox.changed.
// `waiting` counts what has not gone yet (the entry's count in the folder pane).
import { useEffect, useState } from 'react';
import type { OutboxEntry } from '../../../shared/compose.ts';
import { invoke, onEvent, toUiError, type UiError } from '../api.ts';

export interface Outbox {
  entries: OutboxEntry[];
  waiting: number;
  error: UiError | null;
  /** Runs an outbox action; its failure is shown in the outbox window. */
  act(run: () => Promise<unknown>): void;
}

export function useOutbox(accountId: string): Outbox {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [error, setError] = useState<UiError | null>(null);
  useEffect(() => {
    let live = true;
    const off = onEvent('outbox.changed', (e) => {
      if (e.accountId === accountId) setEntries(e.entries);
    });
    invoke('outbox.list', { accountId })
      .then((list) => {
        if (live) setEntries(list);
      })
      .catch((e: unknown) => {
        if (live) setError(toUiError(e));
      });
    return () => {
      live = false;
      off();
    };
  }, [accountId]);
  return {
    entries,
    waiting: entries.filter((e) => e.status !== 'sent').length,
    error,
    act: (run) => {
      setError(null);
      run()
        // outbox.changed follows every change; reading the list again covers a missed event.
        .then(() => invoke('outbox.list', { accountId }))
        .then(setEntries)
        .catch((e: unknown) => setError(toUiError(e)));
    },
  };
}
