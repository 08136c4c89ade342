import type { ImapFlow } from 'imapflow';
import { simpleParser } from '../mail/lazy-mailparser.ts';
import type { SyncSummary } from '../../../shared/mail.ts';
import type { MailCache } from '../cache/mail-cache.ts';
import { AppError } from '../errors/app-error.ts';
import { sortFolders, toFolderInfo } from '../mail/folder-list.ts';
import { indexFolders, type IndexOptions } from '../index/body-indexer.ts';
import type { HeaderSink } from './cache-writer.ts';
import { syncFolder, uidSet, type FolderSyncResult, type SyncProgress } from './folder-sync.ts';

export interface AccountSyncOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((p: SyncProgress) => void) | undefined;
  /** Only these folders (default: every selectable folder). */
  folders?: string[] | undefined;
  /** Offline policy: cache the bodies of messages dated from this instant on (epoch ms; null or absent = none). */
  bodiesSince?: number | null;
  onFolderDone?: ((result: FolderSyncResult) => void) | undefined;
  /** Where initial-sync header batches are committed (see cache-writer.ts). */
  sink?: HeaderSink | undefined;
  /** Index the text of every message of the synced folders before returning (none when absent). */
  index?: Omit<IndexOptions, 'signal' | 'onProgress'> | null | undefined;
}

/**
 * Syncs an account into its cache: the folder list, then every folder whose
 * STATUS differs from what the cache knows (unchanged folders cost one LIST),
 * INBOX first, then bodies of recent mail for offline reading.
 */
export async function syncAccount(
  client: ImapFlow,
  cache: MailCache,
  opts: AccountSyncOptions = {},
): Promise<SyncSummary> {
  const started = performance.now();
  const entries = await client.list({
    statusQuery: { messages: true, unseen: true, uidNext: true, uidValidity: true, highestModseq: true },
  });
  const folders = sortFolders(entries.map(toFolderInfo));
  // Messages of folders gone from the server (deleted, or renamed: they come back as added) count as removed.
  const removedWithFolders = cache.saveFolders(folders);
  const summary: SyncSummary = {
    folders: folders.length,
    messages: 0,
    added: 0,
    updated: 0,
    removed: removedWithFolders,
    durationMs: 0,
  };
  const wanted = opts.folders ? new Set(opts.folders) : null;

  for (const entry of entries) {
    const info = toFolderInfo(entry);
    if (!info.selectable || (wanted && !wanted.has(info.path))) continue;
    if (opts.signal?.aborted) throw cancelled();
    const state = cache.folderState(info.path);
    const status = entry.status;
    const unchanged =
      state.complete &&
      status?.uidValidity !== undefined &&
      Number(status.uidValidity) === state.uidValidity &&
      status.uidNext === state.uidNext &&
      status.highestModseq !== undefined &&
      status.highestModseq === state.highestModseq &&
      status.messages === cache.count(info.path);
    if (unchanged) {
      summary.messages += cache.count(info.path);
      continue;
    }
    const result = await syncFolder(client, cache, info.path, {
      signal: opts.signal,
      onProgress: opts.onProgress,
      sink: opts.sink,
    });
    summary.added += result.added;
    summary.updated += result.updated;
    summary.removed += result.removed;
    summary.messages += result.total;
    opts.onFolderDone?.(result);
  }

  if (opts.bodiesSince != null)
    await cacheRecentBodies(
      client,
      cache,
      folders.filter((f) => f.selectable).map((f) => f.path),
      { ...opts, bodiesSince: opts.bodiesSince },
    );
  if (opts.index) {
    const synced = folders.filter((f) => f.selectable && (!wanted || wanted.has(f.path)));
    await indexFolders(client, cache, synced, { ...opts.index, signal: opts.signal, onProgress: opts.onProgress });
  }
  summary.durationMs = Math.round(performance.now() - started);
  return summary;
}

async function cacheRecentBodies(
  client: ImapFlow,
  cache: MailCache,
  paths: string[],
  opts: AccountSyncOptions & { bodiesSince: number },
): Promise<void> {
  const since = opts.bodiesSince;
  for (const path of paths) {
    const uids = cache.uidsMissingBodies(path, since);
    if (uids.length === 0) continue;
    const lock = await client.getMailboxLock(path, { readOnly: true });
    try {
      let done = 0;
      for (let i = 0; i < uids.length; i += 100) {
        if (opts.signal?.aborted) throw cancelled();
        const batch = uids.slice(i, i + 100);
        for await (const msg of client.fetch(uidSet(batch), { uid: true, source: true }, { uid: true })) {
          if (!msg.source) continue;
          cache.saveBody(path, msg.uid, msg.source, await bodyText(msg.source));
        }
        done += batch.length;
        opts.onProgress?.({ folder: path, phase: 'bodies', done, total: uids.length });
      }
    } finally {
      lock.release();
    }
  }
}

/** Plain text of a message for the index and the snippet; never throws. */
export async function bodyText(source: Buffer): Promise<string> {
  try {
    const parsed = await simpleParser(source, { skipHtmlToText: false, skipImageLinks: true, skipTextLinks: true });
    return (parsed.text ?? '').normalize('NFC');
  } catch {
    return '';
  }
}

const cancelled = () => new AppError('INTERNAL', 'sync cancelled', { messageVi: 'Đã hủy đồng bộ.' });
