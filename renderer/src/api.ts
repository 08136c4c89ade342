// Typed client over window.unitMailbox. The bridge never throws: every call
// returns an Envelope. Here envelopes become values, or a thrown UiError that
// carries the typed AppErrorPayload (messageVi for the user, detail for IT).
import type {
  CallInput,
  CallResult,
  Channel,
  Envelope,
  EventMap,
  EventName,
  UnitMailboxApi,
} from '../../shared/contract.ts';
import { ERROR_MESSAGES_VI, isAppErrorPayload, type AppErrorPayload } from '../../shared/errors.ts';

export class UiError extends Error {
  readonly payload: AppErrorPayload;

  constructor(payload: AppErrorPayload) {
    super(payload.detail || payload.messageVi);
    this.name = 'UiError';
    this.payload = payload;
  }

  get code(): AppErrorPayload['code'] {
    return this.payload.code;
  }
}

/** Normalises anything caught (bridge failure, bug) into a UiError. */
export function toUiError(error: unknown): UiError {
  if (error instanceof UiError) return error;
  if (isAppErrorPayload(error)) return new UiError(error);
  const detail = error instanceof Error ? error.message : String(error);
  return new UiError({ code: 'INTERNAL', messageVi: ERROR_MESSAGES_VI.INTERNAL, detail });
}

function bridge(): UnitMailboxApi {
  const api = window.unitMailbox;
  if (!api) {
    throw new UiError({
      code: 'INTERNAL',
      messageVi: ERROR_MESSAGES_VI.INTERNAL,
      detail: 'window.unitMailbox is missing: the preload bridge did not run',
    });
  }
  return api;
}

type RawVerb<C extends Channel> = (input: CallInput<C>) => Promise<Envelope<CallResult<C>>>;

/** Finds the nested verb for a channel ("accounts.list" → api.accounts.list). */
function verbOf<C extends Channel>(channel: C): RawVerb<C> {
  let node: unknown = bridge();
  for (const part of channel.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== 'function') {
    throw toUiError(new Error(`bridge has no verb for channel ${channel}`));
  }
  return node as RawVerb<C>;
}

/**
 * Calls one contract channel. Typed from shared/contract.ts, so there is no
 * hand-written list of verbs to drift from the contract.
 */
export async function invoke<C extends Channel>(channel: C, input: CallInput<C>): Promise<CallResult<C>> {
  let envelope: Envelope<CallResult<C>>;
  try {
    envelope = await verbOf(channel)(input);
  } catch (error) {
    throw toUiError(error);
  }
  if (envelope.ok) return envelope.value;
  throw new UiError(envelope.error);
}

/** Subscribes to a pushed event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  const api = window.unitMailbox;
  return api ? api.on(event, listener) : () => undefined;
}
