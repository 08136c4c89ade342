import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tar from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import { OpenedBags } from '../../electron/services/handover/accept/opened-bags.ts';
import { openBag } from '../../electron/services/handover/verify/open-bag.ts';
import { tempDir } from '../support/temp-dir.ts';

const work = tempDir('um-opened-bags-');
afterAll(() => work.cleanup());

/** A .tar holding one bag directory with `content` in data/x.txt. */
async function bagTar(name: string, content: string): Promise<string> {
  const src = join(work.dir, `src-${name}`);
  mkdirSync(join(src, 'ban-giao', 'data'), { recursive: true });
  writeFileSync(join(src, 'ban-giao', 'bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  writeFileSync(join(src, 'ban-giao', 'data', 'x.txt'), content);
  const file = join(work.dir, `${name}.tar`);
  await tar.c({ file, cwd: src, portable: true }, ['ban-giao']);
  return file;
}

function counting() {
  const opened: string[] = [];
  const bags = new OpenedBags(async (path) => {
    opened.push(path);
    return openBag(path);
  });
  return { bags, opened };
}

describe('the package being accepted, opened once', () => {
  it('extracts a .tar once for the calls that follow, also when they come at once', async () => {
    const file = await bagTar('once', 'một');
    const { bags, opened } = counting();
    const [a, b] = await Promise.all([bags.open(file), bags.open(file)]);
    const c = await bags.open(file);
    expect(opened).toEqual([file]);
    expect(b.dir).toBe(a.dir);
    expect(c.dir).toBe(a.dir);
    expect(readFileSync(join(a.dir, 'data', 'x.txt'), 'utf8')).toBe('một');
    await bags.dispose();
    expect(existsSync(a.dir)).toBe(false);
  });

  it('keeps files appended to the .tar (the receipt) in step without extracting again', async () => {
    const file = await bagTar('appended', 'hai');
    const { bags, opened } = counting();
    const first = await bags.open(file);
    const stage = join(work.dir, 'stage');
    mkdirSync(join(stage, 'ban-giao', 'seal'), { recursive: true });
    writeFileSync(join(stage, 'ban-giao', 'seal', 'receipt.txt'), 'biên nhận');
    await tar.r({ file, cwd: stage, portable: true }, ['ban-giao/seal/receipt.txt']);
    await bags.appended(file, [{ name: 'seal/receipt.txt', content: new TextEncoder().encode('biên nhận') }]);
    const again = await bags.open(file);
    expect(opened).toEqual([file]);
    expect(readFileSync(join(again.dir, 'seal', 'receipt.txt'), 'utf8')).toBe('biên nhận');
    await bags.dispose();
    expect(existsSync(first.dir)).toBe(false);
  });

  it('opens again when the .tar changed on disk or another package is opened, removing the old extraction', async () => {
    const file = await bagTar('changed', 'ba');
    const other = await bagTar('other', 'bốn');
    const { bags, opened } = counting();
    const first = await bags.open(file);
    await bagTar('changed', 'ba, sửa lại');
    utimesSync(file, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    const second = await bags.open(file);
    expect(opened).toEqual([file, file]);
    expect(existsSync(first.dir)).toBe(false);
    expect(readFileSync(join(second.dir, 'data', 'x.txt'), 'utf8')).toBe('ba, sửa lại');
    const third = await bags.open(other);
    expect(existsSync(second.dir)).toBe(false);
    expect(readFileSync(join(third.dir, 'data', 'x.txt'), 'utf8')).toBe('bốn');
    await bags.dispose();
    expect(existsSync(third.dir)).toBe(false);
  });

  it('uses a directory where it is, and does not keep a failed opening', async () => {
    const { bags, opened } = counting();
    const dir = join(work.dir, 'src-once', 'ban-giao');
    expect((await bags.open(dir)).dir).toBe(dir);
    const broken = join(work.dir, 'broken.tar');
    writeFileSync(broken, 'không phải tar');
    await expect(bags.open(broken)).rejects.toMatchObject({ code: 'PACKAGE_INVALID' });
    await expect(bags.open(broken)).rejects.toMatchObject({ code: 'PACKAGE_INVALID' });
    expect(opened).toEqual([dir, broken, broken]);
    await bags.dispose();
    expect(existsSync(dir)).toBe(true);
  });
});
