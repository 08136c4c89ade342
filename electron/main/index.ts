// The Electron adapter: window, protocol, security policy and IPC wiring.
// Everything it calls lives in ../services and runs without Electron.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Notification, app, ipcMain, protocol, session } from 'electron';
import { EVENTS } from '../../shared/contract.ts';
import { createAppServices, type AppServices } from '../services/app-services.ts';
import { createDispatcher } from '../services/api/dispatcher.ts';
import { OsKeychain } from '../services/keychain/os-keychain.ts';
import { defaultProfileDir } from '../services/profile/profile-dir.ts';
import { APP_ORIGIN, APP_SCHEME, serveRenderer } from './app-protocol.ts';
import { emit, registerIpcHandlers } from './ipc.ts';
import { electronDialogs, electronSettingsStore, openExternal } from './platform.ts';
import { systemClock } from '../services/clock/clock.ts';
import { toDisposable } from '../services/lifecycle/disposable.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
let mainWindow: BrowserWindow | null = null;
let services: AppServices | null = null;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// The CLI computes the same folder without Electron.
app.setPath('userData', defaultProfileDir());

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    title: 'Hộp thư đơn vị',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devUrl) void win.loadURL(devUrl);
  else void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/** Remote content is blocked at the network layer, not only by CSP: nothing leaves but the app itself. */
function blockRemoteRequests(): void {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url;
    const allowed =
      url.startsWith(`${APP_ORIGIN}/`) ||
      url.startsWith('data:') ||
      url.startsWith('devtools:') ||
      (devUrl !== undefined && !app.isPackaged && (url.startsWith(devUrl) || url.startsWith('ws://localhost')));
    callback({ cancel: !allowed });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}

app.whenReady().then(() => {
  const profileDir = app.getPath('userData');
  services = createAppServices({
    profileDir,
    secrets: new OsKeychain(),
    clock: systemClock,
    store: electronSettingsStore(profileDir),
    dialogs: electronDialogs(() => mainWindow),
    openExternal,
    appVersion: app.getVersion(),
    platform: process.platform,
    syncWorkerUrl: new URL('./sync-worker.js', import.meta.url),
    exportWorkerUrl: new URL('./fetch-worker.js', import.meta.url),
    resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : join(here, '../../resources'),
  });
  // Grants past their end date are revoked at start, then checked every minute.
  services.startDelegationUpkeep();
  services.startOutbox();
  serveRenderer(protocol, join(here, '../renderer'));
  blockRemoteRequests();
  registerIpcHandlers(ipcMain, createDispatcher(services));
  // Main's listeners belong to the services: disposing them on quit removes them too.
  const { events, lifetime } = services;
  for (const event of EVENTS) {
    const forward = events.on(event, (payload) => {
      for (const win of BrowserWindow.getAllWindows()) emit(win.webContents, event, payload);
    });
    lifetime.add(toDisposable(forward));
  }
  // One desktop notification per new directive (Art. 10: directives must be acted on).
  const notify = events.on('directives.new', ({ messages }) => {
    if (!Notification.isSupported()) return;
    for (const m of messages.slice(0, 5)) {
      const urgency = ['', 'Khẩn', 'Thượng khẩn', 'Hỏa tốc'][m.urgency] ?? '';
      new Notification({
        title: `${urgency ? `[${urgency}] ` : ''}Chỉ đạo mới`,
        body: `${m.from[0]?.name || m.from[0]?.address || ''}: ${m.subject}`,
        urgency: m.urgency >= 2 ? 'critical' : 'normal',
      }).show();
    }
  });
  lifetime.add(toDisposable(notify));
  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', () => {
  void services?.dispose();
});
