// A scripted stand-in for the services behind the contract, for renderer tests
// that need situations a real server makes hard to stage (100,000 messages,
// an offline sync, a directive arriving now). It keeps messages in memory and
// pushes cache.changed / sync.progress events to the page through the bridge.
// Folders can also be synthetic: rows computed from their index, so a 100k
// folder costs nothing to hold.
//
// It is held to the real contract: its handlers are typed `HandlersFor` the
// channels it serves (a result that drifts from shared/contract.ts is a type
// error), and every call goes through the real dispatcher machinery
// (`dispatcherFor`), so payloads are validated by the same zod schemas and
// errors travel as the same typed envelopes. A call the contract refuses is
// recorded in `refused`, which the suites check is empty.
import type { AccountSummary } from '../../shared/account.ts';
import type { CallResult, Channel, EventMap, EventName, ParsedInput } from '../../shared/contract.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import type {
  CachedSummary,
  FolderInfo,
  MessageDetail,
  MessagePage,
  SearchHit,
  SyncSummary,
} from '../../shared/mail.ts';
import type { Preferences } from '../../shared/settings.ts';
import { foldText } from '../../shared/text-fold.ts';
import { dispatcherFor, type Dispatcher } from '../../electron/services/api/dispatcher.ts';
import type { Handlers, HandlersFor } from '../../electron/services/api/handler-types.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { FakeCompose } from './fake-compose.ts';
import { FakeLedger } from './fake-ledger.ts';
import { FakeNotices } from './fake-notices.ts';
import { FakeReceipts } from './fake-receipts.ts';

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

/** The channels the fake answers itself. */
export type FakeChannel =
  | 'preferences.get'
  | 'preferences.update'
  | 'accounts.list'
  | 'mail.folders'
  | 'cache.folders'
  | 'sync.watch'
  | 'sync.start'
  | 'sync.cancel'
  | 'cache.list'
  | 'cache.thread'
  | 'cache.directives'
  | 'cache.search'
  | 'mail.message'
  | 'mail.setFlags'
  | 'mail.move'
  | 'mail.trash'
  | 'mail.undo'
  | 'senders.allowRemote';

/**
 * A test's own answer to a call, typed by the contract: replaces the fake's handler or serves a
 * channel the fake does not. `fake()` runs the fake's handler with the same input (INTERNAL for a
 * channel it does not serve). A failure is thrown as an AppError, as a real handler's is.
 */
export type FakeOverrides = {
  [C in Channel]?: (
    input: ParsedInput<C>,
    fake: () => Promise<CallResult<C>>,
  ) => Promise<CallResult<C>> | CallResult<C>;
};

export interface FakeMailboxOptions {
  account: AccountSummary;
  folders: FolderInfo[];
  messages?: CachedSummary[];
  synthetic?: Record<string, SyntheticFolder>;
  preferences?: Partial<Preferences>;
  overrides?: FakeOverrides;
  /** 'instant': sync.start answers at once; 'manual': the test settles it (settleSync). */
  sync?: 'instant' | 'manual';
  /** Delay added to every cache.list answer (ms), to look like a slower main process. */
  listDelayMs?: number;
  /** The fake's clock for the ledger (default 2026-12-02 10:00 in Vietnam). */
  now?: () => Date;
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
  /** Calls the contract refused (unknown channel, or a payload its schema rejects): the page drifted. */
  readonly refused: Array<{ channel: string; detail: string }> = [];
  /** Every sync.start the page made. */
  syncStarts = 0;
  private emitter: Emit | null = null;
  private readonly opts: FakeMailboxOptions;
  private readonly undo = new Map<string, Array<{ from: string; to: string; uid: number }>>();
  private nextToken = 1;
  private pendingSync: Array<{ resolve(v: SyncSummary): void; reject(e: AppError): void }> = [];
  /** Compose and the outbox (fake-compose.ts). */
  readonly compose: FakeCompose;
  /** Read receipts, contacts and the directory (fake-receipts.ts). */
  readonly receipts: FakeReceipts;
  /** The processing ledger (fake-ledger.ts). */
  readonly ledger: FakeLedger;
  /** The notices main keeps for the app's list (fake-notices.ts). */
  readonly notices: FakeNotices;

  /** The fake's implementation of its part of the contract. */
  readonly handlers: HandlersFor<FakeChannel> = {
    'preferences.get': async () => this.preferences,
    'preferences.update': async (patch) => {
      this.preferences = { ...this.preferences, ...patch };
      return this.preferences;
    },
    'accounts.list': async () => [this.account],
    'mail.folders': async () => this.folderList(),
    'cache.folders': async () => this.folderList(),
    'sync.watch': async () => ({ watching: ['INBOX'] }),
    'sync.start': async () => {
      this.syncStarts += 1;
      if (this.opts.sync === 'manual')
        return new Promise((resolve, reject) => this.pendingSync.push({ resolve, reject }));
      return SUMMARY;
    },
    'sync.cancel': async () => {
      const had = this.pendingSync.length > 0;
      this.settleSync({ ok: false, code: 'INTERNAL', messageVi: 'Đã hủy đồng bộ.' });
      return { cancelled: had };
    },
    'cache.list': async (q) => {
      if (this.opts.listDelayMs) await new Promise((r) => setTimeout(r, this.opts.listDelayMs));
      return this.list(q);
    },
    'cache.thread': async ({ threadId }) =>
      this.messages.filter((m) => m.threadId === threadId).sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '')),
    'cache.directives': async ({ limit }) =>
      this.messages
        .filter((m) => m.isDirective)
        .sort((a, b) => b.urgency - a.urgency || (b.date ?? '').localeCompare(a.date ?? ''))
        .slice(0, limit),
    'cache.search': async ({ query, offset, limit }) => {
      const all = this.search(query);
      return {
        total: all.length,
        offset,
        hits: all.slice(offset, offset + limit),
        serverFolders: [],
        serverUnavailable: false,
      };
    },
    'mail.message': async ({ folder, uid }) => this.detail(folder, uid),
    'mail.setFlags': async ({ folder, uids, add, remove }) => {
      const selected = new Set(uids);
      let updated = 0;
      this.messages = this.messages.map((m) => {
        if (m.folder !== folder || !selected.has(m.uid)) return m;
        updated += 1;
        const flags = m.flags.filter((f) => !remove.includes(f));
        for (const f of add) if (!flags.includes(f)) flags.push(f);
        return { ...m, flags };
      });
      this.changed([folder]);
      return { updated };
    },
    'mail.move': async ({ folder, uids, target }) => this.move(folder, uids, target),
    'mail.trash': async ({ folder, uids }) =>
      this.move(folder, uids, this.folders.find((f) => f.specialUse === '\\Trash')?.path ?? 'Trash'),
    'mail.undo': async ({ undoToken }) => {
      const moves = this.undo.get(undoToken);
      if (!moves) throw new AppError('VALIDATION', 'nothing to undo (expired or unknown token)');
      this.undo.delete(undoToken);
      const back = new Map(moves.map((m) => [`${m.to}\n${m.uid}`, m.from]));
      this.messages = this.messages.map((m) => {
        const from = back.get(key(m));
        return from === undefined ? m : { ...m, folder: from };
      });
      this.changed([...new Set(moves.flatMap((m) => [m.from, m.to]))]);
      return { restored: moves.length };
    },
    'senders.allowRemote': async () => ({ allowed: [] }),
  };

  /** What the bridge calls: the real dispatcher machinery over the fake's handlers and the test's overrides. */
  readonly dispatch: Dispatcher;

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
      sendUndoSeconds: 10,
      receiptPolicy: 'ask',
      ledgerAutoRegister: 'directives',
      ledgerDeadlineDays: { 'hoa-toc': 0, 'thuong-khan': 1, khan: 2, thuong: 7 },
      ...opts.preferences,
    };
    const undoSeconds = () => this.preferences.sendUndoSeconds;
    this.compose = new FakeCompose(opts.account, undoSeconds, (p) => void this.emit('outbox.changed', p));
    this.receipts = new FakeReceipts(() => this.preferences.receiptPolicy);
    this.ledger = new FakeLedger({
      mailbox: opts.account.email,
      accountId: opts.account.id,
      now: opts.now ?? (() => new Date('2026-12-02T03:00:00Z')),
      message: (folder, uid) => this.messages.find((m) => m.folder === folder && m.uid === uid),
      emit: (p) => void this.emit('ledger.changed', p),
    });
    this.notices = new FakeNotices((p) => this.emit('notices.new', p));
    const own = {
      ...this.handlers,
      ...this.compose.handlers,
      ...this.receipts.handlers,
      ...this.ledger.handlers,
      ...this.notices.handlers,
    };
    this.dispatch = dispatcherFor(withOverrides(own, opts.overrides ?? {}), {
      log: (_level, message, fields) => {
        if (message === 'call refused')
          this.refused.push({ channel: String(fields?.channel), detail: String(fields?.detail) });
      },
    });
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
    for (const p of this.pendingSync.splice(0)) {
      if (outcome.ok) p.resolve(SUMMARY);
      else
        p.reject(
          new AppError(outcome.code, `sync failed: ${outcome.code}`, {
            ...(outcome.messageVi ? { messageVi: outcome.messageVi } : {}),
          }),
        );
    }
  }

  get syncPending(): number {
    return this.pendingSync.length;
  }

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

  private move(folder: string, uids: number[], target: string): CallResult<'mail.move'> {
    const selected = new Set(uids);
    const moves: Array<{ from: string; to: string; uid: number }> = [];
    this.messages = this.messages.map((m) => {
      if (m.folder !== folder || !selected.has(m.uid)) return m;
      moves.push({ from: folder, to: target, uid: m.uid });
      return { ...m, folder: target };
    });
    const undoToken = `undo-${this.nextToken++}`;
    this.undo.set(undoToken, moves);
    this.changed([folder, target]);
    return { undoToken, moved: moves.length };
  }

  private list(q: ParsedInput<'cache.list'>): MessagePage {
    const { folder, offset, limit } = q;
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
    const value = (m: CachedSummary) =>
      q.sort === 'from'
        ? foldText(m.from[0]?.name || m.from[0]?.address || '')
        : q.sort === 'subject'
          ? foldText(m.subject)
          : (m.date ?? '');
    const sign = q.descending ? -1 : 1;
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

  private detail(folder: string, uid: number): MessageDetail {
    const synthetic = this.synthetic[folder];
    const m = synthetic
      ? synthetic.row(Math.max(0, synthetic.total - uid))
      : this.messages.find((x) => x.folder === folder && x.uid === uid);
    if (!m) throw new AppError('MESSAGE_NOT_FOUND', `UID ${uid} not found in ${folder}`);
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
    return detail;
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

/** The fake's handlers with the test's overrides laid over them, as one table for the dispatcher. */
function withOverrides(own: Partial<Handlers>, overrides: FakeOverrides): Partial<Handlers> {
  // Loosely typed inside only: both tables are checked against the contract where they are written.
  type Loose = (input: unknown) => Promise<unknown>;
  type LooseOverride = (input: unknown, fake: () => Promise<unknown>) => unknown;
  const table = { ...own } as Record<string, Loose>;
  for (const [channel, override] of Object.entries(overrides) as Array<[string, LooseOverride | undefined]>) {
    if (!override) continue;
    const mine = table[channel];
    const fake = (input: unknown) =>
      mine ? mine(input) : Promise.reject(new AppError('INTERNAL', `fake mailbox has no ${channel}`));
    table[channel] = async (input) => override(input, () => fake(input));
  }
  return table as Partial<Handlers>;
}
