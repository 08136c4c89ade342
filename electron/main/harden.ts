// The Electron edge's security policy as small functions over the Electron objects they are
// given (the real ones in index.ts, fakes in test/unit/electron-main*.test.ts):
//  - every web contents (the window, the mail frame's host, anything created later): no new
//    windows, no navigation or redirect away from the loaded page, no <webview>;
//  - the session: every permission request and check denied; every request that is not the app
//    itself cancelled at the network layer, beneath any page's CSP.
import { APP_ORIGIN } from './app-protocol.ts';

/** What preventDefault-able Electron events carry. */
interface Preventable {
  preventDefault(): void;
}

/** The parts of a WebContents the guards use. */
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/** The parts of Electron's `app` the guards use. */
export interface AppEvents {
  on(event: string, listener: (...args: never[]) => void): unknown;
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheckHandler = (contents: unknown, permission: string) => boolean;
type RequestFilter = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;

/** The parts of a Session the policy sets. */
export interface GuardedSession {
  webRequest: { onBeforeRequest(filter: RequestFilter): void };
  setPermissionRequestHandler(handler: PermissionRequestHandler): void;
  setPermissionCheckHandler(handler: PermissionCheckHandler): void;
}

/** Subframe documents the app itself makes: the mail frame is an `about:srcdoc` frame. */
const INERT_FRAME_URLS = new Set(['about:srcdoc', 'about:blank']);

/**
 * Denies, on one web contents: window.open and target=_blank (new windows), navigation of the
 * top frame (links, location changes, meta refresh), redirects, navigation of subframes to
 * anything but an inert document, and attaching a <webview>.
 */
export function hardenWebContents(contents: GuardedContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event: Preventable) => event.preventDefault());
  contents.on('will-redirect', (event: Preventable) => event.preventDefault());
  contents.on('will-attach-webview', (event: Preventable) => event.preventDefault());
  contents.on('will-frame-navigate', (details: Preventable & { url: string; isMainFrame: boolean }) => {
    if (details.isMainFrame || !INERT_FRAME_URLS.has(details.url)) details.preventDefault();
  });
}

/** Hardens every web contents the app will ever create, not only the main window's. */
export function guardAllWebContents(app: AppEvents): void {
  app.on('web-contents-created', (_event: unknown, contents: GuardedContents) => hardenWebContents(contents));
}

/**
 * The dev server's URL (electron-vite's ELECTRON_RENDERER_URL), honoured only in an unpackaged
 * app and only for http(s) on the loopback host: a packaged app never loads a page from it.
 */
export function devRendererUrl(isPackaged: boolean, env: Record<string, string | undefined>): string | null {
  const value = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !value) return null;
  try {
    const url = new URL(value);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return (url.protocol === 'http:' || url.protocol === 'https:') && loopback ? url.href : null;
  } catch {
    return null;
  }
}

/** The page the window loads: the app's own protocol, or the dev server when allowed. */
export function rendererEntryUrl(devUrl: string | null): string {
  return devUrl ?? `${APP_ORIGIN}/index.html`;
}

/** Whether a request may leave the page: only the app's own files, data: URLs, DevTools, and the dev server in dev. */
export function isRequestAllowed(url: string, devUrl: string | null): boolean {
  if (url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('data:') || url.startsWith('devtools:')) return true;
  if (devUrl === null) return false;
  const dev = new URL(devUrl);
  // Vite's module requests and its hot-reload socket, on the dev server's own host and port.
  return url.startsWith(dev.origin + '/') || url.startsWith(`ws://${dev.host}/`) || url === `ws://${dev.host}`;
}

/** Session policy: all permissions refused (requests and checks), remote requests cancelled. */
export function hardenSession(session: GuardedSession, devUrl: string | null): void {
  session.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isRequestAllowed(details.url, devUrl) }),
  );
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
