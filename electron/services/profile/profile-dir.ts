import { join } from 'node:path';

/** Folder name under the platform's app-data directory, shared by app and CLI. */
export const PROFILE_FOLDER = 'unit-mailbox';

/**
 * The app's userData folder, computed the way Electron computes appData, so the
 * CLI finds the app's settings without Electron. Main sets userData to this.
 */
export function defaultProfileDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = env.HOME ?? env.USERPROFILE ?? '.',
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PROFILE_FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PROFILE_FOLDER);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PROFILE_FOLDER);
}
