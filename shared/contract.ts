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
import type { FolderInfo, MessageDetail, MessageSummary } from './mail.ts';
import { preferencesPatchSchema, type Preferences } from './settings.ts';

/** Phantom marker carrying a call's result type. */
export interface Call<I extends z.ZodType, R> {
  input: I;
  /** Never set at runtime; only carries R for the type checker. */
  readonly result?: R;
}

function call<R>() {
  return <I extends z.ZodType>(input: I): Call<I, R> => ({ input });
}

const accountRef = z.object({ accountId: z.string().min(1).max(200) });
const folderRef = accountRef.extend({ folder: z.string().min(1).max(1000) });

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

  /** Opens a link from a message, after the user saw its real target. */
  'links.open': call<{ opened: boolean }>()(z.object({ url: z.string().max(8192) })),
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
export interface EventMap {
  'accounts.changed': { accounts: AccountSummary[] };
}
export type EventName = keyof EventMap;
export const EVENTS: EventName[] = ['accounts.changed'];

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
