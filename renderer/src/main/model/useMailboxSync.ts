// Keeping the cache fresh for the mail view: the periodic sync (useSync), a
// sync again when a unit mailbox was shared or revoked since the last one,
// and push (main keeps IDLE on INBOX and on the folder shown; what changes
// arrives as cache.changed).
import { useEffect } from 'react';
import { invoke } from '../../api.ts';
import { useSync, type SyncState } from './useSync.ts';

export interface MailboxSync {
  state: SyncState;
  syncing: boolean;
  start(): void;
  cancel(): void;
}

export function useMailboxSync(opts: {
  accountId: string;
  /** The folder shown, watched by IDLE. */
  folderPath: string | null;
  /** Grows when the shared unit mailboxes no longer match the cache. */
  sharedStale: number;
  /** After every sync, whatever its outcome. */
  onFinished(): void;
}): MailboxSync {
  const { accountId, folderPath, sharedStale } = opts;
  const sync = useSync(accountId, () => opts.onFinished());
  const { start } = sync;
  useEffect(() => {
    if (sharedStale > 0) start();
  }, [sharedStale, start]);

  useEffect(() => {
    invoke('sync.watch', { accountId, ...(folderPath ? { folder: folderPath } : {}) }).catch(() => undefined);
  }, [accountId, folderPath]);

  return { state: sync.state, syncing: sync.state.status === 'running', start, cancel: sync.cancel };
}
