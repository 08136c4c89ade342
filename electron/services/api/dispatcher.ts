import { contract, isChannel, type Envelope } from '../../../shared/contract.ts';
import { AppError, toAppError } from '../errors/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import type { AppServices } from '../app-services.ts';
import type { Handlers } from './handler-types.ts';
import { createHandlers } from './handlers.ts';

export type Dispatcher = (channel: string, payload: unknown) => Promise<Envelope<unknown>>;

/**
 * Validates a payload against the contract and runs its handler. Used by
 * main's ipcMain handlers and by the UI test bridge alike, so both see the
 * same validation and the same typed errors.
 */
export function createDispatcher(services: AppServices): Dispatcher {
  return dispatcherFor(createHandlers(services), services.logger);
}

/**
 * The dispatcher over any table of handlers: the real one above, or a test fake's handlers for the
 * channels it serves (test/ui/fake-mailbox.ts), which so get the same validation and errors. A
 * channel of the contract without a handler in the table answers INTERNAL.
 *
 * A call the contract refuses (unknown channel, payload its schema rejects) is logged as 'call
 * refused': the renderer sent what it never should, unlike a call whose handler failed.
 */
export function dispatcherFor(handlers: Partial<Handlers>, logger: Pick<Logger, 'log'>): Dispatcher {
  const table = handlers as Partial<Record<string, (input: unknown) => Promise<unknown>>>;
  return async (channel, payload) => {
    let refused = true;
    try {
      if (!isChannel(channel)) throw new AppError('VALIDATION', `unknown channel ${String(channel)}`);
      const parsed = contract[channel].input.safeParse(payload ?? {});
      if (!parsed.success) {
        const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
        throw new AppError('VALIDATION', `${channel}: ${where}`);
      }
      refused = false;
      const handler = Object.prototype.hasOwnProperty.call(table, channel) ? table[channel] : undefined;
      if (!handler) throw new AppError('INTERNAL', `no handler for ${channel}`);
      return { ok: true, value: await handler(parsed.data) };
    } catch (e) {
      const error = toAppError(e);
      logger.log(error.code === 'INTERNAL' ? 'error' : 'warn', refused ? 'call refused' : 'call failed', {
        channel: String(channel),
        code: error.code,
        detail: error.detail,
      });
      return { ok: false, error: error.toPayload() };
    }
  };
}
