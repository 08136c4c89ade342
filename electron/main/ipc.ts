import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS, type EventMap, type EventName } from '../../shared/contract.ts';
import { AppError } from '../services/errors/app-error.ts';
import type { Dispatcher } from '../services/api/dispatcher.ts';
import { APP_ORIGIN } from './app-protocol.ts';

/** Only the app's own top-level document may call main. */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    return (
      new URL(frame.url).origin === APP_ORIGIN ||
      (process.env.ELECTRON_RENDERER_URL !== undefined && frame.url.startsWith(process.env.ELECTRON_RENDERER_URL))
    );
  } catch {
    return false;
  }
}

/** One ipcMain handler per contract channel, all going through the same dispatcher. */
export function registerIpcHandlers(ipcMain: IpcMain, dispatch: Dispatcher): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: new AppError('VALIDATION', `untrusted sender for ${channel}`).toPayload() };
      }
      return dispatch(channel, payload);
    });
  }
}

export function emit<E extends EventName>(target: WebContents, event: E, payload: EventMap[E]): void {
  if (!target.isDestroyed()) target.send(event, payload);
}
