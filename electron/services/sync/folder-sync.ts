import type { FetchQueryObject, ImapFlow } from 'imapflow';
import type { CachedHeader, FlagUpdate, MailCache } from '../cache/mail-cache.ts';
import { AppError } from '../errors/app-error.ts';
import { inlineSink, type HeaderSink } from './cache-writer.ts';
import { readFetched, toHeader, type FetchedHeader } from './fetched-header.ts';
import { DISPLAY_HEADER_FIELDS, storedFlags } from './structure.ts';

export { toHeader };

export interface SyncProgress {
  folder: string;
  phase: 'headers' | 'changes' | 'bodies' | 'index';
  done: number;
  total: number;
}

export interface FolderSyncOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((p: SyncProgress) => void) | undefined;
  /** Size of the first batch: small, so the list fills at once. */
  firstBatch?: number;
  batchSize?: number;
  /** Where header batches of the initial sync are committed (default: this thread). */
  sink?: HeaderSink | undefined;
}

export interface FolderSyncResult {
  folder: string;
  mode: 'initial' | 'resume' | 'qresync' | 'condstore' | 'full-compare' | 'unchanged';
  added: number;
  updated: number;
  removed: number;
  uidValidityChanged: boolean;
  total: number;
}

// imapflow asks for MODSEQ by itself whenever CONDSTORE is enabled.

/** Exactly what the list and the search need from a message; no body. */
export const HEADER_QUERY: FetchQueryObject = {
  uid: true,
  flags: true,
  envelope: true,
  size: true,
  bodyStructure: true,
  internalDate: true,
  headers: ['references', 'importance', 'priority', 'x-priority', ...DISPLAY_HEADER_FIELDS],
};

/**
 * Brings one folder's cache up to date with the server, read-only (EXAMINE).
 *  - first time, or after an interruption: UID SEARCH ALL, then fetch what
 *    the cache lacks in batches, newest first, each batch committed; rerunning
 *    fetches only what is still missing, so a crash leaves no gap and no duplicate;
 *  - afterwards: QRESYNC (changed flags and VANISHED come with the SELECT),
 *    else CONDSTORE CHANGEDSINCE, else a full flag and UID-set comparison;
 *  - UIDVALIDITY changed: the folder's cache is void and rebuilt.
 */
export async function syncFolder(
  client: ImapFlow,
  cache: MailCache,
  path: string,
  opts: FolderSyncOptions = {},
): Promise<FolderSyncResult> {
  let state = cache.folderState(path);
  const result: FolderSyncResult = {
    folder: path,
    mode: 'unchanged',
    added: 0,
    updated: 0,
    removed: 0,
    uidValidityChanged: false,
    total: 0,
  };
  const qresyncable =
    client.enabled.has('QRESYNC') && state.complete && state.uidValidity !== null && state.highestModseq !== null;

  // QRESYNC reports changes as events while the SELECT runs: listen before opening.
  const vanished = new Set<number>();
  const flagEvents = new Map<number, FlagUpdate>();
  const onExpunge = (ev: { path: string; uid?: number; vanished: boolean }) => {
    if (ev.path === path && ev.vanished && ev.uid !== undefined) vanished.add(ev.uid);
  };
  const onFlags = (ev: { path: string; uid?: number; flags: Set<string>; modseq?: bigint }) => {
    if (ev.path === path && ev.uid !== undefined)
      flagEvents.set(ev.uid, { uid: ev.uid, flags: storedFlags(ev.flags), modseq: ev.modseq ?? null });
  };
  client.on('expunge', onExpunge);
  client.on('flags', onFlags);

  // A mailbox already open on this connection would not be re-selected, and its
  // counters would be stale: close it so the SELECT (with QRESYNC) reports news.
  if (openMailbox(client)?.path === path) await client.mailboxClose();
  let lock;
  try {
    lock = await client.getMailboxLock(path, {
      readOnly: true,
      ...(qresyncable
        ? { uidValidity: BigInt(state.uidValidity as number), changedSince: state.highestModseq as bigint }
        : {}),
    });
  } catch (e) {
    client.off('expunge', onExpunge);
    client.off('flags', onFlags);
    const err = e as { mailboxMissing?: boolean };
    if (err.mailboxMissing) throw new AppError('FOLDER_NOT_FOUND', `folder ${path} does not exist`);
    throw e;
  }
  try {
    const mailbox = openMailbox(client);
    if (!mailbox) throw new AppError('FOLDER_NOT_FOUND', `folder ${path} could not be opened`);
    const uidValidity = Number(mailbox.uidValidity);
    const uidNext = mailbox.uidNext;
    const highestModseq = mailbox.highestModseq ?? null;
    const exists = mailbox.exists;

    if (state.uidValidity !== null && state.uidValidity !== uidValidity) {
      cache.resetFolder(path);
      state = cache.folderState(path);
      result.uidValidityChanged = true;
    }

    if (!state.complete) {
      result.mode = state.uidValidity === null ? 'initial' : 'resume';
      cache.setFolderState(path, { uidValidity, complete: false });
      await fetchMissing(client, cache, path, result, opts);
      // Catch what changed while the batches were running.
      if (highestModseq !== null) await applyChangedSince(client, cache, path, highestModseq, result);
      const latest = openMailbox(client);
      if (latest && latest.uidNext > uidNext) await fetchNew(client, cache, path, uidNext, result);
    } else if (
      highestModseq !== null &&
      state.highestModseq === highestModseq &&
      state.uidNext === uidNext &&
      cache.count(path) === exists
    ) {
      result.mode = 'unchanged';
    } else {
      if (qresyncable && openMailbox(client)?.highestModseq !== undefined) {
        result.mode = 'qresync';
        result.updated += cache.updateFlags(path, [...flagEvents.values()]);
        result.removed += cache.removeUids(path, vanished);
      } else if (highestModseq !== null && state.highestModseq !== null) {
        result.mode = 'condstore';
        await applyChangedSince(client, cache, path, state.highestModseq, result);
      } else {
        result.mode = 'full-compare';
        await applyAllFlags(client, cache, path, result);
      }
      if (state.uidNext !== null && uidNext > state.uidNext) await fetchNew(client, cache, path, state.uidNext, result);
      // Expunges without VANISHED: a count mismatch after adding new mail means something went.
      if (cache.count(path) !== (openMailbox(client)?.exists ?? exists)) await removeGone(client, cache, path, result);
    }

    const final = openMailbox(client);
    cache.setFolderState(path, {
      uidValidity,
      uidNext: final?.uidNext ?? uidNext,
      highestModseq: final?.highestModseq ?? highestModseq,
      complete: true,
    });
    result.total = cache.count(path);
    return result;
  } finally {
    client.off('expunge', onExpunge);
    client.off('flags', onFlags);
    lock.release();
  }
}

async function fetchMissing(
  client: ImapFlow,
  cache: MailCache,
  path: string,
  result: FolderSyncResult,
  opts: FolderSyncOptions,
): Promise<void> {
  const serverUids = ((await client.search({ all: true }, { uid: true })) || []) as number[];
  const server = new Set(serverUids);
  const cached = cache.uids(path);
  const gone = cached.filter((u) => !server.has(u));
  result.removed += cache.removeUids(path, gone);
  const have = new Set(cached);
  const missing = serverUids.filter((u) => !have.has(u)).sort((a, b) => b - a);
  const total = missing.length;
  const first = opts.firstBatch ?? 500;
  const size = opts.batchSize ?? 5000;
  const sink = opts.sink ?? inlineSink(cache);
  let done = 0;
  opts.onProgress?.({ folder: path, phase: 'headers', done, total });
  while (done < total) {
    if (opts.signal?.aborted) throw new AppError('INTERNAL', 'sync cancelled', { messageVi: 'Đã hủy đồng bộ.' });
    const batch = missing.slice(done, done + (done === 0 ? first : size));
    // Small sub-batches reach the sink while the rest of the FETCH is still streaming; they are
    // decoded where they are committed (fetched-header.ts).
    let headers: FetchedHeader[] = [];
    for await (const msg of client.fetch(uidSet(batch), HEADER_QUERY, { uid: true })) {
      headers.push(readFetched(msg));
      result.added += 1;
      if (headers.length === 1000) {
        await sink.save(path, headers);
        headers = [];
      }
    }
    if (headers.length) await sink.save(path, headers);
    // The first batch is committed before it is reported, so the list can show it at once.
    if (done === 0) await sink.flush();
    done += batch.length;
    opts.onProgress?.({ folder: path, phase: 'headers', done, total });
  }
  await sink.flush();
}

async function fetchNew(
  client: ImapFlow,
  cache: MailCache,
  path: string,
  fromUid: number,
  result: FolderSyncResult,
): Promise<void> {
  const headers: CachedHeader[] = [];
  for await (const msg of client.fetch(`${fromUid}:*`, HEADER_QUERY, { uid: true })) {
    // "N:*" always matches the highest UID even when it is below N.
    if (msg.uid >= fromUid) headers.push(toHeader(msg));
  }
  cache.saveHeaders(path, headers);
  result.added += headers.length;
}

async function applyChangedSince(
  client: ImapFlow,
  cache: MailCache,
  path: string,
  since: bigint,
  result: FolderSyncResult,
): Promise<void> {
  const updates: FlagUpdate[] = [];
  for await (const msg of client.fetch('1:*', { uid: true, flags: true }, { uid: true, changedSince: since })) {
    updates.push({ uid: msg.uid, flags: storedFlags(msg.flags), modseq: msg.modseq ?? null });
  }
  // New messages (fetched next) and unchanged flags are reported too: count what changed.
  result.updated += cache.updateFlags(path, updates);
}

async function applyAllFlags(
  client: ImapFlow,
  cache: MailCache,
  path: string,
  result: FolderSyncResult,
): Promise<void> {
  const updates: FlagUpdate[] = [];
  for await (const msg of client.fetch('1:*', { uid: true, flags: true }, { uid: true })) {
    updates.push({ uid: msg.uid, flags: storedFlags(msg.flags), modseq: null });
  }
  result.updated += cache.updateFlags(path, updates);
}

async function removeGone(client: ImapFlow, cache: MailCache, path: string, result: FolderSyncResult): Promise<void> {
  const server = new Set(((await client.search({ all: true }, { uid: true })) || []) as number[]);
  result.removed += cache.removeUids(
    path,
    cache.uids(path).filter((u) => !server.has(u)),
  );
}

const openMailbox = (client: ImapFlow) => client.mailbox || null;

/** Compresses sorted-or-not UIDs into an IMAP sequence set: "1:500,502,510:600". */
export function uidSet(uids: number[]): string {
  const sorted = [...uids].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let prev = start;
  for (let i = 1; i <= sorted.length; i++) {
    const cur = sorted[i];
    if (cur !== undefined && prev !== undefined && cur === prev + 1) {
      prev = cur;
      continue;
    }
    if (start !== undefined) parts.push(start === prev ? `${start}` : `${start}:${prev}`);
    start = cur;
    prev = cur;
  }
  return parts.join(',');
}
