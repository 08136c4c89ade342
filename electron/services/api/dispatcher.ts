import { contract, isChannel, type Envelope } from '../../../shared/contract.ts';
import { AppError, toAppError } from '../errors/app-error.ts';
import type { AppServices } from '../app-services.ts';
import { createHandlers } from './handlers.ts';

export type Dispatcher = (channel: string, payload: unknown) => Promise<Envelope<unknown>>;

/**
 * Validates a payload against the contract and runs its handler. Used by
 * main's ipcMain handlers and by the UI test bridge alike, so both see the
 * same validation and the same typed errors.
 */
export function createDispatcher(services: AppServices): Dispatcher {
  const handlers = createHandlers(services) as Record<string, (input: unknown) => Promise<unknown>>;
  return async (channel, payload) => {
    try {
      if (!isChannel(channel)) throw new AppError('VALIDATION', `unknown channel ${String(channel)}`);
      const parsed = contract[channel].input.safeParse(payload ?? {});
      if (!parsed.success) {
        const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
        throw new AppError('VALIDATION', `${channel}: ${where}`);
      }
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (e) {
      const error = toAppError(e);
      services.logger.log(error.code === 'INTERNAL' ? 'error' : 'warn', 'call failed', {
        channel: String(channel),
        code: error.code,
        detail: error.detail,
      });
      return { ok: false, error: error.toPayload() };
    }
  };
}
