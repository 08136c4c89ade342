// A scripted stand-in for the services behind the contract, for renderer tests
// that need situations a real server makes hard to stage (100,000 messages,
// an offline sync, a directive arriving now). It keeps messages in memory,
// answers cache.* / mail.* / sync.* like the real handlers do (same shapes,
// typed errors as data) and pushes cache.changed / sync.progress events to
// the page through the bridge. Folders can also be synthetic: rows computed
// from their index, so a 100k folder costs nothing to hold.
import type { AccountSummary } from '../../shared/account.ts';
import type { Envelope, EventMap, EventName } from '../../shared/contract.ts';
import { ERROR_MESSAGES_VI, type ErrorCode } from '../../shared/errors.ts';
import type { CachedSummary, FolderInfo, MessageDetail, SearchHit, SyncSummary } from '../../shared/mail.ts';
import type { Preferences } from '../../shared/settings.ts';
import { foldText } from '../../shared/text-fold.ts';
import type { Dispatcher } from './bridge.ts';

export const ok = (value: unknown): Envelope<unknown> => ({ ok: true, value });
export const fail = (code: ErrorCode, detail: string, messageVi = ERROR_MESSAGES_VI[code]): Envelope<unknown> => ({
  ok: false,
  error: { code, messageVi, detail },
});

/** The unit mailbox most fake-backed tests use; `extra` overrides any field. */
export function fakeAccount(extra: Partial<AccountSummary> = {}): AccountSummary {
  return {
    id: 'acc-vanphong',
    kind: 'unit',
    displayName: 'Văn phòng UBND tỉnh',
    email: 'vanphong@binhphuoc.gov.vn',
    username: 'vanphong@binhphuoc.gov.vn',
    imap: { host: 'mail.binhphuoc.gov.vn', port: 993, security: 'tls' },
    smtp: { host: 'mail.binhphuoc.gov.vn', port: 587, security: 'starttls' },
    hasCustomCa: false,
    insecure: false,
    ...extra,
  };
}

export function folderInfo(path: string, extra: Partial<FolderInfo> = {}): FolderInfo {
  const parts = path.split('/');
  return {
    path,
    name: parts[parts.length - 1] ?? path,
    parentPath: parts.length > 1 ? parts.slice(0, -1).join('/') : null,
    delimiter: '/',
    specialUse: null,
    subscribed: true,
    selectable: true,
    messages: 0,
    unseen: 0,
    ...extra,
  };
}

/** A folder whose rows are computed from their position (newest first by date). */
export interface SyntheticFolder {
  total: number;
  row(index: number): CachedSummary;
}

export interface FakeMailboxOptions {
  account: AccountSummary;
  folders: FolderInfo[];
  messages?: CachedSummary[];
  synthetic?: Record<string, SyntheticFolder>;
  preferences?: Partial<Preferences>;
  /** Answers a call before the fake does (return undefined to let it answer, possibly after a wait). */
  override?(
    channel: string,
    input: Record<string, unknown>,
  ): Envelope<unknown> | Promise<Envelope<unknown> | undefined> | undefined;
  /** 'instant': sync.start answers at once; 'manual': the test settles it (syncControl). */
  sync?: 'instant' | 'manual';
  /** Delay added to every cache.list answer (ms), to look like a slower main process. */
  listDelayMs?: number;
}

type Emit = <E extends EventName>(event: E, payload: EventMap[E]) => Promise<void>;

const SUMMARY: SyncSummary = { folders: 0, messages: 0, added: 0, updated: 0, removed: 0, durationMs: 1 };
const key = (m: { folder: string; uid: number }) => `${m.folder}\n${m.uid}`;

export class FakeMailbox {
  readonly account: AccountSummary;
  folders: FolderInfo[];
  messages: CachedSummary[];
  readonly synthetic: Record<string, SyntheticFolder>;
  preferences: Preferences;
  private emitter: Emit | null = null;
  private readonly opts: FakeMailboxOptions;
  private readonly undo = new Map<string, Array<{ from: string; to: string; uid: number }>>();
  private nextToken = 1;
  private pendingSync: Array<{ resolve(v: Envelope<unknown>): void }> = [];
  /** Every sync.start the page made. */
  syncStarts = 0;

  constructor(opts: FakeMailboxOptions) {
    this.opts = opts;
    this.account = opts.account;
    this.folders = opts.folders;
    this.messages = opts.messages ?? [];
    this.synthetic = opts.synthetic ?? {};
    this.preferences = {
      language: 'vi',
      officialDomains: ['binhphuoc.gov.vn'],
      offlineBodyDays: 30,
      directiveLeadership: [],
      directiveSubjectPatterns: [],
      ...opts.preferences,
    };
  }

  /** Connects the fake to the page (the bridge's emit). */
  attach(emit: Emit): void {
    this.emitter = emit;
  }

  async emit<E extends EventName>(event: E, payload: EventMap[E]): Promise<void> {
    await this.emitter?.(event, payload);
  }

  /** Ends the pending sync.start calls ('manual' mode) with a summary or a typed error. */
  settleSync(outcome: { ok: true } | { ok: false; code: ErrorCode; messageVi?: string }): void {
    const answer = outcome.ok ? ok(SUMMARY) : fail(outcome.code, `sync failed: ${outcome.code}`, outcome.messageVi);
    for (const p of this.pendingSync.splice(0)) p.resolve(answer);
  }

  get syncPending(): number {
    return this.pendingSync.length;
  }

  readonly dispatch: Dispatcher = async (channel, payload) => {
    const input = (payload ?? {}) as Record<string, unknown>;
    const early = await this.opts.override?.(channel, input);
    if (early) return early;
    return this.answer(channel, input);
  };

  private inFolder(folder: string): CachedSummary[] {
    return this.messages.filter((m) => m.folder === folder);
  }

  private folderList(): FolderInfo[] {
    return this.folders.map((f) => {
      const synthetic = this.synthetic[f.path];
      if (synthetic) return { ...f, messages: synthetic.total, unseen: f.unseen };
      const list = this.inFolder(f.path);
      return { ...f, messages: list.length, unseen: list.filter((m) => !m.flags.includes('\\Seen')).length };
    });
  }

  private changed(folders: string[]): void {
    void this.emit('cache.changed', { accountId: this.account.id, folders });
  }

  private async answer(channel: string, input: Record<string, unknown>): Promise<Envelope<unknown>> {
    const folder = String(input.folder ?? '');
    switch (channel) {
      case 'preferences.get':
        return ok(this.preferences);
      case 'preferences.update':
        this.preferences = { ...this.preferences, ...input };
        return ok(this.preferences);
      case 'accounts.list':
        return ok([this.account]);
      case 'mail.folders':
      case 'cache.folders':
        return ok(this.folderList());
      case 'sync.watch':
        return ok({ watching: ['INBOX'] });
      case 'sync.start':
        this.syncStarts += 1;
        if (this.opts.sync === 'manual') return new Promise((resolve) => this.pendingSync.push({ resolve }));
        return ok(SUMMARY);
      case 'sync.cancel': {
        const had = this.pendingSync.length > 0;
        this.settleSync({ ok: false, code: 'INTERNAL', messageVi: 'Đã hủy đồng bộ.' });
        return ok({ cancelled: had });
      }
      case 'cache.list':
        if (this.opts.listDelayMs) await new Promise((r) => setTimeout(r, this.opts.listDelayMs));
        return ok(this.list(folder, input));
      case 'cache.thread':
        return ok(
          this.messages
            .filter((m) => m.threadId === input.threadId)
            .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '')),
        );
      case 'cache.directives':
        return ok(
          this.messages
            .filter((m) => m.isDirective)
            .sort((a, b) => b.urgency - a.urgency || (b.date ?? '').localeCompare(a.date ?? ''))
            .slice(0, Number(input.limit ?? 500)),
        );
      case 'cache.search':
        return ok(this.search(String(input.query ?? '')).slice(0, Number(input.limit ?? 200)));
      case 'mail.message':
        return this.detail(folder, Number(input.uid));
      case 'mail.setFlags': {
        const uids = new Set(input.uids as number[]);
        const add = (input.add as string[] | undefined) ?? [];
        const remove = (input.remove as string[] | undefined) ?? [];
        let updated = 0;
        this.messages = this.messages.map((m) => {
          if (m.folder !== folder || !uids.has(m.uid)) return m;
          updated += 1;
          const flags = m.flags.filter((f) => !remove.includes(f));
          for (const f of add) if (!flags.includes(f)) flags.push(f);
          return { ...m, flags };
        });
        this.changed([folder]);
        return ok({ updated });
      }
      case 'mail.move':
      case 'mail.trash': {
        const target =
          channel === 'mail.trash'
            ? (this.folders.find((f) => f.specialUse === '\\Trash')?.path ?? 'Trash')
            : String(input.target);
        const uids = new Set(input.uids as number[]);
        const moves: Array<{ from: string; to: string; uid: number }> = [];
        this.messages = this.messages.map((m) => {
          if (m.folder !== folder || !uids.has(m.uid)) return m;
          moves.push({ from: folder, to: target, uid: m.uid });
          return { ...m, folder: target };
        });
        const undoToken = `undo-${this.nextToken++}`;
        this.undo.set(undoToken, moves);
        this.changed([folder, target]);
        return ok({ undoToken, moved: moves.length });
      }
      case 'mail.undo': {
        const moves = this.undo.get(String(input.undoToken));
        if (!moves) return fail('VALIDATION', 'unknown undo token');
        this.undo.delete(String(input.undoToken));
        const back = new Map(moves.map((m) => [`${m.to}\n${m.uid}`, m.from]));
        this.messages = this.messages.map((m) => {
          const from = back.get(key(m));
          return from === undefined ? m : { ...m, folder: from };
        });
        this.changed([...new Set(moves.flatMap((m) => [m.from, m.to]))]);
        return ok({ restored: moves.length });
      }
      case 'senders.allowRemote':
        return ok({ allowed: [] });
      default:
        return fail('INTERNAL', `fake mailbox has no ${channel}`);
    }
  }

  private list(folder: string, q: Record<string, unknown>) {
    const offset = Number(q.offset ?? 0);
    const limit = Number(q.limit ?? 200);
    const synthetic = this.synthetic[folder];
    if (synthetic) {
      const rows: CachedSummary[] = [];
      for (let i = offset; i < Math.min(synthetic.total, offset + limit); i++) rows.push(synthetic.row(i));
      return { total: synthetic.total, offset, rows };
    }
    let list = this.inFolder(folder);
    if (q.unread) list = list.filter((m) => !m.flags.includes('\\Seen'));
    if (q.flagged) list = list.filter((m) => m.flags.includes('\\Flagged'));
    if (q.withAttachments) list = list.filter((m) => m.hasAttachments);
    const sort = String(q.sort ?? 'date');
    const value = (m: CachedSummary) =>
      sort === 'from'
        ? foldText(m.from[0]?.name || m.from[0]?.address || '')
        : sort === 'subject'
          ? foldText(m.subject)
          : (m.date ?? '');
    const sign = q.descending === false ? 1 : -1;
    list = [...list].sort((a, b) => sign * (value(a).localeCompare(value(b)) || a.uid - b.uid));
    return { total: list.length, offset, rows: list.slice(offset, offset + limit) };
  }

  /** Enough of the real query language for UI tests: from: subject: folder: is:unread has:attachment, words. */
  private search(query: string): SearchHit[] {
    const terms = query.match(/\S+:"[^"]*"|\S+/g) ?? [];
    return this.messages
      .filter((m) =>
        terms.every((term) => {
          const [op, ...rest] = term.split(':');
          const value = foldText(rest.join(':').replace(/^"|"$/g, ''));
          const people = foldText(m.from.map((a) => `${a.name} ${a.address}`).join(' '));
          switch (rest.length > 0 ? op : '') {
            case 'from':
              return people.includes(value);
            case 'subject':
              return foldText(m.subject).includes(value);
            case 'folder':
              return foldText(m.folder).includes(value);
            case 'is':
              return value === 'unread' ? !m.flags.includes('\\Seen') : m.flags.includes('\\Flagged');
            case 'has':
              return m.hasAttachments;
            default:
              return `${foldText(m.subject)} ${people} ${foldText(m.snippet)}`.includes(foldText(term));
          }
        }),
      )
      .map((m) => ({ ...m, source: m.uid >= 9000 ? ('server' as const) : ('cache' as const) }));
  }

  private detail(folder: string, uid: number): Envelope<unknown> {
    const synthetic = this.synthetic[folder];
    const m = synthetic
      ? synthetic.row(Math.max(0, synthetic.total - uid))
      : this.messages.find((x) => x.folder === folder && x.uid === uid);
    if (!m) return fail('MESSAGE_NOT_FOUND', `UID ${uid} not found in ${folder}`);
    const detail: MessageDetail = {
      uid: m.uid,
      folder: m.folder,
      messageId: `<${m.threadId}>`,
      date: m.date,
      from: m.from,
      to: m.to,
      cc: [],
      replyTo: [],
      subject: m.subject,
      flags: m.flags,
      text: m.snippet || 'Kính gửi Văn phòng UBND tỉnh,\n\nNội dung thư.\n',
      html: null,
      inlineImages: {},
      attachments: [],
      parseWarning: null,
      rawSource: null,
      legacyEncoding: null,
    };
    return ok(detail);
  }
}

/** A cached row with sensible defaults. */
export function cached(
  folder: string,
  uid: number,
  subject: string,
  extra: Partial<CachedSummary> = {},
): CachedSummary {
  return {
    folder,
    uid,
    date: new Date(Date.UTC(2026, 10, 1, 1, 0) + uid * 3_600_000).toISOString(),
    from: [{ name: 'Sở Nội vụ', address: 'sonoivu@binhphuoc.gov.vn' }],
    to: [{ name: '', address: 'vanphong@binhphuoc.gov.vn' }],
    subject,
    flags: [],
    size: 2048 + uid * 10,
    hasAttachments: false,
    threadId: `t-${folder}-${uid}`,
    isDirective: false,
    urgency: 0,
    snippet: '',
    ...extra,
  };
}
