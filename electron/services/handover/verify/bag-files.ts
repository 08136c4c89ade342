// The files of a bag as found on disk, relative '/' paths, without following symbolic links.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface FoundFile {
  /** False for symbolic links, devices…: a bag holds regular files only. */
  regular: boolean;
}

export async function listBagFiles(root: string): Promise<Map<string, FoundFile>> {
  const out = new Map<string, FoundFile>();
  const walk = async (dir: string, rel: string) => {
    // No stat per file: sizes come from hashing (listed files) or sizeOf() (the rest).
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(join(dir, e.name), path);
      else out.set(path, { regular: e.isFile() });
    }
  };
  await walk(root, '');
  return out;
}

export async function sizeOf(root: string, path: string): Promise<number> {
  try {
    return (await lstat(join(root, path))).size;
  } catch {
    return 0;
  }
}
