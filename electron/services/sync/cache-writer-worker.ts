// Writer thread for HeaderSink: owns its own connection to the cache file.
import { parentPort, workerData } from 'node:worker_threads';
import { MailCache } from '../cache/mail-cache.ts';
import type { DirectiveRules } from '../directives/directive-rules.ts';
import { lowerThreadPriority } from '../workers/thread-priority.ts';
import type { WriterMessage } from './cache-writer.ts';
import { decodeFetched } from './fetched-header.ts';

// Only this short-lived connection does bulk writes: it gets the big page cache.
const { cacheFile, rules } = workerData as { cacheFile: string; rules?: DirectiveRules };
const cache = new MailCache(cacheFile, rules, { cacheMb: 256 });
// Bulk writes: checkpoint the WAL every ~80 MB instead of every 4 MB (commits stay atomic and crash-safe).
cache.db.exec('PRAGMA wal_autocheckpoint = 20000');
// The thread reading the IMAP stream comes first; this one takes the CPU left over, from its
// first batch on (it starts at normal priority: a sync of a few messages waits for it to start).
let lowered = false;
parentPort?.on('message', (m: WriterMessage) => {
  if (m.type === 'save' && !lowered) {
    lowerThreadPriority();
    lowered = true;
  }
  try {
    if (m.type === 'save') cache.saveHeaders(m.path, m.headers.map(decodeFetched));
    parentPort?.postMessage({ ok: true });
  } catch (e) {
    parentPort?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
    return;
  }
  // Everything so far is committed and answered: the WAL this thread grew is copied into the
  // database here, while the sync goes on (a commit elsewhere meanwhile finds the checkpoint busy
  // and does not wait for it; close() waits for it).
  if (m.type === 'flush') {
    try {
      cache.db.exec('PRAGMA wal_checkpoint(PASSIVE)');
    } catch {
      // SQLITE_BUSY and the like: a later commit's automatic checkpoint does it.
    }
  }
});
