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
import { APP_SCHEME, serveRenderer } from './app-protocol.ts';
import { devRendererUrl, guardAllWebContents, hardenSession, rendererEntryUrl } from './harden.ts';
import { mainWindowOptions } from './window-options.ts';
import { emit, registerIpcHandlers } from './ipc.ts';
import { wireDesktopNotices } from './desktop-notices.ts';
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

// Every web contents, now and later: no new windows, navigation, redirects or <webview>.
guardAllWebContents(app);
/** The dev server, only in an unpackaged app (electron-vite dev); null in a packaged one. */
const devUrl = devRendererUrl(app.isPackaged, process.env);

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(join(here, '../preload/index.cjs')));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererEntryUrl(devUrl));
  return win;
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
  // Queued ledger actions, deadline notices and the head's digest; the chain heads to the IT Centre.
  services.startLedgerUpkeep();
  services.startChainReport();
  serveRenderer(protocol, join(here, '../renderer'));
  // Remote content is blocked at the network layer, not only by CSP; every permission is refused.
  hardenSession(session.defaultSession, devUrl);
  registerIpcHandlers(ipcMain, createDispatcher(services), devUrl);
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
  // The ledger's notices (assigned to me, due tomorrow, overdue, returned, digest) on the desktop.
  const notices = wireDesktopNotices(events, {
    isSupported: () => Notification.isSupported(),
    show: (n) => new Notification(n).show(),
  });
  lifetime.add(toDisposable(notices));
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
