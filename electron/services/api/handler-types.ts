// The shape of a contract implementation, in its own module so that the handler tables
// (handlers.ts and its per-capability parts) and the UI test fake all import it without
// importing one another.
import type { CallResult, Channel, ParsedInput } from '../../../shared/contract.ts';

/** The handler of one call: receives the input as its zod schema parsed it (defaults applied). */
export type Handler<C extends Channel> = (input: ParsedInput<C>) => Promise<CallResult<C>>;

/** Handlers of a subset of the channels (one capability's part of the contract, or a test fake's). */
export type HandlersFor<C extends Channel> = { [K in C]: Handler<K> };

/** Every contract call: a channel without a handler does not compile. */
export type Handlers = HandlersFor<Channel>;
