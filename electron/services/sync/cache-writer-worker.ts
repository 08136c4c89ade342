// Writer thread for HeaderSink: owns its own connection to the cache file.
import { parentPort, workerData } from 'node:worker_threads';
import { MailCache } from '../cache/mail-cache.ts';
import type { DirectiveRules } from '../directives/directive-rules.ts';
import { decodeFetched, type FetchedHeader } from './fetched-header.ts';

// Only this short-lived connection does bulk writes: it gets the big page cache.
const { cacheFile, rules } = workerData as { cacheFile: string; rules?: DirectiveRules };
const cache = new MailCache(cacheFile, rules, { cacheMb: 256 });
// Bulk writes: checkpoint the WAL every ~80 MB instead of every 4 MB (commits stay atomic and crash-safe).
cache.db.exec('PRAGMA wal_autocheckpoint = 20000');
parentPort?.on('message', (m: { path: string; headers: FetchedHeader[] }) => {
  try {
    cache.saveHeaders(m.path, m.headers.map(decodeFetched));
    parentPort?.postMessage({ ok: true });
  } catch (e) {
    parentPort?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
