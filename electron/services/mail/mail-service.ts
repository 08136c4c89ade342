import { simpleParser } from './lazy-mailparser.ts';
import type { FolderInfo, MessageDetail, MessageSignature, MessageSummary, SearchHit } from '../../../shared/mail.ts';
import type { AccountService } from '../accounts/account-service.ts';
import type { CacheRegistry } from '../cache/cache-registry.ts';
import { AppError } from '../errors/app-error.ts';
import { ImapSessionPool } from '../imap/session-pool.ts';
import { parseQuery } from '../search/query.ts';
import { bodyText } from '../sync/account-sync.ts';
import { listFolders } from './folder-list.ts';
import { listNewestMessages, openReadOnly } from './message-list.ts';
import { parseMessage } from './message-parse.ts';
import { fetchSource } from './message-read.ts';
import { opaqueSigned } from './smime-verify.ts';

const SERVER_SEARCH_BUDGET_MS = 3000;

/** Checks a message's S/MIME signature; null when it is not signed. */
export type SignatureCheck = (source: Buffer) => Promise<MessageSignature | null>;

/** Reading an account's mail: live over the pooled IMAP connection, or from the cache. */
export class MailService {
  readonly pool: ImapSessionPool;
  private readonly caches: CacheRegistry;

  private readonly verify: SignatureCheck | undefined;

  /** `verify` checks S/MIME signatures of opened messages (none checked without it). */
  constructor(accounts: AccountService, caches: CacheRegistry, verify?: SignatureCheck) {
    this.pool = new ImapSessionPool(async (accountId) => (await accounts.credentials(accountId)).imap);
    this.caches = caches;
    this.verify = verify;
  }

  async folders(accountId: string): Promise<FolderInfo[]> {
    return listFolders(await this.pool.client(accountId));
  }

  async messages(accountId: string, folder: string, limit: number): Promise<MessageSummary[]> {
    return listNewestMessages(await this.pool.client(accountId), folder, limit);
  }

  /**
   * Opens a message from the cache when its body is there (works offline),
   * else from the server, keeping the bytes: what was opened stays cached.
   */
  async message(accountId: string, folder: string, uid: number): Promise<MessageDetail> {
    const { source, flags } = await this.source(accountId, folder, uid);
    // An opaque signed message carries its content inside the signature: read that content.
    const opaque = this.verify ? opaqueSigned(source) : null;
    const detail = await parseMessage(opaque?.readable ?? source, { uid, folder, flags });
    const signature = this.verify ? await this.verify(source).catch(() => null) : null;
    if (!signature) return detail;
    // The signature part is shown as the badge, not as a file (indexes stay those of the parser).
    const attachments = detail.attachments.filter((a) => !/pkcs7-signature/i.test(a.contentType));
    return { ...detail, attachments, signature };
  }

  async attachment(
    accountId: string,
    folder: string,
    uid: number,
    index: number,
  ): Promise<{ filename: string; contentType: string; content: Buffer }> {
    const { source } = await this.source(accountId, folder, uid);
    const parsed = await simpleParser(source, { keepCidLinks: true });
    const att = parsed.attachments[index];
    if (!att) throw new AppError('MESSAGE_NOT_FOUND', `message ${uid} has no attachment #${index}`);
    return {
      filename: att.filename ?? `attachment-${index + 1}`,
      contentType: att.contentType || 'application/octet-stream',
      content: att.content,
    };
  }

  /** A message's exact bytes (from the cache when there, else the server, then kept) and flags. */
  async source(accountId: string, folder: string, uid: number): Promise<{ source: Buffer; flags: string[] }> {
    const cache = this.caches.get(accountId);
    const cached = cache.body(folder, uid);
    if (cached) {
      const row = cache.byUids(folder, [uid])[0];
      return { source: cached, flags: row?.flags ?? [] };
    }
    const fetched = await fetchSource(await this.pool.client(accountId), folder, uid);
    cache.saveBody(folder, uid, fetched.source, await bodyText(fetched.source));
    return fetched;
  }

  /**
   * Local full-text search, plus the server's SEARCH in folders whose bodies
   * are not all cached, merged into one list (local hits first, newest first).
   */
  async search(accountId: string, input: string, limit: number): Promise<SearchHit[]> {
    const q = parseQuery(input);
    const cache = this.caches.get(accountId);
    const local: SearchHit[] = cache.search(q, limit).map((h) => ({ ...h, source: 'cache' }));
    if (q.text.length === 0) return local;
    const seen = new Set(local.map((h) => `${h.folder}\u0000${h.uid}`));
    const server: SearchHit[] = [];
    const deadline = performance.now() + SERVER_SEARCH_BUDGET_MS;
    let folders = cache.foldersWithUncachedBodies();
    if (q.folder !== null) folders = folders.filter((f) => f === q.folder || f.startsWith(`${q.folder}/`));
    try {
      const client = await this.pool.client(accountId);
      for (const folder of folders) {
        if (performance.now() > deadline || local.length + server.length >= limit) break;
        const lock = await openReadOnly(client, folder);
        let uids: number[] = [];
        try {
          // Server SEARCH is not diacritic-insensitive: it sees the folded words only when the mail has none.
          // imapflow ANDs the keys of one object, so each term is its own SEARCH and the results are intersected.
          const criteria = [
            ...q.text.map((t) => ({ body: t })),
            ...q.from.map((t) => ({ from: t })),
            ...q.to.map((t) => ({ to: t })),
            ...q.subject.map((t) => ({ subject: t })),
          ];
          let acc = null as Set<number> | null;
          for (const c of criteria) {
            const found = await client.search(c, { uid: true });
            const set: Set<number> = new Set(Array.isArray(found) ? found : []);
            acc = acc === null ? set : new Set([...acc].filter((u) => set.has(u)));
            if (acc.size === 0) break;
          }
          uids = [...(acc ?? [])];
        } finally {
          lock.release();
        }
        for (const hit of cache.byUids(folder, uids)) {
          const h: SearchHit = { ...hit, source: 'server' };
          if (!seen.has(`${hit.folder}\u0000${hit.uid}`) && matchesFilters(h, q)) server.push(h);
        }
      }
    } catch (e) {
      // Offline: the local results still stand.
      if (!(e instanceof AppError) || !['HOST_UNREACHABLE', 'TIMEOUT', 'TLS_FAILED'].includes(e.code)) throw e;
    }
    return [...local, ...server].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '')).slice(0, limit);
  }

  close(): Promise<void> {
    return this.pool.closeAll();
  }
}

function matchesFilters(hit: SearchHit, q: ReturnType<typeof parseQuery>): boolean {
  const t = hit.date ? Date.parse(hit.date) : NaN;
  if (q.hasAttachment && !hit.hasAttachments) return false;
  if (q.unread && hit.flags.includes('\\Seen')) return false;
  if (q.flagged && !hit.flags.includes('\\Flagged')) return false;
  if (q.before !== null && !(t < q.before)) return false;
  if (q.after !== null && !(t >= q.after)) return false;
  return true;
}
