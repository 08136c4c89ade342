// The package an incoming head is working on, opened once: a .tar is extracted into a private temp
// directory on first use and kept for the calls that follow (verify-and-accept, compare, the
// comparison's message lists, restore) instead of being extracted again for each. One package is
// kept: opening another, or the same .tar changed on disk (size or modification time), removes the
// previous extraction; dispose() removes the last. A directory is used where it is.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { openBag, type OpenedBag } from '../verify/open-bag.ts';

interface Kept {
  path: string;
  size: number;
  mtimeMs: number;
  bag: Promise<OpenedBag>;
}

export class OpenedBags {
  private kept: Kept | null = null;
  private readonly opener: (path: string) => Promise<OpenedBag>;

  /** `opener`: how a package is opened (tests count the extractions). */
  constructor(opener: (path: string) => Promise<OpenedBag> = openBag) {
    this.opener = opener;
  }

  /** The opened package at `path`: its directory, and the problems found while opening it. */
  async open(path: string): Promise<OpenedBag> {
    const st = await stat(path).catch(() => null);
    // A directory, or a path that cannot be read (the opener says why): nothing to keep.
    if (!st || st.isDirectory()) return this.opener(path);
    const k = this.kept;
    if (k && k.path === path && k.size === st.size && k.mtimeMs === st.mtimeMs) return k.bag;
    // Kept before anything else is awaited, so calls arriving together share one extraction.
    const bag = this.opener(path);
    this.kept = { path, size: st.size, mtimeMs: st.mtimeMs, bag };
    // A failed opening is not kept: the next call tries again.
    bag.catch(() => {
      if (this.kept?.bag === bag) this.kept = null;
    });
    if (k) await removed(k);
    return bag;
  }

  /**
   * Files were appended to the kept .tar (the acceptance receipt): they are written into its
   * extraction too and its new size and time kept, so the two stay the same without extracting again.
   */
  async appended(path: string, files: ReadonlyArray<{ name: string; content: Uint8Array }>): Promise<void> {
    const k = this.kept;
    if (!k || k.path !== path) return;
    const bag = await k.bag;
    for (const f of files) {
      await mkdir(dirname(join(bag.dir, f.name)), { recursive: true });
      await writeFile(join(bag.dir, f.name), f.content);
    }
    const st = await stat(path);
    if (this.kept === k) Object.assign(k, { size: st.size, mtimeMs: st.mtimeMs });
  }

  /** Removes the kept extraction. */
  async dispose(): Promise<void> {
    await this.drop();
  }

  private async drop(): Promise<void> {
    const k = this.kept;
    this.kept = null;
    if (k) await removed(k);
  }
}

/** Removes a kept extraction (one that failed has nothing to remove). */
const removed = (k: Kept): Promise<void> => k.bag.then((b) => b.cleanup()).catch(() => undefined);
