import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FileDigest } from './file-hash.ts';

export interface WriteOptions {
  /**
   * fsync the file before it takes its name (default true). False when the caller makes the
   * whole directory durable afterwards, before it counts the file as written.
   */
  sync?: boolean;
}

/**
 * Writes a file in pieces (bounded memory for indexes of any size) while computing SHA-256 and
 * SHA-512; the file appears under its name only once complete (and fsync'd, see WriteOptions).
 */
export class HashingWriter {
  private readonly path: string;
  private readonly tmp: string;
  private readonly sync: boolean;
  private handle: FileHandle | null = null;
  private readonly sha256: Hash = createHash('sha256');
  private readonly sha512: Hash = createHash('sha512');
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private size = 0;

  private constructor(path: string, sync: boolean) {
    this.path = path;
    this.tmp = `${path}.part`;
    this.sync = sync;
  }

  static async create(path: string, options: WriteOptions = {}): Promise<HashingWriter> {
    const w = new HashingWriter(path, options.sync ?? true);
    await mkdir(dirname(path), { recursive: true });
    w.handle = await open(w.tmp, 'w');
    return w;
  }

  async write(data: string | Uint8Array): Promise<void> {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    this.sha256.update(buf);
    this.sha512.update(buf);
    this.size += buf.length;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    if (this.pendingBytes >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0 || !this.handle) return;
    const buf = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    await this.handle.write(buf);
  }

  async close(): Promise<FileDigest> {
    await this.flush();
    if (this.handle) {
      if (this.sync) await this.handle.sync();
      await this.handle.close();
      this.handle = null;
    }
    await rename(this.tmp, this.path);
    return { size: this.size, sha256: this.sha256.digest('hex'), sha512: this.sha512.digest('hex') };
  }

  async abort(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
  }
}

/** Writes a whole file at once (temp name, fsync unless told, rename) and returns its digests. */
export async function writeHashed(
  path: string,
  data: string | Uint8Array,
  options: WriteOptions = {},
): Promise<FileDigest> {
  const w = await HashingWriter.create(path, options);
  try {
    await w.write(data);
    return await w.close();
  } catch (e) {
    await w.abort();
    throw e;
  }
}
