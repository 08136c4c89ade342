// The export journal is read back entry by entry (journal-reader.ts): what readers rely on is
// that the last whole line per UID wins, torn lines are skipped, and the order is the one asked
// for, however the lines fall across read blocks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareEmlUids, emlPath } from '../../electron/services/handover/bag/bag-layout.ts';
import { compareBagPaths } from '../../electron/services/handover/bag/manifest.ts';
import type { MessageEntry } from '../../electron/services/handover/export/message-entry.ts';
import { indexJournal, journalEntries } from '../../electron/services/handover/export/journal-reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'um-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function entry(uid: number, subject = `Công văn số ${uid}`): MessageEntry {
  return {
    uid,
    size: 1000 + uid,
    sha256: `${uid}`.padStart(64, '0'),
    sha512: `${uid}`.padStart(128, '0'),
    flags: ['\\Seen'],
    keywords: [],
    internalDate: '2026-11-01T08:00:00+07:00',
    modseq: null,
    messageId: `<${uid}@binhphuoc.gov.vn>`,
    date: '2026-11-01T08:00:00+07:00',
    from: 'Sở Nội vụ <sonoivu@binhphuoc.gov.vn>',
    to: 'vanphong@binhphuoc.gov.vn',
    cc: '',
    bcc: '',
    subject,
    contentType: 'text/plain',
    attachments: 0,
  };
}

const line = (e: MessageEntry) => `${JSON.stringify(e)}\n`;

async function read(file: string, order?: (a: number, b: number) => number): Promise<MessageEntry[]> {
  const out: MessageEntry[] = [];
  for await (const e of journalEntries(file, order)) out.push(e);
  return out;
}

describe('journal reader', () => {
  it('keeps the last whole line per UID, skips torn and foreign lines, and sorts by UID', async () => {
    const file = join(dir, 'a.jsonl');
    writeFileSync(
      file,
      [
        line(entry(30)),
        line(entry(10, 'cũ')),
        '{"uid":20,"size":1\n', // torn by a crash, then appended after
        line(entry(20)),
        '\n',
        '{"note":"not an entry"}\n',
        line(entry(10, 'mới')),
        '{"uid":40,"si', // torn last line, no newline
      ].join(''),
    );
    const got = await read(file);
    expect(got.map((e) => e.uid)).toEqual([10, 20, 30]);
    expect(got[0]?.subject).toBe('mới');
    expect((await indexJournal(file)).uids.sort()).toEqual([10, 20, 30]);
  });

  it('reads a whole last line that lost its newline, and a missing journal as empty', async () => {
    const file = join(dir, 'b.jsonl');
    writeFileSync(file, line(entry(2)) + JSON.stringify(entry(1)));
    expect((await read(file)).map((e) => e.uid)).toEqual([1, 2]);
    expect(await read(join(dir, 'none.jsonl'))).toEqual([]);
  });

  it('returns every entry of a journal larger than its read blocks, in any order asked for', async () => {
    const file = join(dir, 'c.jsonl');
    // 6,000 lines of ~1.2 KB (past the 1 MB index chunks and 16 KB read blocks), written in
    // interleaved runs as four connections would.
    const uids = Array.from({ length: 6000 }, (_, i) => i + 1);
    const runs = [0, 1, 2, 3].map((k) => uids.filter((u) => Math.floor((u - 1) / 50) % 4 === k));
    const text = runs.flatMap((run) => run.map((u) => line(entry(u, `Chỉ đạo ${'x'.repeat(u % 700)}`)))).join('');
    writeFileSync(file, text);
    expect(text.length).toBeGreaterThan(3 * 1024 * 1024);
    const byUid = await read(file);
    expect(byUid.map((e) => e.uid)).toEqual(uids);
    expect(byUid[4999]).toEqual(entry(5000, `Chỉ đạo ${'x'.repeat(5000 % 700)}`));
    // The manifests' order: "10.eml" before "9.eml", as `LC_ALL=C sort` puts them.
    const inManifestOrder = [...uids].sort((a, b) => compareBagPaths(emlPath('f', a), emlPath('f', b)));
    expect(inManifestOrder.slice(0, 4)).toEqual([1, 10, 100, 1000]);
    expect((await read(file, compareEmlUids)).map((e) => e.uid)).toEqual(inManifestOrder);
  });
});
