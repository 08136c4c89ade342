/**
 * Persistence for non-secret settings. The app backs it with electron-store
 * and the CLI with conf (the library electron-store is built on); both point
 * at `<profile>/config.json`, so they read and write the same file.
 */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}
