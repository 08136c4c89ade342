import type { AppErrorPayload } from '../../../shared/errors.ts';
import type { SyncSummary } from '../../../shared/mail.ts';
import type { DirectiveRules } from '../directives/directive-rules.ts';
import type { ImapCredentials } from '../imap/imap-connection.ts';
import type { FolderSyncResult, SyncProgress } from './folder-sync.ts';

export interface SyncWorkerInput {
  cacheFile: string;
  imap: ImapCredentials;
  rules: DirectiveRules;
  folders?: string[] | undefined;
  /** Offline policy: cache the bodies of messages dated from this instant on (epoch ms; null = none). */
  bodiesSince: number | null;
  /** Index the text of the synced folders before reporting done. */
  index: boolean;
}

/** Messages to the worker. */
export type SyncWorkerCommand = { type: 'cancel' } | { type: 'pause-index'; ms: number } | { type: 'resume-index' };

export type SyncWorkerMessage =
  | { type: 'progress'; progress: SyncProgress }
  | { type: 'folder'; result: FolderSyncResult }
  | { type: 'done'; summary: SyncSummary }
  | { type: 'error'; error: AppErrorPayload; cancelled: boolean };
