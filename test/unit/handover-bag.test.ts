import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HandoverProgress } from '../../shared/handover.ts';
import {
  bagInfoValue,
  formatBagInfo,
  parseBagInfo,
  payloadOxum,
} from '../../electron/services/handover/bag/bag-info.ts';
import { isAllowedSealFile, mailbagCsvNames } from '../../electron/services/handover/bag/bag-layout.ts';
import { digestBytes, digestFile } from '../../electron/services/handover/bag/file-hash.ts';
import { HashPool } from '../../electron/services/handover/bag/hash-pool.ts';
import { folderId } from '../../electron/services/handover/bag/folder-id.ts';
import {
  compareBagPaths,
  decodeManifestPath,
  encodeManifestPath,
  formatManifest,
  parseManifest,
} from '../../electron/services/handover/bag/manifest.ts';
import { rfc3339 } from '../../electron/services/handover/bag/time.ts';
import { ProgressMeter } from '../../electron/services/handover/export/progress.ts';
import { snapshotChanges, type FolderSnapshot } from '../../electron/services/handover/export/snapshot.ts';
import { tempDir } from '../support/temp-dir.ts';

const tmp = tempDir('um-bag-unit-');
afterAll(() => tmp.cleanup());

describe('manifests', () => {
  it('sorts paths in byte order, as LC_ALL=C sort does', () => {
    const text = formatManifest([
      { path: 'data/eml/a/10.eml', digest: '1' },
      { path: 'data/eml/a/9.eml', digest: '2' },
      { path: 'data/eml/a-b/1.eml', digest: '3' },
      { path: 'data/index/messages.csv', digest: '4' },
    ]);
    expect(text).toBe('3  data/eml/a-b/1.eml\n1  data/eml/a/10.eml\n2  data/eml/a/9.eml\n4  data/index/messages.csv\n');
    expect(compareBagPaths('a-b/', 'a/')).toBeLessThan(0);
    expect(compareBagPaths('Z', 'a')).toBeLessThan(0);
  });

  it('percent-encodes only CR, LF and %', () => {
    expect(encodeManifestPath('data/a%b\r\nc d.txt')).toBe('data/a%25b%0D%0Ac d.txt');
    expect(decodeManifestPath('data/a%25b%0D%0Ac d.txt')).toBe('data/a%b\r\nc d.txt');
  });

  it('parses sha256sum output, and reports malformed and repeated lines', () => {
    const h = 'ab'.repeat(32);
    const parsed = parseManifest(
      `${h}  data/x.eml\r\n${h} *data/bin.eml\nnot a line\n${h.slice(2)}  data/short\n${h}  data/x.eml\n`,
      64,
    );
    expect([...parsed.entries]).toEqual([
      ['data/x.eml', h],
      ['data/bin.eml', h],
    ]);
    expect(parsed.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(parsed.errors[2]?.detail).toContain('second time');
  });
});

describe('bag-info.txt', () => {
  it('writes one line per label, flattening newlines, and reads continuation lines', () => {
    const text = formatBagInfo([
      ['Bag-Type', 'Mailbag'],
      ['Source-Organization', 'Văn phòng\nUBND tỉnh'],
      ['Payload-Oxum', payloadOxum(1234, 5)],
    ]);
    expect(text).toBe('Bag-Type: Mailbag\nSource-Organization: Văn phòng UBND tỉnh\nPayload-Oxum: 1234.5\n');
    const { info, errors } = parseBagInfo(`${text}Internal-Sender-Description: dòng một\n  dòng hai\nrác\n`);
    expect(bagInfoValue(info, 'payload-oxum')).toBe('1234.5');
    expect(bagInfoValue(info, 'Internal-Sender-Description')).toBe('dòng một dòng hai');
    expect(errors).toEqual(['line 6 is not "Label: value"']);
    expect(() => formatBagInfo([['Bad Label', 'x']])).toThrow();
  });
});

describe('mailbag.csv (Mailbag §5.3.3; its CSV in bag-csv.test.ts)', () => {
  it('splits mailbag.csv past 100,000 messages with zero-padded numbers', () => {
    expect(mailbagCsvNames(0)).toEqual(['mailbag.csv']);
    expect(mailbagCsvNames(100_000)).toEqual(['mailbag.csv']);
    expect(mailbagCsvNames(100_001)).toEqual(['mailbag-1.csv', 'mailbag-2.csv']);
    const many = mailbagCsvNames(900_001);
    expect(many).toHaveLength(10);
    expect(many[0]).toBe('mailbag-01.csv');
    expect(many[9]).toBe('mailbag-10.csv');
  });
});

describe('names and times', () => {
  it('gives each folder a stable ASCII id that keeps diacritic and case variants apart', () => {
    const id = folderId('Chỉ đạo/Đã xử lý');
    expect(id).toMatch(/^chi-dao-da-xu-ly-[0-9a-f]{8}$/);
    expect(folderId('Chỉ đạo/Đã xử lý')).toBe(id);
    expect(folderId('Chi dao/Da xu ly')).not.toBe(id);
    expect(folderId('INBOX')).not.toBe(folderId('Inbox'));
    expect(folderId('!!!')).toMatch(/^folder-[0-9a-f]{8}$/);
    expect(folderId('Hồ sơ & Lưu trữ '.repeat(10)).length).toBeLessThanOrEqual(49);
    // Decomposed input (as some servers send it) names the same folder.
    expect(folderId('Chỉ đạo'.normalize('NFD'))).toBe(folderId('Chỉ đạo'));
  });

  it('writes RFC 3339 in Vietnam time', () => {
    expect(rfc3339(new Date('2026-11-23T01:00:00Z'))).toBe('2026-11-23T08:00:00+07:00');
    expect(rfc3339(new Date('2026-11-23T18:30:00.250Z'))).toBe('2026-11-24T01:30:00.250+07:00');
    expect(rfc3339(new Date('2026-11-23T01:00:00Z'), -90)).toBe('2026-11-22T23:30:00-01:30');
  });

  it('allows in seal/ only the export files and acceptance receipts', () => {
    expect(isAllowedSealFile('seal/tagmanifest-sha256.txt.p7s')).toBe(true);
    expect(isAllowedSealFile('seal/bien-ban.pdf')).toBe(true);
    expect(isAllowedSealFile('seal/acceptance-20261201.p7s')).toBe(true);
    expect(isAllowedSealFile('seal/notes.txt')).toBe(false);
    expect(isAllowedSealFile('seal/acceptance-../../x')).toBe(false);
  });
});

describe('hashing', () => {
  it('computes both digests in one pass, in threads too', async () => {
    const bytes = Buffer.from('Nội dung thư '.repeat(100_000));
    const file = join(tmp.dir, 'a.eml');
    writeFileSync(file, bytes);
    const want = {
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sha512: createHash('sha512').update(bytes).digest('hex'),
    };
    expect(digestBytes(bytes)).toEqual(want);
    expect(await digestFile(file)).toEqual(want);
    const pool = new HashPool(2);
    try {
      const [a, missing] = await pool.digest([file, join(tmp.dir, 'missing.eml')]);
      expect(a).toEqual(want);
      expect(missing).toEqual({ error: 'ENOENT' });
    } finally {
      await pool.close();
    }
  });
});

describe('progress', () => {
  it('reports at most every 100 ms, at once on a phase change, and an ETA from this run only', () => {
    let t = 0;
    const seen: HandoverProgress[] = [];
    const meter = new ProgressMeter((p) => seen.push(p), { now: () => t });
    meter.setTotals(120, 120_000, { messages: 20, bytes: 20_000 });
    meter.setPhase('messages');
    expect(seen).toHaveLength(1);
    for (let i = 0; i < 10; i++) {
      t += 10;
      meter.message(1000, 'INBOX');
    }
    expect(seen).toHaveLength(2); // only at 100 ms
    expect(seen[1]).toMatchObject({ messagesDone: 30, bytesDone: 30_000, etaSeconds: null, folder: 'INBOX' });
    t = 4000; // 10,000 bytes in 4 s; 90,000 left
    meter.reused(5000); // found on disk: progress but not speed
    expect(seen[2]).toMatchObject({ messagesDone: 31, bytesDone: 35_000, etaSeconds: 34 });
    meter.vanished(5);
    meter.setPhase('indexes');
    expect(seen[3]).toMatchObject({ phase: 'indexes', messagesTotal: 115, etaSeconds: 0 });
  });
});

describe('snapshot changes', () => {
  const folder = (path: string, over: Partial<FolderSnapshot> = {}): FolderSnapshot => ({
    id: folderId(path),
    dir: path,
    path,
    rawPath: path,
    delimiter: '/',
    specialUse: null,
    subscribed: true,
    selectable: true,
    attributes: [],
    uidValidity: '7',
    uidNext: 10,
    highestModseq: '20',
    messages: 9,
    ...over,
  });

  it('names each folder that changed and how', () => {
    const start = [folder('INBOX'), folder('Chỉ đạo'), folder('Cũ'), folder('Lưu trữ', { selectable: false })];
    const end = new Map([
      ['INBOX', { uidValidity: '7', uidNext: 12, highestModseq: '22', messages: 11, selectable: true }],
      ['Chỉ đạo', { uidValidity: '7', uidNext: 10, highestModseq: '20', messages: 9, selectable: true }],
      ['Lưu trữ', { uidValidity: null, uidNext: null, highestModseq: null, messages: null, selectable: false }],
      ['Mới', { uidValidity: '1', uidNext: 1, highestModseq: '1', messages: 0, selectable: true }],
    ] as const);
    const exported = new Map([
      [folderId('INBOX'), 9],
      [folderId('Chỉ đạo'), 8],
    ]);
    const changes = snapshotChanges(start, new Map(end), exported);
    expect(changes).toEqual([
      'folder "INBOX": UIDNEXT changed from 10 to 12 (new messages)',
      'folder "INBOX": HIGHESTMODSEQ changed from 20 to 22 (flags changed or messages removed)',
      'folder "Chỉ đạo": 9 messages at the start, 8 exported',
      'folder "Cũ" was deleted or renamed during the export',
      'folder "Mới" was created during the export',
    ]);
    expect(snapshotChanges([folder('INBOX')], new Map([['INBOX', { ...folder('INBOX') }]]), exported)).toEqual([]);
  });
});
