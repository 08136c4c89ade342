// Exposes verbs only: the renderer never sees ipcRenderer, and listeners get
// payloads, never the IPC event.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, EVENTS, buildVerbs, type EventName } from '../../shared/contract.ts';

const verbs = buildVerbs(CHANNELS, (channel, input) => ipcRenderer.invoke(channel, input));

contextBridge.exposeInMainWorld('unitMailbox', {
  ...verbs,
  on(event: EventName, listener: (payload: unknown) => void): () => void {
    if (!EVENTS.includes(event)) throw new Error(`unknown event ${String(event)}`);
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
});
