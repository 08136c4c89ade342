import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BAG_FILES } from '../../electron/services/handover/bag/bag-layout.ts';
import { KeptPackageIndex } from '../../electron/services/handover/accept/kept-index.ts';
import { readPackageIndex } from '../../electron/services/handover/accept/package-index.ts';
import { tempDir } from '../support/temp-dir.ts';

const work = tempDir('um-kept-index-');
afterAll(() => work.cleanup());

const row = (uid: number) =>
  JSON.stringify({
    folder_id: 'f1',
    uid,
    flags: [],
    keywords: [],
    internaldate: '2026-03-02T01:00:00.000Z',
    size: 100 + uid,
    message_id: `<m${uid}@binhphuoc.gov.vn>`,
    path: `data/messages/f1/${uid}.eml`,
  });

/** A bag directory whose index lists messages 1..n of one folder. */
function bagDir(name: string, n: number): string {
  const dir = join(work.dir, name);
  mkdirSync(join(dir, 'data', 'index'), { recursive: true });
  const folders = [{ id: 'f1', name: 'INBOX', delimiter: '/', selectable: true, uidValidity: '7', messages: n }];
  writeFileSync(join(dir, BAG_FILES.foldersJson), JSON.stringify(folders));
  writeMessages(dir, n);
  writeFileSync(join(dir, BAG_FILES.bagInfo), 'External-Identifier: urn:uuid:1\n');
  return dir;
}

function writeMessages(dir: string, n: number): void {
  const file = join(dir, BAG_FILES.messagesJsonl);
  writeFileSync(file, Array.from({ length: n }, (_, i) => row(i + 1)).join('\n') + '\n');
}

function counting() {
  const read: string[] = [];
  const kept = new KeptPackageIndex(async (dir) => {
    read.push(dir);
    return readPackageIndex(dir);
  });
  return { kept, read };
}

const uids = async (kept: KeptPackageIndex, dir: string) =>
  (await kept.read(dir)).messagesByFolder.get('f1')?.map((m) => m.uid);

describe('the index of the package being worked on, read once', () => {
  it('reads a package index once for the calls that follow, also when they come at once', async () => {
    const dir = bagDir('once', 3);
    const { kept, read } = counting();
    const [a, b] = await Promise.all([kept.read(dir), kept.read(dir)]);
    const c = await kept.read(dir);
    expect(read).toEqual([dir]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(a.messagesByFolder.get('f1')?.map((m) => m.uid)).toEqual([1, 2, 3]);
    expect(a.externalIdentifier).toBe('urn:uuid:1');
  });

  it('reads again when an index file changes on disk, or another package is asked for', async () => {
    const dir = bagDir('changed', 2);
    const other = bagDir('other', 1);
    const { kept, read } = counting();
    expect(await uids(kept, dir)).toEqual([1, 2]);
    writeMessages(dir, 4);
    expect(await uids(kept, dir)).toEqual([1, 2, 3, 4]);
    // Same size, another time: read again too.
    utimesSync(join(dir, BAG_FILES.messagesJsonl), new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    await kept.read(dir);
    expect(await uids(kept, other)).toEqual([1]);
    expect(await uids(kept, dir)).toEqual([1, 2, 3, 4]);
    expect(read).toEqual([dir, dir, dir, other, dir]);
    kept.clear();
    await kept.read(dir);
    expect(read).toHaveLength(6);
  });

  it('does not keep a failed reading: the next call reads again and says why again', async () => {
    const dir = bagDir('broken', 1);
    writeFileSync(join(dir, BAG_FILES.messagesJsonl), '{"not":"a row"}\n');
    const { kept, read } = counting();
    await expect(kept.read(dir)).rejects.toMatchObject({ code: 'PACKAGE_INVALID' });
    await expect(kept.read(dir)).rejects.toMatchObject({ code: 'PACKAGE_INVALID' });
    expect(read).toHaveLength(2);
    rmSync(join(dir, BAG_FILES.messagesJsonl));
    writeMessages(dir, 1);
    expect(await uids(kept, dir)).toEqual([1]);
  });
});
