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
}

export type SyncWorkerMessage =
  | { type: 'progress'; progress: SyncProgress }
  | { type: 'folder'; result: FolderSyncResult }
  | { type: 'done'; summary: SyncSummary }
  | { type: 'error'; error: AppErrorPayload; cancelled: boolean };
