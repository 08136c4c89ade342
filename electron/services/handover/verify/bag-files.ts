// The files of a bag as found on disk, relative '/' paths, without following symbolic links.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface FoundFile {
  size: number;
  /** False for symbolic links, devices…: a bag holds regular files only. */
  regular: boolean;
}

export async function listBagFiles(root: string): Promise<Map<string, FoundFile>> {
  const out = new Map<string, FoundFile>();
  const walk = async (dir: string, rel: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        await walk(join(dir, e.name), path);
      } else if (e.isFile()) {
        out.set(path, { size: (await lstat(join(dir, e.name))).size, regular: true });
      } else {
        out.set(path, { size: 0, regular: false });
      }
    }
  };
  await walk(root, '');
  return out;
}
