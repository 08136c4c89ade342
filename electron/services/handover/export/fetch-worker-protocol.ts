// Messages between the export (main thread) and a fetch thread (fetch-worker.ts). The thread
// owns its IMAP connections and writes message files; the main thread keeps the journal.
import type { AppErrorPayload } from '../../../../shared/errors.ts';
import type { ImapCredentials } from '../../imap/imap-connection.ts';
import type { MessageEntry } from './message-entry.ts';
import type { FetchLimits } from './fetch-messages.ts';
import type { ExportTask } from './plan.ts';

export interface FetchWorkerInput {
  imap: ImapCredentials;
  bagDir: string;
  /** IMAP connections this thread opens (its slots). */
  connections: number;
  adoptFiles: boolean;
  fsync: boolean;
  limits?: FetchLimits | undefined;
}

export type FetchWorkerCommand =
  /** Fetch one task on one slot; `done` lists the task's UIDs already journaled. */
  | { type: 'task'; taskId: number; slot: number; task: ExportTask; done: number[] }
  | { type: 'cancel' }
  /** Log out and exit. */
  | { type: 'close' };

export type FetchWorkerMessage =
  | { type: 'ready'; slots: number }
  | { type: 'failed'; error: AppErrorPayload }
  | { type: 'entries'; taskId: number; entries: MessageEntry[]; adopted: boolean }
  | { type: 'vanished'; taskId: number; count: number }
  | { type: 'task-done'; taskId: number }
  /** `retryable`: the connection failed (not the data); the task may be run again on a new one. */
  | { type: 'task-failed'; taskId: number; error: AppErrorPayload; retryable: boolean };
