import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Electron executable if it is already on this machine, found the way the
 * electron package finds it but WITHOUT its download-on-first-use fallback.
 */
export function installedElectronBinary(): string | null {
  const pkg = fileURLToPath(new URL('../../node_modules/electron/', import.meta.url));
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const candidates = [
    process.env.ELECTRON_OVERRIDE_DIST_PATH ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative) : null,
    existsSync(pathFile) ? join(pkg, 'dist', relative) : null,
  ];
  return candidates.find((c): c is string => c !== null && existsSync(c)) ?? null;
}
