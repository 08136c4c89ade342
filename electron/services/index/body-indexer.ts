// The background indexer: reads the text of every message of the synced folders whose text is
// not indexed yet, newest first, from the cached body when there and else from the server
// (BODY.PEEK, never setting \Seen), whatever the offline-body policy keeps. Progress is the
// cache itself (messages.text_indexed), so a restart resumes where it stopped.
import type { ImapFlow } from 'imapflow';
import { isRecordFolder } from '../../../shared/records.ts';
import type { MailCache } from '../cache/mail-cache.ts';
import type { BodyIndexEntry } from '../cache/search-index.ts';
import { AppError } from '../errors/app-error.ts';
import { uidSet, type SyncProgress } from '../sync/folder-sync.ts';
import type { AttachmentTextPool } from './attachment-text.ts';
import { documentText } from './document-text.ts';

/** Lets the user's typing pause the indexer between two batches. */
export interface IndexGate {
  /** Resolves when indexing may go on. */
  open(): Promise<void>;
}

export interface IndexOptions {
  pool: AttachmentTextPool;
  gate?: IndexGate | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: SyncProgress) => void) | undefined;
  /** Messages per batch (and per FETCH); default 50. */
  batch?: number;
}

const MAX_BATCH_BYTES = 32 * 1024 * 1024;

/**
 * After this many messages in one pass, the full-text indexes are merged into one segment each:
 * many small segments (and the entries of replaced rows) made a search over 20,000 messages about
 * twice as slow and the index 5% larger (test/bench/search-bench.ts).
 */
const OPTIMIZE_AFTER = 500;

/** Indexes every folder of `paths` (skipping the app's record folders); resolves when all are covered. */
export async function indexFolders(
  client: ImapFlow,
  cache: MailCache,
  paths: Array<{ path: string; delimiter: string }>,
  opts: IndexOptions,
): Promise<{ indexed: number; notes: number }> {
  const totals = { indexed: 0, notes: 0 };
  for (const { path, delimiter } of paths) {
    if (isRecordFolder(path, delimiter)) continue;
    const total = cache.index.pendingCount(path);
    let done = 0;
    while (done < total) {
      await opts.gate?.open();
      if (opts.signal?.aborted) throw new AppError('INTERNAL', 'sync cancelled', { messageVi: 'Đã hủy đồng bộ.' });
      const batch = takeBatch(cache.index.pending(path, opts.batch ?? 50));
      if (batch.length === 0) break;
      const sources = await readSources(client, cache, path, batch);
      const entries: Array<[number, BodyIndexEntry]> = [];
      for (const m of batch) {
        const source = sources.get(m.uid);
        const entry: BodyIndexEntry = source
          ? await documentText(source, opts.pool)
          : {
              body: '',
              attachmentText: '',
              notes: ['gone from the server before its text was read'],
              hasAttachments: false,
            };
        entries.push([m.id, entry]);
        totals.notes += entry.notes.length;
      }
      // One transaction per batch: one new index segment, not one per message.
      cache.transaction(() => cache.index.saveBodies(entries));
      done += batch.length;
      totals.indexed += batch.length;
      opts.onProgress?.({ folder: path, phase: 'index', done: Math.min(done, total), total });
    }
  }
  if (totals.indexed >= OPTIMIZE_AFTER) cache.index.optimize();
  return totals;
}

/** The batch up to a byte budget (at least one message: a 50 MB message is read on its own). */
function takeBatch<T extends { size: number }>(rows: T[]): T[] {
  let bytes = 0;
  const out: T[] = [];
  for (const r of rows) {
    if (out.length > 0 && bytes + r.size > MAX_BATCH_BYTES) break;
    bytes += r.size;
    out.push(r);
  }
  return out;
}

async function readSources(
  client: ImapFlow,
  cache: MailCache,
  path: string,
  batch: Array<{ uid: number }>,
): Promise<Map<number, Buffer>> {
  const sources = new Map<number, Buffer>();
  const missing: number[] = [];
  for (const { uid } of batch) {
    const cached = cache.body(path, uid);
    if (cached) sources.set(uid, cached);
    else missing.push(uid);
  }
  if (missing.length === 0) return sources;
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    for await (const msg of client.fetch(uidSet(missing), { uid: true, source: true }, { uid: true })) {
      if (msg.source) sources.set(msg.uid, msg.source);
    }
  } finally {
    lock.release();
  }
  return sources;
}
