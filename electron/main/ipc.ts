import type { IpcMain, WebContents } from 'electron';
import { CHANNELS, type EventMap, type EventName } from '../../shared/contract.ts';
import { AppError } from '../services/errors/app-error.ts';
import type { Dispatcher } from '../services/api/dispatcher.ts';
import { APP_HOST, APP_SCHEME } from './app-protocol.ts';

/** The parts of an IPC event the sender check reads. */
export interface SenderEvent {
  senderFrame: { url: string; parent: unknown; processId: number; routingId: number } | null;
  sender?: { mainFrame?: { processId: number; routingId: number } };
}

/**
 * Only the app's own top-level document may call main: the sending frame must exist, be the top
 * frame of its web contents (no parent, and that contents' main frame), and show a page of the
 * app's own scheme and host (app://unit-mailbox), or of the dev server when one is allowed (unpackaged).
 */
export function isTrustedSender(event: SenderEvent, devUrl: string | null = null): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  // The same frame as its contents' main frame: compared by ids, WebFrameMain wrappers need not be identical objects.
  const main = event.sender?.mainFrame;
  if (main && (main.processId !== frame.processId || main.routingId !== frame.routingId)) return false;
  try {
    const url = new URL(frame.url);
    // Compared by scheme and host: for a non-special scheme such as app:, URL.origin is "null".
    if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
    return devUrl !== null && url.origin !== 'null' && url.origin === new URL(devUrl).origin;
  } catch {
    return false;
  }
}

/** One ipcMain handler per contract channel, all going through the same dispatcher. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatcher,
  devUrl: string | null = null,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event, devUrl)) {
        return { ok: false, error: new AppError('VALIDATION', `untrusted sender for ${channel}`).toPayload() };
      }
      return dispatch(channel, payload);
    });
  }
}

export function emit<E extends EventName>(target: WebContents, event: E, payload: EventMap[E]): void {
  if (!target.isDestroyed()) target.send(event, payload);
}
