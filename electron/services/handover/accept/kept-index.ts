// The index of the package being worked on, read once: the comparison, each page of its message
// lists and the restore ask for it again and again, and reading messages.jsonl takes about a
// second for 100,000 messages. One index is kept, for its directory and the size and modification
// time of the files it comes from; a change to any of them, or another directory, reads afresh.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BAG_FILES } from '../bag/bag-layout.ts';
import { readPackageIndex, type PackageIndex } from './package-index.ts';

const SOURCES = [BAG_FILES.foldersJson, BAG_FILES.messagesJsonl, BAG_FILES.bagInfo];

interface Kept {
  dir: string;
  stamp: string;
  index: Promise<PackageIndex>;
}

export class KeptPackageIndex {
  private kept: Kept | null = null;
  private readonly reader: (dir: string) => Promise<PackageIndex>;

  /** `reader`: how an index is read (tests count the readings). */
  constructor(reader: (dir: string) => Promise<PackageIndex> = readPackageIndex) {
    this.reader = reader;
  }

  async read(dir: string): Promise<PackageIndex> {
    const stamp = await stampOf(dir);
    const k = this.kept;
    if (k && k.dir === dir && k.stamp === stamp) return k.index;
    // Kept before anything else is awaited, so calls arriving together share one reading.
    const index = this.reader(dir);
    this.kept = { dir, stamp, index };
    // A failed reading is not kept: the next call reads again (and says why again).
    index.catch(() => {
      if (this.kept?.index === index) this.kept = null;
    });
    return index;
  }

  /** Forgets the kept index (its package was closed). */
  clear(): void {
    this.kept = null;
  }
}

/** Size and modification time of each source file ('-' for one that is missing). */
async function stampOf(dir: string): Promise<string> {
  const parts = await Promise.all(
    SOURCES.map((f) =>
      stat(join(dir, f)).then(
        (s) => `${s.size}:${s.mtimeMs}`,
        () => '-',
      ),
    ),
  );
  return parts.join('|');
}
