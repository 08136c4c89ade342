import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { installedElectronBinary } from './electron-binary.ts';

// ---------------------------------------------------------------------------------------------
// electron/main/index.ts against a fake Electron. Runs everywhere (this CI machine cannot
// download the Electron binary): main is imported with every Electron API it calls recorded,
// so the network filter it installs can be called with requests the page's CSP never sees.

interface FakeRequest {
  url: string;
  resourceType: string;
}
type RequestFilter = (details: FakeRequest, callback: (response: { cancel?: boolean }) => void) => void;

const fake = vi.hoisted(() => {
  const state = {
    /** Every Electron call that matters here, in order. */
    calls: [] as string[],
    requestFilters: [] as RequestFilter[],
    permissionHandlers: [] as Array<(wc: unknown, permission: string, callback: (granted: boolean) => void) => void>,
    ready: null as null | (() => void),
    windowLoading: null as null | (() => void),
  };
  /** Resolves when main's window starts loading its page. */
  const windowLoads = new Promise<void>((resolve) => {
    state.windowLoading = resolve;
  });
  const session = {
    defaultSession: {
      webRequest: {
        onBeforeRequest: (filter: RequestFilter) => {
          state.calls.push('session.defaultSession.webRequest.onBeforeRequest');
          state.requestFilters.push(filter);
        },
      },
      setPermissionRequestHandler: (handler: (typeof state.permissionHandlers)[number]) => {
        state.calls.push('session.defaultSession.setPermissionRequestHandler');
        state.permissionHandlers.push(handler);
      },
      setPermissionCheckHandler: () => state.calls.push('session.defaultSession.setPermissionCheckHandler'),
    },
  };
  class BrowserWindow {
    static getAllWindows = () => [];
    webContents = {
      setWindowOpenHandler: () => undefined,
      on: () => undefined,
      isDestroyed: () => false,
      send: () => undefined,
    };
    once() {}
    loadURL(url: string) {
      state.calls.push(`BrowserWindow.loadURL ${url}`);
      state.windowLoading?.();
      return Promise.resolve();
    }
  }
  const electronModule = {
    app: {
      // Unpackaged, without ELECTRON_RENDERER_URL: what `npm run preview` runs (packaged, main also
      // needs process.resourcesPath, which Node has not); the filter treats both the same.
      isPackaged: false,
      setPath: () => undefined,
      getPath: () => '/nonexistent/unit-mailbox-profile',
      getVersion: () => '0.0.0-test',
      on: () => undefined,
      whenReady: () =>
        new Promise<void>((resolve) => {
          state.ready = resolve;
        }),
    },
    protocol: {
      registerSchemesAsPrivileged: () => undefined,
      handle: (scheme: string) => state.calls.push(`protocol.handle ${scheme}`),
    },
    ipcMain: { handle: () => undefined },
    session,
    BrowserWindow,
    Notification: { isSupported: () => false },
  };
  return { state, electronModule, windowLoads };
});

vi.mock('electron', () => ({ ...fake.electronModule, default: fake.electronModule }));
// What main wires up around the filter: no real services, keychain or electron-store here.
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

describe("main's network filter (electron/main with a fake Electron)", () => {
  let filter: RequestFilter;
  /** What the filter answers for a request: true when it cancels it. */
  const cancels = (url: string, resourceType = 'other') => {
    let answer: { cancel?: boolean } | null = null;
    filter({ url, resourceType }, (response) => (answer = response));
    if (answer === null) throw new Error(`the filter did not answer for ${url}`);
    return (answer as { cancel?: boolean }).cancel === true;
  };

  beforeAll(async () => {
    delete process.env.ELECTRON_RENDERER_URL;
    await import('../../electron/main/index.ts');
    if (!fake.state.ready) throw new Error('main did not wait for app.whenReady()');
    fake.state.ready();
    await fake.windowLoads;
    expect(fake.state.requestFilters).toHaveLength(1);
    filter = fake.state.requestFilters[0]!;
  });

  it('is installed on the default session before the window loads anything', () => {
    const installed = fake.state.calls.indexOf('session.defaultSession.webRequest.onBeforeRequest');
    const loaded = fake.state.calls.findIndex((c) => c.startsWith('BrowserWindow.loadURL'));
    expect(installed).toBeGreaterThanOrEqual(0);
    expect(installed).toBeLessThan(loaded);
    expect(fake.state.calls[loaded]).toBe('BrowserWindow.loadURL app://unit-mailbox/index.html');
  });

  it('cancels remote requests that no CSP applies to', () => {
    // A top-level navigation, a download, a request made by main or a service worker, a
    // WebSocket, a prefetch: none of these goes through the page's CSP; all go through this filter.
    for (const [url, type] of [
      ['https://example.com/', 'mainFrame'],
      ['https://example.com/tracker.png', 'image'],
      ['http://127.0.0.1:8080/', 'xhr'],
      ['wss://example.com/socket', 'webSocket'],
      ['ftp://example.com/file', 'other'],
      ['file:///etc/passwd', 'mainFrame'],
      ['app://another-host/index.html', 'mainFrame'],
      ['app://unit-mailbox.example.com/', 'subFrame'],
    ]) {
      expect(cancels(url!, type), url).toBe(true);
    }
  });

  it("lets the app's own files, data: URLs and DevTools through", () => {
    for (const url of [
      'app://unit-mailbox/index.html',
      'app://unit-mailbox/assets/index.js',
      'data:image/png;base64,iVBORw0KGgo=',
      'devtools://devtools/bundled/inspector.html',
    ]) {
      expect(cancels(url), url).toBe(false);
    }
  });

  it('denies every permission request', () => {
    expect(fake.state.permissionHandlers).toHaveLength(1);
    let granted: boolean | null = null;
    fake.state.permissionHandlers[0]!({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// The packaged app in the real Electron. Needs the Electron binary, which this CI machine cannot
// download (Electron >= 42 fetches it on first use). Where it exists (a developer machine after
// `npm start`, or ELECTRON_OVERRIDE_DIST_PATH) these tests run.
const binary = installedElectronBinary();
if (!binary) {
  console.warn(
    'SKIPPED: Electron app tests: no Electron binary on this machine (set ELECTRON_OVERRIDE_DIST_PATH to run them).',
  );
}

describe.skipIf(!binary)('the packaged Electron app', () => {
  let app: ElectronApplication;
  let home: string;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'um-electron-'));
    app = await electron.launch({
      executablePath: binary!,
      args: [fileURLToPath(new URL('../../out/main/index.js', import.meta.url)), '--no-sandbox'],
      env: { ...process.env, XDG_CONFIG_HOME: home, HOME: home },
    });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('opens the first-run screen with the preload verbs and no Node in the page', async () => {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toBe('app://unit-mailbox/index.html');
    const shape = await page.evaluate(() => ({
      hasApi:
        typeof (globalThis as unknown as { unitMailbox?: { accounts?: { list?: unknown } } }).unitMailbox?.accounts
          ?.list === 'function',
      hasIpcRenderer: 'ipcRenderer' in ((globalThis as unknown as { unitMailbox?: object }).unitMailbox ?? {}),
      hasRequire: typeof (globalThis as unknown as { require?: unknown }).require !== 'undefined',
      hasProcess: typeof (globalThis as unknown as { process?: unknown }).process !== 'undefined',
    }));
    expect(shape).toEqual({ hasApi: true, hasIpcRenderer: false, hasRequire: false, hasProcess: false });
    const info = await page.evaluate(() =>
      (
        globalThis as unknown as { unitMailbox: { app: { info: (i: object) => Promise<unknown> } } }
      ).unitMailbox.app.info({}),
    );
    expect(info).toMatchObject({ ok: true, value: { profileDir: join(home, 'unit-mailbox') } });
  });

  it('blocks remote requests at the network layer, beneath any CSP', async () => {
    // A navigation started by main is under no page's CSP: only the webRequest filter can stop it,
    // and a request it cancels fails with ERR_BLOCKED_BY_CLIENT (without it: a DNS or connection
    // error, or the page itself).
    const outcome = await app.evaluate(async ({ BrowserWindow }) => {
      const probe = new BrowserWindow({ show: false });
      try {
        await probe.loadURL('https://example.com/');
        return 'loaded';
      } catch (e) {
        return (e as { code?: string }).code ?? String(e);
      } finally {
        probe.destroy();
      }
    });
    expect(outcome).toBe('ERR_BLOCKED_BY_CLIENT');
  });
});
