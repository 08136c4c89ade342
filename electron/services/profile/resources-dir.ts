import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the folder holding resources/ (fonts, templates) for a run from sources or
 * from `out/` (CLI, tests): the nearest ancestor of this module that has one.
 * The packaged app passes `process.resourcesPath` instead (see electron-builder.yml).
 */
export function defaultResourcesDir(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'fonts'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), 'resources');
    dir = parent;
  }
}
