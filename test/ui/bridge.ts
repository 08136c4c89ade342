// Stands in for the preload in Chromium UI tests: the page gets the same
// window.unitMailbox the preload exposes, built by the same buildVerbs from
// the same CHANNELS list, and every call is forwarded to a dispatcher in the
// test process: createDispatcher over the real services, or the same machinery
// (dispatcherFor) over a FakeMailbox's typed handlers.
import type { Page } from 'playwright-core';
import type { Dispatcher } from '../../electron/services/api/dispatcher.ts';
import { CHANNELS, EVENTS, buildVerbs, type EventMap, type EventName } from '../../shared/contract.ts';

export type { Dispatcher } from '../../electron/services/api/dispatcher.ts';

/** Where events come from in the test process: the real services' EventBus (services.events). */
export interface EventSource {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

export interface BridgeOptions {
  /** Forward every contract event from here to the page, as main forwards services.events to windows. */
  events?: EventSource;
}

export interface Bridge {
  /** Pushes an event to the page, as main's webContents.send would. */
  emit<E extends EventName>(event: E, payload: EventMap[E]): Promise<void>;
  /** Every call the page made, in order (channel and payload). */
  calls: Array<{ channel: string; payload: unknown }>;
  /** Every event pushed to the page, in order. */
  events: Array<{ event: EventName; payload: unknown }>;
  /** Stops forwarding events. */
  dispose(): void;
}

const INVOKE_BINDING = '__unitMailboxInvoke';
const EMIT_HOOK = '__unitMailboxEmit';

/**
 * Source of the init script. buildVerbs is shipped as its own source text
 * (it is written to be closure-free for exactly this), CHANNELS and EVENTS as
 * JSON: no hand-written channel list can drift from the contract.
 */
export function bridgeInitScript(): string {
  return `(() => {
  // Like the preload (nodeIntegrationInSubFrames off): top-level document only,
  // so the mail frame never gets the bridge.
  if (window !== window.top) return;
  const buildVerbs = (${buildVerbs.toString()});
  const channels = ${JSON.stringify(CHANNELS)};
  const events = ${JSON.stringify(EVENTS)};
  const listeners = new Map();
  // JSON both ways, like Electron's structured clone of plain data. (Playwright's own
  // argument serialization is far slower on large nested values such as a page of rows.)
  const verbs = buildVerbs(channels, async (channel, input) =>
    JSON.parse(await window[${JSON.stringify(INVOKE_BINDING)}](channel, JSON.stringify(input ?? {}))));
  const api = {
    ...verbs,
    on(event, listener) {
      if (!events.includes(event)) throw new Error('unknown event ' + String(event));
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  Object.defineProperty(window, 'unitMailbox', { value: Object.freeze(api), enumerable: true });
  Object.defineProperty(window, ${JSON.stringify(EMIT_HOOK)}, {
    value: (event, payload) => { for (const l of listeners.get(event) ?? []) l(payload); },
  });
})();`;
}

export async function installBridge(page: Page, dispatch: Dispatcher, options: BridgeOptions = {}): Promise<Bridge> {
  const calls: Bridge['calls'] = [];
  const events: Bridge['events'] = [];
  await page.exposeBinding(INVOKE_BINDING, async (_source, channel: unknown, json: unknown) => {
    const payload: unknown = JSON.parse(String(json));
    calls.push({ channel: String(channel), payload });
    return JSON.stringify(await dispatch(String(channel), payload));
  });
  await page.addInitScript({ content: bridgeInitScript() });
  const emit = async (event: EventName, payload: unknown): Promise<void> => {
    events.push({ event, payload });
    await page.evaluate(
      ([name, e, p]) => {
        const hook = (globalThis as unknown as Record<string, (e: string, p: unknown) => void>)[name];
        hook?.(e, p);
      },
      [EMIT_HOOK, event, payload] as const,
    );
  };
  // Forwarded in order, one at a time, like webContents.send; an event that
  // finds the page navigating or closed is dropped, as it would be in the app.
  let queue = Promise.resolve();
  const forward = (event: EventName, payload: unknown) => {
    queue = queue.then(() => emit(event, payload)).catch(() => undefined);
  };
  const offs = options.events ? EVENTS.map((event) => options.events?.on(event, (p) => forward(event, p))) : [];
  const dispose = () => {
    for (const off of offs.splice(0)) off?.();
  };
  page.on('close', dispose);
  return {
    calls,
    events,
    dispose,
    emit: (event, payload) => emit(event, payload),
  };
}
