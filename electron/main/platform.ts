import { readFile } from 'node:fs/promises';
import { dialog, shell, type BrowserWindow, type FileFilter } from 'electron';
import ElectronStore from 'electron-store';
import type { Dialogs } from '../services/app-services.ts';
import { guardedOpenExternal } from './external-links.ts';
import type { KeyValueStore } from '../services/settings/key-value-store.ts';

/** Native open dialog for a CA certificate. */
export function electronDialogs(getWindow: () => BrowserWindow | null): Dialogs {
  return {
    async pickCaFile() {
      const win = getWindow();
      const options = {
        title: 'Chọn chứng chỉ CA (PEM)',
        properties: ['openFile' as const],
        filters: [{ name: 'PEM', extensions: ['pem', 'crt', 'cer'] }],
      };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const path = result.filePaths[0];
      if (result.canceled || !path) return null;
      const pem = await readFile(path, 'utf8');
      if (!pem.includes('-----BEGIN CERTIFICATE-----')) return null;
      return { path, pem };
    },
    async saveFile(suggestedName, title) {
      const win = getWindow();
      const options = { title: title ?? 'Lưu tệp đính kèm', defaultPath: suggestedName };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async pickFile(purpose, title) {
      const win = getWindow();
      const options = { title, properties: ['openFile' as const], filters: HANDOVER_FILTERS[purpose] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const path = result.filePaths[0];
      return result.canceled || !path ? null : path;
    },
    async pickDirectory(title) {
      const win = getWindow();
      const options = { title, properties: ['openDirectory' as const, 'createDirectory' as const] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const path = result.filePaths[0];
      return result.canceled || !path ? null : path;
    },
    async pickFiles(title) {
      const win = getWindow();
      const options = { title, properties: ['openFile' as const, 'multiSelections' as const] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
    },
  };
}

/** "All files" stays available: certificates arrive with every extension Windows and CAs invent. */
const HANDOVER_FILTERS: Record<'certificate' | 'p12' | 'bag' | 'contacts', FileFilter[]> = {
  certificate: [
    { name: 'Chứng thư số (PEM, DER)', extensions: ['pem', 'crt', 'cer', 'der'] },
    { name: 'Tất cả các tệp', extensions: ['*'] },
  ],
  p12: [
    { name: 'PKCS#12 (.p12, .pfx)', extensions: ['p12', 'pfx'] },
    { name: 'Tất cả các tệp', extensions: ['*'] },
  ],
  bag: [{ name: 'Gói bàn giao (.tar)', extensions: ['tar'] }],
  contacts: [
    { name: 'Danh bạ (vCard, CSV)', extensions: ['vcf', 'vcard', 'csv'] },
    { name: 'Tất cả các tệp', extensions: ['*'] },
  ],
};

/** shell.openExternal behind the check: only normalised http(s) and mailto: URLs reach the OS. */
export const openExternal = guardedOpenExternal((url) => shell.openExternal(url));

/** electron-store on `<userData>/config.json`, the file the CLI reads through conf. */
export function electronSettingsStore(userData: string): KeyValueStore {
  const store = new ElectronStore<Record<string, unknown>>({ cwd: userData, name: 'config', watch: false });
  return { get: (key) => store.get(key), set: (key, value) => store.set(key, value) };
}
