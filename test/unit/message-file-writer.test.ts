import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../electron/services/errors/app-error.ts';
import { digestBytes } from '../../electron/services/handover/bag/file-hash.ts';
import { MessageFileWriter } from '../../electron/services/handover/export/message-file-writer.ts';
import { tempDir } from '../support/temp-dir.ts';

const { dir: root, cleanup } = tempDir('um-writer-');
afterAll(cleanup);

describe('message file writer thread', () => {
  it('writes each file byte for byte and reports the digests of those bytes', async () => {
    const writer = new MessageFileWriter();
    try {
      const out = join(root, 'plain');
      mkdirSync(out);
      // Sizes around Node's Buffer pool (small ones share a slab and cannot be moved), an empty
      // message, and a view into a larger buffer (whose other bytes must stay the caller's).
      const parent = randomBytes(300_000);
      const cases = [
        Buffer.from('Subject: nhỏ\r\n\r\nx\r\n'),
        Buffer.alloc(0),
        randomBytes(4095),
        randomBytes(4096),
        randomBytes(Buffer.poolSize),
        randomBytes(2 * 1024 * 1024 + 17),
        parent.subarray(1000, 201_000),
      ];
      const expected = cases.map((b) => digestBytes(Buffer.from(b)));
      const parentBefore = Buffer.from(parent);
      const small = cases[0] as Buffer;
      const smallBefore = Buffer.from(small);
      const files = cases.map((bytes, i) => ({ path: join(out, `${i}.eml`), bytes }));
      const digests = await writer.write(files);
      expect(digests).toEqual(expected);
      for (const [i, e] of expected.entries()) {
        expect(digestBytes(readFileSync(join(out, `${i}.eml`)))).toEqual(e);
      }
      // Pooled and shared buffers were copied, not taken away from the caller.
      expect(small.equals(smallBefore)).toBe(true);
      expect(parent.equals(parentBefore)).toBe(true);
    } finally {
      await writer.close();
    }
  });

  it('fails a batch with the file named, keeping the files before it, and goes on after', async () => {
    const writer = new MessageFileWriter(true);
    try {
      const out = join(root, 'failing');
      mkdirSync(out);
      const batch = [
        { path: join(out, '1.eml'), bytes: Buffer.from('one') },
        { path: join(out, 'missing-folder', '2.eml'), bytes: Buffer.from('two') },
        { path: join(out, '3.eml'), bytes: Buffer.from('three') },
      ];
      const error = await writer.write(batch).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('FILE_ERROR');
      expect(isAppError(error) && error.detail).toContain(join('missing-folder', '2.eml'));
      expect(isAppError(error) && error.detail).toContain('ENOENT');
      expect(readdirSync(out)).toEqual(['1.eml']);
      expect(readFileSync(join(out, '1.eml'), 'utf8')).toBe('one');
      // The thread is still there for the next batch.
      const [d] = await writer.write([{ path: join(out, '3.eml'), bytes: Buffer.from('three') }]);
      expect(d).toEqual(digestBytes(Buffer.from('three')));
    } finally {
      await writer.close();
    }
  });

  it('holds readers back while too many bytes wait to be written', async () => {
    const writer = new MessageFileWriter();
    try {
      const out = join(root, 'room');
      mkdirSync(out);
      await writer.room(0); // nothing queued: at once
      const files = Array.from({ length: 8 }, (_, i) => ({ path: join(out, `${i}.eml`), bytes: randomBytes(1 << 20) }));
      const written = writer.write(files);
      // Resolves only once the 8 MB are on disk, whole.
      await writer.room(1024);
      for (const f of files) expect(statSync(f.path).size).toBe(1 << 20);
      await written;
    } finally {
      await writer.close();
    }
  });

  it('refuses work once its thread is gone', async () => {
    const writer = new MessageFileWriter();
    await writer.close();
    const error = await writer.write([{ path: join(root, 'late.eml'), bytes: Buffer.from('x') }]).catch((e) => e);
    expect(isAppError(error) && error.code).toBe('INTERNAL');
  });
});
