// Splits the snapshot into work for the connection pool: UID ranges of a folder, each small
// enough to fetch in bounded memory, known before any message is fetched (for progress and ETA).
import type { ImapFlow } from 'imapflow';
import { AppError } from '../../errors/app-error.ts';
import type { FolderSnapshot } from './snapshot.ts';

export interface ExportTask {
  folder: FolderSnapshot;
  /** UID set (`first:last`); only messages with UID < the snapshot's UIDNEXT are in it. */
  range: string;
  messages: number;
  bytes: number;
  /** Messages in the range already exported by an earlier, interrupted run. */
  done: number;
  doneBytes: number;
}

export interface PlanLimits {
  /** At most this many messages per task (one metadata FETCH). */
  messages: number;
  /** At most this many bytes of messages per task, unless one message alone is larger. */
  bytes: number;
}

export const DEFAULT_PLAN_LIMITS: PlanLimits = { messages: 500, bytes: 16 * 1024 * 1024 };

/**
 * Lists the UIDs and sizes of one folder (UID FETCH 1:<UIDNEXT-1> (UID RFC822.SIZE), read-only)
 * and cuts them into tasks. Messages that arrived after the snapshot are left out on purpose.
 */
export async function planFolder(
  client: ImapFlow,
  folder: FolderSnapshot,
  done: Set<number>,
  limits: PlanLimits = DEFAULT_PLAN_LIMITS,
): Promise<ExportTask[]> {
  if (!folder.selectable || !folder.uidNext || folder.uidNext <= 1) return [];
  const box = await client.mailboxOpen(folder.path, { readOnly: true });
  if (String(box.uidValidity) !== folder.uidValidity) {
    throw new AppError(
      'VALIDATION',
      `folder "${folder.path}": UIDVALIDITY is ${box.uidValidity}, the export started with ${folder.uidValidity}`,
      {
        messageVi: `Thư mục "${folder.path}" đã bị tạo lại trên máy chủ trong khi xuất. Hãy xuất lại vào một thư mục mới.`,
      },
    );
  }
  if (box.exists === 0) return [];
  const tasks: ExportTask[] = [];
  let current: ExportTask | null = null;
  let last = 0;
  const close = () => {
    if (current) {
      current.range = `${current.range}:${last}`;
      tasks.push(current);
      current = null;
    }
  };
  for await (const m of client.fetch(`1:${folder.uidNext - 1}`, { uid: true, size: true }, { uid: true })) {
    const size = m.size ?? 0;
    if (current && (current.messages >= limits.messages || current.bytes + size > limits.bytes)) close();
    if (!current) current = { folder, range: String(m.uid), messages: 0, bytes: 0, done: 0, doneBytes: 0 };
    current.messages += 1;
    current.bytes += size;
    if (done.has(m.uid)) {
      current.done += 1;
      current.doneBytes += size;
    }
    last = m.uid;
  }
  close();
  return tasks;
}
