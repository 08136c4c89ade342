// Worker-thread entry: runs one account sync with its own IMAP connection and
// its own handle on the cache file (WAL lets main keep reading meanwhile).
import { parentPort, workerData } from 'node:worker_threads';
import type { ImapFlow } from 'imapflow';
import { MailCache } from '../cache/mail-cache.ts';
import { toAppError } from '../errors/app-error.ts';
import { connectImap } from '../imap/imap-connection.ts';
import { workerEntry } from '../workers/worker-entry.ts';
import { syncAccount } from './account-sync.ts';
import { threadSink } from './cache-writer.ts';
import type { SyncWorkerInput, SyncWorkerMessage } from './sync-worker-protocol.ts';

const input = workerData as SyncWorkerInput;
const post = (m: SyncWorkerMessage) => parentPort?.postMessage(m);
const controller = new AbortController();
parentPort?.on('message', (m: { type: string }) => {
  if (m.type === 'cancel') controller.abort();
});

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
    onProgress: (progress) => post({ type: 'progress', progress }),
    onFolderDone: (result) => post({ type: 'folder', result }),
  });
  post({ type: 'done', summary });
} catch (e) {
  post({ type: 'error', error: toAppError(e).toPayload(), cancelled: controller.signal.aborted });
} finally {
  await client?.logout().catch(() => client?.close());
  await sink.close();
  cache.close();
}
