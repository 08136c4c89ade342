// The single IPC contract. The preload, the main-process handlers and the
// test bridge are all derived from this table; nothing else names a channel.
import { z } from 'zod';
import {
  accountDraftSchema,
  emailSchema,
  passwordSchema,
  type AccountSummary,
  type AutoconfigResult,
  type ConnectionTestResult,
} from './account.ts';
import type { AppErrorPayload } from './errors.ts';
import type {
  CachedSummary,
  FolderInfo,
  MessageDetail,
  MessagePage,
  MessageSummary,
  SearchPage,
  SyncProgressEvent,
  SyncSummary,
} from './mail.ts';
import { preferencesPatchSchema, type Preferences } from './settings.ts';

import { accountRef, call, folderRef } from './contract-call.ts';
import { DELEGATION_EVENTS, delegationContract, type DelegationEvents } from './contract-delegation.ts';
import { HANDOVER_EVENTS, handoverContract, type HandoverEvents } from './contract-handover.ts';
import { COMPOSE_EVENTS, composeContract, type ComposeEvents } from './contract-compose.ts';
import { LEDGER_EVENTS, ledgerContract, type LedgerEvents } from './contract-ledger.ts';
import { NOTICE_EVENTS, noticesContract, type NoticeEvents } from './contract-notices.ts';
import { auditContract } from './contract-audit.ts';

export type { Call } from './contract-call.ts';

export const contract = {
  'app.info': call<{ version: string; platform: string; profileDir: string }>()(z.object({})),

  'preferences.get': call<Preferences>()(z.object({})),
  'preferences.update': call<Preferences>()(preferencesPatchSchema),

  'accounts.list': call<AccountSummary[]>()(z.object({})),
  'accounts.autoconfig': call<AutoconfigResult>()(z.object({ email: emailSchema })),
  'accounts.test': call<ConnectionTestResult>()(z.object({ draft: accountDraftSchema, password: passwordSchema })),
  'accounts.add': call<AccountSummary>()(z.object({ draft: accountDraftSchema, password: passwordSchema })),
  'accounts.update': call<AccountSummary>()(
    accountRef.extend({ draft: accountDraftSchema, password: passwordSchema.optional() }),
  ),
  'accounts.remove': call<{ removed: true }>()(accountRef),

  /** Asks main to show an open-file dialog for a CA certificate (PEM). */
  'dialogs.pickCaFile': call<{ path: string; pem: string } | null>()(z.object({})),

  'mail.folders': call<FolderInfo[]>()(accountRef),
  'mail.messages': call<MessageSummary[]>()(folderRef.extend({ limit: z.number().int().min(1).max(500).default(50) })),
  'mail.message': call<MessageDetail>()(folderRef.extend({ uid: z.number().int().positive() })),

  /** Cached folders (works offline); counts from the cache. */
  'cache.folders': call<FolderInfo[]>()(accountRef),
  /** A window of a folder's messages from the cache, for the virtualized list. */
  'cache.list': call<MessagePage>()(
    folderRef.extend({
      sort: z.enum(['date', 'from', 'subject']).default('date'),
      descending: z.boolean().default(true),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
      unread: z.boolean().optional(),
      flagged: z.boolean().optional(),
      withAttachments: z.boolean().optional(),
    }),
  ),
  'cache.thread': call<CachedSummary[]>()(accountRef.extend({ threadId: z.string().min(1).max(2000) })),
  'cache.directives': call<CachedSummary[]>()(
    accountRef.extend({ limit: z.number().int().min(1).max(5000).default(500) }),
  ),
  /** Local full-text search with operators, merged with the server's SEARCH for what is not cached. */
  'cache.search': call<SearchPage>()(
    accountRef.extend({
      query: z.string().max(1000),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
      /** From the search box as one types: the last word is unfinished and matches as a prefix. */
      typing: z.boolean().default(false),
    }),
  ),
  /** Starts (or joins) a sync of the account; progress arrives as 'sync.progress' events. */
  'sync.start': call<SyncSummary>()(accountRef.extend({ folders: z.array(z.string().min(1)).optional() })),
  'sync.cancel': call<{ cancelled: boolean }>()(accountRef),
  /** Push: IDLE on INBOX and on the folder the user has open (changes arrive as 'cache.changed'). */
  'sync.watch': call<{ watching: string[] }>()(accountRef.extend({ folder: z.string().min(1).max(1000).optional() })),

  /** Explicit flag changes (mark read/unread, flag); never implicit on open. */
  'mail.setFlags': call<{ updated: number }>()(
    folderRef.extend({
      uids: z.array(z.number().int().positive()).min(1).max(10_000),
      add: z.array(z.string().min(1).max(200)).default([]),
      remove: z.array(z.string().min(1).max(200)).default([]),
    }),
  ),
  /** Moves messages; returns what is needed to undo. */
  'mail.move': call<{ undoToken: string; moved: number }>()(
    folderRef.extend({
      uids: z.array(z.number().int().positive()).min(1).max(10_000),
      target: z.string().min(1).max(1000),
    }),
  ),
  /** Moves messages to Trash (never expunges outright); undoable. */
  'mail.trash': call<{ undoToken: string; moved: number }>()(
    folderRef.extend({ uids: z.array(z.number().int().positive()).min(1).max(10_000) }),
  ),
  'mail.undo': call<{ restored: number }>()(accountRef.extend({ undoToken: z.string().min(1).max(200) })),
  /** Fetches a message's remote images through main (size-capped) as data: URLs, on explicit request. */
  'mail.remoteImages': call<Record<string, string>>()(
    folderRef.extend({
      uid: z.number().int().positive(),
      urls: z.array(z.string().max(4096)).max(200),
      /** Without a click (the sender is on the "always load" list): main loads only for an authenticated sender. */
      auto: z.boolean().default(false),
    }),
  ),
  'senders.allowRemote': call<{ allowed: string[] }>()(
    accountRef.extend({ address: z.string().max(320), allow: z.boolean().default(true) }),
  ),
  /** Saves an attachment through a native save dialog. */
  'attachments.save': call<{ saved: boolean; path: string | null }>()(
    folderRef.extend({ uid: z.number().int().positive(), index: z.number().int().min(0) }),
  ),

  /** Opens a link from a message, after the user saw its real target. */
  'links.open': call<{ opened: boolean }>()(z.object({ url: z.string().max(8192) })),

  // Identities and handover (shared/contract-handover.ts), delegation (shared/contract-delegation.ts).
  ...handoverContract,
  ...delegationContract,
  ...composeContract,
  ...ledgerContract,
  ...noticesContract,
  ...auditContract,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type CallInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.infer<Contract[C]['input']>;
export type CallResult<C extends Channel> = Exclude<Contract[C]['result'], undefined>;

export const CHANNELS = Object.keys(contract) as Channel[];

/** What every invoke returns over the wire: errors travel as data, typed. */
export type Envelope<R> = { ok: true; value: R } | { ok: false; error: AppErrorPayload };

/** Events pushed from main to the renderer; callbacks receive the payload only. */
export interface EventMap extends HandoverEvents, DelegationEvents, ComposeEvents, LedgerEvents, NoticeEvents {
  'accounts.changed': { accounts: AccountSummary[] };
  'sync.progress': SyncProgressEvent;
  /** New directives found by a sync, one event per batch (the app shows a desktop notification each). */
  'directives.new': { accountId: string; messages: CachedSummary[] };
  /** A folder's cached contents changed (sync, IDLE, an action). */
  'cache.changed': { accountId: string; folders: string[] };
}
export type EventName = keyof EventMap;
export const EVENTS: EventName[] = [
  'accounts.changed',
  'sync.progress',
  'directives.new',
  'cache.changed',
  ...HANDOVER_EVENTS,
  ...DELEGATION_EVENTS,
  ...COMPOSE_EVENTS,
  ...LEDGER_EVENTS,
  ...NOTICE_EVENTS,
];

type Nested<Path extends string, V> = Path extends `${infer Head}.${infer Rest}`
  ? { [K in Head]: Nested<Rest, V> }
  : { [K in Path]: V };
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export type Verb<C extends Channel> = (input: CallInput<C>) => Promise<Envelope<CallResult<C>>>;

/** The object the preload (or the test bridge) puts on `window.unitMailbox`. */
export type UnitMailboxApi = UnionToIntersection<{ [C in Channel]: Nested<C, Verb<C>> }[Channel]> & {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};

/**
 * Builds the nested verb object from a flat invoke function. Self-contained
 * (no closures over module scope) so the test bridge can ship it into a page
 * with Function.prototype.toString.
 */
export function buildVerbs(
  channels: readonly string[],
  invoke: (channel: string, input: unknown) => Promise<unknown>,
): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const channel of channels) {
    const parts = channel.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    const leaf = parts[parts.length - 1] as string;
    node[leaf] = (input: unknown) => invoke(channel, input ?? {});
  }
  return root;
}

export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
