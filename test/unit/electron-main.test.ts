// electron/main's policy functions over fakes of the Electron objects they are given: the window's
// web preferences, the guards on every web contents, the session's permission handlers and
// network filter, the IPC sender check and the opener of external links (the fuses:
// electron-main-fuses.test.ts). No Electron binary needed: a regression here fails CI anywhere.
import { describe, expect, it } from 'vitest';
import { guardedOpenExternal } from '../../electron/main/external-links.ts';
import {
  devRendererUrl,
  guardAllWebContents,
  hardenSession,
  hardenWebContents,
  isRequestAllowed,
  rendererEntryUrl,
  type GuardedContents,
  type GuardedSession,
} from '../../electron/main/harden.ts';
import { isTrustedSender, registerIpcHandlers, type SenderEvent } from '../../electron/main/ipc.ts';
import { mainWindowOptions } from '../../electron/main/window-options.ts';
import { CHANNELS } from '../../shared/contract.ts';

type Listener = (...args: unknown[]) => void;

/** A web contents that records what is installed on it and lets the test fire its events. */
class FakeContents implements GuardedContents {
  listeners = new Map<string, Listener[]>();
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  on(event: string, listener: (...args: never[]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as unknown as Listener]);
    return this;
  }
  /** Fires an event with a preventable first argument; true when a listener prevented it. */
  fire(event: string, extra: Record<string, unknown> = {}): boolean {
    let prevented = false;
    const arg = { ...extra, preventDefault: () => (prevented = true) };
    const listeners = this.listeners.get(event) ?? [];
    if (listeners.length === 0) throw new Error(`nothing listens to ${event}`);
    for (const l of listeners) l(arg, extra.url);
    return prevented;
  }
}

describe('the main window', () => {
  it('is a sandboxed, context-isolated page without Node, under the same-origin policy', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.webPreferences).not.toHaveProperty('experimentalFeatures', true);
  });

  it('loads the app protocol; the dev server only in an unpackaged app, only on loopback', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    expect(devRendererUrl(true, env)).toBeNull();
    expect(rendererEntryUrl(devRendererUrl(true, env))).toBe('app://unit-mailbox/index.html');
    expect(devRendererUrl(false, env)).toBe('http://localhost:5173/');
    expect(rendererEntryUrl(devRendererUrl(false, env))).toBe('http://localhost:5173/');
    expect(devRendererUrl(false, {})).toBeNull();
    for (const bad of ['https://evil.example/', 'file:///tmp/index.html', 'javascript:alert(1)', 'not a url']) {
      expect(devRendererUrl(false, { ELECTRON_RENDERER_URL: bad }), bad).toBeNull();
    }
  });
});

describe('every web contents', () => {
  it('denies new windows, navigation, redirects and <webview>', () => {
    const contents = new FakeContents();
    hardenWebContents(contents);
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.fire('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.fire('will-navigate', { url: 'app://unit-mailbox/index.html' })).toBe(true);
    expect(contents.fire('will-redirect', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('lets a subframe show only an inert document (the mail frame is about:srcdoc)', () => {
    const contents = new FakeContents();
    hardenWebContents(contents);
    const frame = (url: string, isMainFrame: boolean) => contents.fire('will-frame-navigate', { url, isMainFrame });
    expect(frame('about:srcdoc', false)).toBe(false);
    expect(frame('about:blank', false)).toBe(false);
    expect(frame('https://evil.example/', false)).toBe(true);
    expect(frame('file:///etc/passwd', false)).toBe(true);
    expect(frame('app://unit-mailbox/index.html', false)).toBe(true);
    expect(frame('about:srcdoc', true)).toBe(true);
  });

  it('are all hardened as they are created, not only the main window', () => {
    const appListeners = new Map<string, Listener>();
    guardAllWebContents({
      on: (event: string, listener: (...args: never[]) => void) =>
        appListeners.set(event, listener as unknown as Listener),
    });
    const created = appListeners.get('web-contents-created');
    if (!created) throw new Error('no web-contents-created listener');
    const later = new FakeContents();
    created({}, later);
    expect(later.openHandler?.({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
    expect(later.fire('will-navigate', { url: 'https://x.example/' })).toBe(true);
    expect(later.fire('will-attach-webview')).toBe(true);
  });
});

describe('the session', () => {
  function hardened(devUrl: string | null) {
    const s = {
      filter: null as null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
      request: null as null | ((c: unknown, p: string, cb: (g: boolean) => void) => void),
      check: null as null | ((c: unknown, p: string) => boolean),
    };
    const session: GuardedSession = {
      webRequest: { onBeforeRequest: (f) => (s.filter = f) },
      setPermissionRequestHandler: (h) => (s.request = h),
      setPermissionCheckHandler: (h) => (s.check = h),
    };
    hardenSession(session, devUrl);
    const cancels = (url: string) => {
      let answer: boolean | null = null;
      s.filter?.({ url }, (r) => (answer = r.cancel));
      if (answer === null) throw new Error(`no answer for ${url}`);
      return answer;
    };
    return { ...s, cancels };
  }

  it('refuses every permission, asked for or merely checked', () => {
    const s = hardened(null);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid']) {
      let granted: boolean | null = null;
      s.request?.({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(s.check?.({}, permission), permission).toBe(false);
    }
  });

  it('cancels every request but the app itself, data: and DevTools', () => {
    const s = hardened(null);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'ws://localhost:5173/',
      'file:///etc/passwd',
      'app://another-host/index.html',
      'app://unit-mailbox.example.com/',
      'app://unit-mailbox@evil.example/',
    ]) {
      expect(s.cancels(url), url).toBe(true);
    }
    for (const url of ['app://unit-mailbox/index.html', 'data:image/png;base64,AA==', 'devtools://devtools/x']) {
      expect(s.cancels(url), url).toBe(false);
    }
  });

  it('lets the dev server and its socket through only when a dev URL is allowed', () => {
    expect(isRequestAllowed('http://localhost:5173/src/main.tsx', null)).toBe(false);
    const dev = 'http://localhost:5173/';
    expect(isRequestAllowed('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isRequestAllowed('ws://localhost:5173/?token=x', dev)).toBe(true);
    expect(isRequestAllowed('http://localhost:8080/', dev)).toBe(false);
    expect(isRequestAllowed('http://localhost:5173.evil.example/', dev)).toBe(false);
  });
});

describe('IPC senders', () => {
  const ids = { processId: 4, routingId: 1 };
  const top = { url: 'app://unit-mailbox/index.html', parent: null, ...ids };
  const event = (
    frame: SenderEvent['senderFrame'],
    mainFrame: { processId: number; routingId: number } | undefined = frame ?? undefined,
  ): SenderEvent => ({
    senderFrame: frame,
    sender: mainFrame ? { mainFrame } : {},
  });

  it("accept only the app's own top frame", () => {
    expect(isTrustedSender(event(top))).toBe(true);
    expect(isTrustedSender(event(null))).toBe(false);
    expect(isTrustedSender(event({ url: 'about:srcdoc', parent: top, processId: 4, routingId: 7 }, top))).toBe(false);
    expect(isTrustedSender(event({ ...top, parent: top, routingId: 7 }, top))).toBe(false);
    // The frame claims no parent but is not its contents' main frame.
    expect(isTrustedSender(event({ ...top, routingId: 7 }, top))).toBe(false);
    expect(isTrustedSender(event({ ...top, processId: 5 }, top))).toBe(false);
    // Another wrapper object for the same frame is the same frame.
    expect(isTrustedSender(event({ ...top }, { ...ids }))).toBe(true);
  });

  it('check the frame URL: scheme and host of the app, nothing else', () => {
    for (const url of [
      'https://evil.example/',
      'file:///tmp/index.html',
      'app://another-host/index.html',
      'app://unit-mailbox.evil.example/',
      'http://localhost:5173/',
      'about:blank',
      '',
    ]) {
      expect(isTrustedSender(event({ url, parent: null, ...ids })), url).toBe(false);
    }
    const dev = { url: 'http://localhost:5173/', parent: null, ...ids };
    expect(isTrustedSender(event(dev), 'http://localhost:5173/')).toBe(true);
    expect(
      isTrustedSender(event({ url: 'http://localhost:5174/', parent: null, ...ids }), 'http://localhost:5173/'),
    ).toBe(false);
  });

  it('are checked on every channel before the dispatcher is reached', async () => {
    const handlers = new Map<string, (event: SenderEvent, payload: unknown) => Promise<unknown>>();
    const dispatched: string[] = [];
    registerIpcHandlers(
      {
        handle: ((channel: string, handler: (event: SenderEvent, payload: unknown) => Promise<unknown>) =>
          handlers.set(channel, handler)) as never,
      },
      async (channel) => {
        dispatched.push(channel);
        return { ok: true, value: null };
      },
    );
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    const open = handlers.get('links.open');
    if (!open) throw new Error('links.open not registered');
    const refused = (await open(event({ url: 'https://evil.example/', parent: null, ...ids }), { url: 'x' })) as {
      ok: boolean;
    };
    expect(refused.ok).toBe(false);
    expect(dispatched).toEqual([]);
    expect(await open(event(top), { url: 'https://example.com/' })).toEqual({ ok: true, value: null });
    expect(dispatched).toEqual(['links.open']);
  });
});

describe('opening a link outside the app', () => {
  it('hands the OS only normalised http(s) and mailto: URLs', async () => {
    const opened: string[] = [];
    const open = guardedOpenExternal(async (url) => {
      opened.push(url);
    });
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://server/share/x.exe',
      '\\\\server\\share\\x.exe',
      'ms-msdt:/id PCWDiagnostic',
      'data:text/html,x',
    ]) {
      await expect(open(bad), bad).rejects.toThrow(/refused link scheme/);
    }
    expect(opened).toEqual([]);
    await open('  HTTPS://Example.COM/a b');
    await open('https://bìnhphước.vn/');
    await open('mailto:vanthu@binhphuoc.gov.vn?subject=x');
    expect(opened).toEqual([
      'https://example.com/a%20b',
      'https://xn--bnhphc-wva68md49k.vn/',
      'mailto:vanthu@binhphuoc.gov.vn?subject=x',
    ]);
  });
});
