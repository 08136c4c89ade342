// Runs in a fresh process: opens a cache the way the app's main process does
// (no sync in flight), serves the first page and a few searches, reports RSS.
import { MailCache } from '../../electron/services/cache/mail-cache.ts';
import { parseQuery } from '../../electron/services/search/query.ts';

const [file, folder] = process.argv.slice(2) as [string, string];
const cache = new MailCache(file);
cache.list({ folder, limit: 200 });
cache.list({ folder, offset: 50_000, limit: 200 });
for (const q of ['ke hoach', 'chi dao', 'from:so-tttt']) cache.search(parseQuery(q), { offset: 0, limit: 200 });
cache.directives(500);
process.stdout.write(JSON.stringify({ rssMb: process.memoryUsage().rss / 1024 / 1024 }));
cache.close();
