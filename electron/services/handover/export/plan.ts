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

/** UIDs per size lookup: bounded memory however large the folder. */
const SIZE_CHUNK = 5000;

/**
 * Lists the UIDs (UID SEARCH) and sizes (UID FETCH … RFC822.SIZE, in chunks) of one folder,
 * read-only, and cuts them into tasks. Messages that arrived after the snapshot are left out on
 * purpose. fetchAll rather than imapflow's per-message generator: for thousands of tiny answers
 * the generator costs several times the time and memory.
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
  const limit = folder.uidNext;
  const found = await client.search({ uid: `1:${limit - 1}` }, { uid: true });
  const uids = (found || []).filter((u) => u < limit).sort((a, b) => a - b);
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
  for (let i = 0; i < uids.length; i += SIZE_CHUNK) {
    const chunk = uids.slice(i, i + SIZE_CHUNK);
    const range = `${chunk[0]}:${chunk[chunk.length - 1]}`;
    const sized = (await client.fetchAll(range, { uid: true, size: true }, { uid: true })).sort(
      (a, b) => a.uid - b.uid,
    );
    for (const m of sized) {
      if (m.uid >= limit) continue;
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
  }
  close();
  return tasks;
}
