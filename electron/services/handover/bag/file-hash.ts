import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface FileDigest {
  size: number;
  sha256: string;
  sha512: string;
}

/** SHA-256 and SHA-512 of bytes in one pass. */
export function digestBytes(bytes: Uint8Array): FileDigest {
  return {
    size: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sha512: createHash('sha512').update(bytes).digest('hex'),
  };
}

/** Both digests of a file, streamed (bounded memory whatever its size). */
export async function digestFile(path: string): Promise<FileDigest> {
  const a = createHash('sha256');
  const b = createHash('sha512');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    a.update(buf);
    b.update(buf);
    size += buf.length;
  }
  return { size, sha256: a.digest('hex'), sha512: b.digest('hex') };
}
