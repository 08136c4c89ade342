import Conf from 'conf';
import type { KeyValueStore } from './key-value-store.ts';

/** `<profileDir>/config.json`, the same file electron-store uses in the app's userData. */
export function createConfStore(profileDir: string): KeyValueStore {
  const conf = new Conf<Record<string, unknown>>({
    cwd: profileDir,
    configName: 'config',
    projectName: 'unit-mailbox',
    // Writes go through a temp file and rename (conf uses `atomically`).
    watch: false,
    clearInvalidConfig: false,
  });
  return {
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
  };
}
