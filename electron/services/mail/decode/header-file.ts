import { open } from 'node:fs/promises';
import { Buffer } from 'node:buffer';

/** No real header block is larger; past it the rest is not read. */
const MAX_HEADER_BYTES = 256 * 1024;
const CHUNK = 16 * 1024;

function blankLineEnd(bytes: Buffer): number {
  const lf = bytes.indexOf('\n\n');
  const crlf = bytes.indexOf('\r\n\r\n');
  const ends = [lf === -1 ? -1 : lf + 2, crlf === -1 ? -1 : crlf + 4].filter((n) => n !== -1);
  if (bytes[0] === 0x0a) ends.push(1);
  if (bytes[0] === 0x0d && bytes[1] === 0x0a) ends.push(2);
  return ends.length === 0 ? -1 : Math.min(...ends);
}

/** The header block of a message file (up to and with the blank line), read without the body. */
export async function readHeaderBlock(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    while (size < MAX_HEADER_BYTES) {
      const chunk = Buffer.alloc(CHUNK);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, size);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      size += bytesRead;
      // The whole head so far is searched, so a blank line cut across two chunks is found.
      const all = Buffer.concat(chunks);
      const end = blankLineEnd(all);
      if (end !== -1) return all.subarray(0, end);
      if (bytesRead < CHUNK) return all;
    }
    return Buffer.concat(chunks);
  } finally {
    await handle.close();
  }
}
