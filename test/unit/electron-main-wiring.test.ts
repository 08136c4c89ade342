// electron/main/index.ts against a fake Electron, as a packaged app: that the policy functions
// (harden.ts, window-options.ts, ipc.ts) are actually wired in — every web contents guarded from
// the start, the session's permission handlers and network filter set before the window loads,
// the window built with the hardened options, the dev-server URL ignored once packaged, and
// every IPC channel behind the sender check. Runs without the Electron binary.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const state = {
    calls: [] as string[],
    appListeners: new Map<string, (...args: unknown[]) => void>(),
    windowOptions: [] as unknown[],
    ipcHandlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
    permissionCheck: null as null | ((contents: unknown, permission: string) => boolean),
    ready: null as null | (() => void),
    loaded: null as null | (() => void),
  };
  const windowLoads = new Promise<void>((resolve) => {
    state.loaded = resolve;
  });
  class BrowserWindow {
    static getAllWindows = () => [];
    webContents = { isDestroyed: () => false, send: () => undefined };
    constructor(options: unknown) {
      state.windowOptions.push(options);
    }
    once() {}
    loadURL(url: string) {
      state.calls.push(`loadURL ${url}`);
      state.loaded?.();
      return Promise.resolve();
    }
  }
  const electronModule = {
    app: {
      isPackaged: true,
      setPath: () => undefined,
      getPath: () => '/nonexistent/unit-mailbox-profile',
      getVersion: () => '0.0.0-test',
      on: (event: string, listener: (...args: unknown[]) => void) => {
        state.calls.push(`app.on ${event}`);
        state.appListeners.set(event, listener);
      },
      whenReady: () =>
        new Promise<void>((resolve) => {
          state.ready = resolve;
        }),
    },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) =>
        state.ipcHandlers.set(channel, handler),
    },
    session: {
      defaultSession: {
        webRequest: { onBeforeRequest: () => state.calls.push('onBeforeRequest') },
        setPermissionRequestHandler: () => state.calls.push('setPermissionRequestHandler'),
        setPermissionCheckHandler: (handler: (contents: unknown, permission: string) => boolean) => {
          state.calls.push('setPermissionCheckHandler');
          state.permissionCheck = handler;
        },
      },
    },
    BrowserWindow,
    Notification: { isSupported: () => false },
  };
  return { state, electronModule, windowLoads };
});

vi.mock('electron', () => ({ ...fake.electronModule, default: fake.electronModule }));
vi.mock('../../electron/main/platform.ts', () => ({
  electronDialogs: () => ({}),
  electronSettingsStore: () => ({ get: () => undefined, set: () => undefined }),
  openExternal: async () => undefined,
}));
vi.mock('../../electron/services/app-services.ts', () => ({
  // Every start…() main calls (upkeep, outbox, ledger, …) is a no-op here: new ones need no edit.
  createAppServices: () =>
    new Proxy(
      {
        events: { on: () => () => undefined },
        lifetime: { add: <T>(d: T) => d },
        dispose: async () => undefined,
      } as Record<string, unknown>,
      { get: (target, key) => (typeof key === 'string' && key in target ? target[key] : () => undefined) },
    ),
}));
vi.mock('../../electron/services/keychain/os-keychain.ts', () => ({ OsKeychain: class {} }));

const processWithResources = process as unknown as { resourcesPath?: string };

describe('electron/main/index.ts wiring (packaged, fake Electron)', () => {
  beforeAll(async () => {
    // A packaged app started with a dev-server URL in its environment must not load it.
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/');
    processWithResources.resourcesPath = '/nonexistent/resources';
    await import('../../electron/main/index.ts');
    if (!fake.state.ready) throw new Error('main did not wait for app.whenReady()');
    fake.state.ready();
    await fake.windowLoads;
  });

  afterAll(() => {
    vi.unstubAllEnvs();
    delete processWithResources.resourcesPath;
  });

  it('guards every web contents from the moment main loads, before any window exists', () => {
    const guard = fake.state.calls.indexOf('app.on web-contents-created');
    const loaded = fake.state.calls.findIndex((c) => c.startsWith('loadURL'));
    expect(guard).toBeGreaterThanOrEqual(0);
    expect(guard).toBeLessThan(loaded);
    const listeners = new Map<string, unknown>();
    let openHandler: unknown = null;
    fake.state.appListeners.get('web-contents-created')?.(
      {},
      {
        setWindowOpenHandler: (h: unknown) => (openHandler = h),
        on: (event: string, l: unknown) => listeners.set(event, l),
      },
    );
    expect(typeof openHandler).toBe('function');
    expect([...listeners.keys()].sort()).toEqual([
      'will-attach-webview',
      'will-frame-navigate',
      'will-navigate',
      'will-redirect',
    ]);
  });

  it('sets the session policy (filter, permission request and check) before the window loads', () => {
    const loaded = fake.state.calls.findIndex((c) => c.startsWith('loadURL'));
    for (const call of ['onBeforeRequest', 'setPermissionRequestHandler', 'setPermissionCheckHandler']) {
      const at = fake.state.calls.indexOf(call);
      expect(at, call).toBeGreaterThanOrEqual(0);
      expect(at, call).toBeLessThan(loaded);
    }
    expect(fake.state.permissionCheck?.({}, 'media')).toBe(false);
  });

  it('opens the hardened window on the app protocol, ignoring the dev server once packaged', () => {
    expect(fake.state.calls.filter((c) => c.startsWith('loadURL'))).toEqual(['loadURL app://unit-mailbox/index.html']);
    expect(fake.state.windowOptions).toHaveLength(1);
    expect(fake.state.windowOptions[0]).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    });
  });

  it('refuses IPC from the dev server origin once packaged, and from subframes', async () => {
    const info = fake.state.ipcHandlers.get('app.info');
    if (!info) throw new Error('app.info not registered');
    const frame = (url: string, parent: unknown = null, routingId = 1) => ({ url, parent, processId: 4, routingId });
    const dev = frame('http://localhost:5173/');
    expect(await info({ senderFrame: dev, sender: { mainFrame: dev } }, {})).toMatchObject({ ok: false });
    const top = frame('app://unit-mailbox/index.html');
    const sub = frame('about:srcdoc', top, 2);
    expect(await info({ senderFrame: sub, sender: { mainFrame: top } }, {})).toMatchObject({ ok: false });
    // Positive control: the app's own top frame reaches the dispatcher (which then fails on the fake services).
    const answer = (await info({ senderFrame: top, sender: { mainFrame: top } }, {})) as {
      error?: { detail?: string };
    };
    expect(JSON.stringify(answer)).not.toContain('untrusted sender');
  });
});
