// Worker-thread entry: runs one account sync with its own IMAP connection and
// its own handle on the cache file (WAL lets main keep reading meanwhile).
import { parentPort, workerData } from 'node:worker_threads';
import type { ImapFlow } from 'imapflow';
import { MailCache } from '../cache/mail-cache.ts';
import { classifySyncError } from './sync-errors.ts';
import { connectImap } from '../imap/imap-connection.ts';
import { workerEntry } from '../workers/worker-entry.ts';
import { syncAccount } from './account-sync.ts';
import { threadSink } from './cache-writer.ts';
import type { SyncWorkerCommand, SyncWorkerInput, SyncWorkerMessage } from './sync-worker-protocol.ts';
import { AttachmentTextPool } from '../index/attachment-text.ts';
import { PauseGate } from '../index/pause-gate.ts';

const input = workerData as SyncWorkerInput;
const post = (m: SyncWorkerMessage) => parentPort?.postMessage(m);
const controller = new AbortController();
const gate = new PauseGate();
parentPort?.on('message', (m: SyncWorkerCommand) => {
  if (m.type === 'cancel') controller.abort();
  else if (m.type === 'pause-index') gate.pauseFor(m.ms);
  else gate.resume();
});
const pool = input.index ? new AttachmentTextPool() : null;

const cache = new MailCache(input.cacheFile, input.rules);
const sink = threadSink(input.cacheFile, workerEntry('cache-writer-worker', import.meta.url), input.rules);
let client: ImapFlow | undefined;
try {
  client = await connectImap(input.imap);
  const summary = await syncAccount(client, cache, {
    sink,
    signal: controller.signal,
    folders: input.folders,
    bodiesSince: input.bodiesSince,
    index: pool ? { pool, gate } : null,
    onProgress: (progress) => post({ type: 'progress', progress }),
    onFolderDone: (result) => post({ type: 'folder', result }),
  });
  post({ type: 'done', summary });
} catch (e) {
  post({ type: 'error', error: classifySyncError(e).toPayload(), cancelled: controller.signal.aborted });
} finally {
  await client?.logout().catch(() => client?.close());
  await sink.close();
  await pool?.close();
  cache.close();
}
