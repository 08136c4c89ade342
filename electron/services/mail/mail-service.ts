import { simpleParser } from './lazy-mailparser.ts';
import type { ImapFlow } from 'imapflow';
import type {
  CachedSummary,
  FolderInfo,
  MessageDetail,
  MessageSignature,
  MessageSummary,
  SearchHit,
  SearchPage,
} from '../../../shared/mail.ts';
import type { AccountService } from '../accounts/account-service.ts';
import type { CacheRegistry } from '../cache/cache-registry.ts';
import { AppError } from '../errors/app-error.ts';
import { ImapSessionPool } from '../imap/session-pool.ts';
import type { SearchOrder } from '../cache/search-index.ts';
import { isEmptyQuery, parseQuery, type SearchQuery } from '../search/query.ts';
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
    const { source, flags, internalDate } = await this.source(accountId, folder, uid);
    // An opaque signed message carries its content inside the signature: read that content.
    const opaque = this.verify ? opaqueSigned(source) : null;
    const detail = await parseMessage(opaque?.readable ?? source, { uid, folder, flags, internalDate });
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
  ): Promise<{ filename: string; contentType: string; content: Buffer; sender: string | null }> {
    const { source } = await this.source(accountId, folder, uid);
    const parsed = await simpleParser(source, { keepCidLinks: true });
    const att = parsed.attachments[index];
    if (!att) throw new AppError('MESSAGE_NOT_FOUND', `message ${uid} has no attachment #${index}`);
    return {
      filename: att.filename ?? `attachment-${index + 1}`,
      contentType: att.contentType || 'application/octet-stream',
      content: att.content,
      sender: parsed.from?.value[0]?.address ?? null,
    };
  }

  /**
   * A message's exact bytes (from the cache when there, else the server, then kept), flags and a
   * date to show when its Date header is missing (the cached date is then the INTERNALDATE).
   */
  async source(
    accountId: string,
    folder: string,
    uid: number,
  ): Promise<{ source: Buffer; flags: string[]; internalDate: string | null }> {
    const cache = this.caches.get(accountId);
    const cached = cache.body(folder, uid);
    if (cached) {
      const row = cache.byUids(folder, [uid])[0];
      return { source: cached, flags: row?.flags ?? [], internalDate: row?.date ?? null };
    }
    const fetched = await fetchSource(await this.pool.client(accountId), folder, uid);
    cache.saveBody(folder, uid, fetched.source, await bodyText(fetched.source));
    return fetched;
  }

  /**
   * Search over the local full-text index (every synced message's text), ranked by relevance
   * then date, one page at a time with the total. Folders whose text is not all indexed yet
   * are also searched on the server, with the words as typed (never folded: the server does
   * not fold diacritics), and its hits that the index did not find follow the local ones.
   */
  async search(accountId: string, input: string, page: SearchPageOptions = {}): Promise<SearchPage> {
    const q = parseQuery(input, { typing: page.typing === true });
    const offset = page.offset ?? 0;
    const limit = page.limit ?? 200;
    const empty: SearchPage = { total: 0, offset, hits: [], serverFolders: [], serverUnavailable: false };
    if (isEmptyQuery(q)) return empty;
    const cache = this.caches.get(accountId);
    let folders = q.clauses.length ? cache.foldersNotIndexed() : [];
    if (q.folder !== null) folders = folders.filter((f) => inFolder(f, q.folder as string));
    const server = folders.length ? await this.serverOnlyHits(accountId, q, folders) : { hits: [], reached: true };
    const local = cache.search(q, { offset, limit, order: page.order ?? 'relevance' });
    const hits: SearchHit[] = local.rows.map((h) => ({ ...h, source: 'cache' }));
    const from = Math.max(0, offset - local.total);
    hits.push(...server.hits.slice(from, from + limit - hits.length));
    return {
      total: local.total + server.hits.length,
      offset,
      hits,
      serverFolders: folders,
      serverUnavailable: !server.reached,
    };
  }

  /** Hits of the server's SEARCH in `folders` that the local index does not have, newest first. */
  private async serverOnlyHits(
    accountId: string,
    q: SearchQuery,
    folders: string[],
  ): Promise<{ hits: SearchHit[]; reached: boolean }> {
    const cache = this.caches.get(accountId);
    const out: SearchHit[] = [];
    const deadline = performance.now() + SERVER_SEARCH_BUDGET_MS;
    try {
      const client = await this.pool.client(accountId);
      for (const folder of folders) {
        if (performance.now() > deadline) break;
        const uids = await serverSearch(client, folder, q);
        if (uids.length === 0) continue;
        const fresh = cache.index.serverOnly({ ...q, folder }, folder, uids);
        for (const hit of cache.byUids(folder, fresh))
          if (matchesFilters(hit, q)) out.push({ ...hit, source: 'server' });
      }
    } catch (e) {
      // Offline: the local results still stand, and the page says the server was not reached.
      if (!(e instanceof AppError) || !['HOST_UNREACHABLE', 'TIMEOUT', 'TLS_FAILED', 'NETWORK'].includes(e.code))
        throw e;
      return { hits: out, reached: false };
    }
    return { hits: out.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '')), reached: true };
  }

  close(): Promise<void> {
    return this.pool.closeAll();
  }
}

export interface SearchPageOptions {
  offset?: number;
  limit?: number;
  /** The search box, as one types: the last word is a prefix. */
  typing?: boolean;
  order?: SearchOrder;
}

const inFolder = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/** UID SEARCH in one folder: each text clause as typed (imapflow ANDs one object's keys, so one SEARCH per clause). */
async function serverSearch(client: ImapFlow, folder: string, q: SearchQuery): Promise<number[]> {
  const key = { any: 'text', from: 'from', to: 'to', cc: 'cc', subject: 'subject', body: 'body', attachment: 'body' };
  const lock = await openReadOnly(client, folder);
  try {
    let acc = null as Set<number> | null;
    for (const { field, term } of q.clauses) {
      const found = await client.search({ [key[field]]: term.raw }, { uid: true });
      const set = new Set<number>(Array.isArray(found) ? found : []);
      acc = acc === null ? set : new Set([...acc].filter((u) => set.has(u)));
      if (acc.size === 0) break;
    }
    return [...(acc ?? [])];
  } finally {
    lock.release();
  }
}

function matchesFilters(hit: CachedSummary, q: SearchQuery): boolean {
  const t = hit.date ? Date.parse(hit.date) : NaN;
  const has = (flag: string) => hit.flags.includes(flag);
  if (q.hasAttachment && !hit.hasAttachments) return false;
  if (q.seen !== undefined && has('\\Seen') !== q.seen) return false;
  if (q.flagged !== undefined && has('\\Flagged') !== q.flagged) return false;
  if (q.answered !== undefined && has('\\Answered') !== q.answered) return false;
  if (q.before !== null && !(t < q.before)) return false;
  if (q.after !== null && !(t >= q.after)) return false;
  return true;
}
