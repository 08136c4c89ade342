// The register and the processing report as XLSX (re-read with exceljs: rows, cell
// types, Vietnamese text) and as CSV (parsed with csv-parse: BOM, round trip, formula
// cells neutralised).
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import {
  CSV_HEADERS,
  REGISTER_COLUMNS,
  SHEET_NAMES,
  processingReport,
  renderProcessingXlsx,
  renderRegisterCsv,
  renderRegisterXlsx,
} from '../../electron/services/ledger/report/index.ts';
import {
  AS_OF,
  LONG_SUBJECT,
  MARCH,
  MARCH_APRIL,
  NGUYEN,
  TRAN,
  UNIT,
  marchBook,
} from '../support/ledger-report-book.ts';

const clock = new ManualClock(AS_OF);
const UNIT_INFO = { name: 'Sở Nội vụ tỉnh Bình Phước', mailbox: UNIT };
const FORMULA = "=cmd|' /C calc'!A0";

async function readBook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

function sheet(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const s = book.getWorksheet(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

const cells = (s: ExcelJS.Worksheet, row: number): unknown[] => (s.getRow(row).values as unknown[]).slice(1);

describe('register XLSX', () => {
  it('holds the decree columns and every row, typed: dates, numbers, text (never a formula)', async () => {
    const book = marchBook(5);
    const report = processingReport(book.entries, MARCH, clock);
    const wb = await readBook(
      await renderRegisterXlsx(book.entries, MARCH_APRIL, UNIT_INFO, { clock, processing: report }),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      SHEET_NAMES.register,
      SHEET_NAMES.processing,
      SHEET_NAMES.people,
    ]);
    expect(wb.created.toISOString()).toBe(AS_OF);

    const reg = sheet(wb, SHEET_NAMES.register);
    expect(cells(reg, 1)[0]).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN – Sở Nội vụ tỉnh Bình Phước');
    expect(cells(reg, 3)).toEqual([...REGISTER_COLUMNS, 'Độ khẩn']);
    expect(reg.rowCount).toBe(3 + 12);
    expect(cells(reg, 4)).toEqual([
      new Date('2026-03-02T00:00:00Z'),
      2,
      'Văn phòng Chính phủ',
      '1234/VPCP-KGVX',
      new Date('2026-02-27T00:00:00Z'),
      `Công văn: ${LONG_SUBJECT}`,
      NGUYEN,
      undefined,
      'Hỏa tốc. Bản điện tử',
      'Hỏa tốc',
    ]);
    const first = reg.getRow(4);
    expect(first.getCell(1).type).toBe(ExcelJS.ValueType.Date);
    expect(first.getCell(1).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(6).type).toBe(ExcelJS.ValueType.String);
    // Row of số đến 7: its Ghi chú starts with "=" and stays a text cell.
    const seven = reg.getRow(9);
    expect(seven.getCell(2).value).toBe(7);
    expect(seven.getCell(9).type).toBe(ExcelJS.ValueType.String);
    expect(seven.getCell(9).value).toBe(FORMULA);
    const numbers = Array.from({ length: 12 }, (_, i) => reg.getRow(4 + i).getCell(2).value);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    for (let r = 4; r <= reg.rowCount; r++) {
      for (const v of cells(reg, r)) if (typeof v === 'string') expect(v).toBe(v.normalize('NFC'));
    }
  });

  it('carries the processing report: per entry and per person, rates as numbers', async () => {
    const report = processingReport(marchBook().entries, MARCH, clock);
    const wb = await readBook(await renderProcessingXlsx(report, UNIT_INFO, { clock }));
    const items = sheet(wb, SHEET_NAMES.processing);
    expect(items.rowCount).toBe(3 + 7);
    expect(cells(items, 5)).toEqual([
      2026,
      3,
      new Date('2026-03-03T00:00:00Z'),
      '45/QĐ-UBND',
      'Quyết định: Về việc báo cáo tình hình thực hiện nhiệm vụ',
      'Khẩn',
      NGUYEN,
      new Date('2026-03-06T00:00:00Z'),
      'Đã xử lý',
      new Date('2026-03-09T00:00:00Z'),
      'Trễ hạn',
      3,
    ]);
    const people = sheet(wb, SHEET_NAMES.people);
    expect(cells(people, 4)).toEqual([TRAN, 3, 0, 0, 1, 0, 2, 1, 0]);
    expect(cells(people, 5)).toEqual([NGUYEN, 2, 1, 1, 0, 0, 0, 0, 0.5]);
    const total = cells(people, 6);
    expect(total.slice(0, 8)).toEqual(['Tổng cộng', 7, 1, 1, 1, 1, 3, 1]);
    expect(total[8]).toBeCloseTo(1 / 3);
    expect(people.getRow(5).getCell(9).numFmt).toBe('0.0%');
  });
});

describe('register CSV', () => {
  const csv = renderRegisterCsv(marchBook(3).entries, MARCH_APRIL, clock);

  it('is UTF-8 with a BOM and CRLF records, and parses back with csv-parse', () => {
    expect(csv.startsWith('\uFEFF"Ngày đến"')).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(csv, { bom: true, relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual(CSV_HEADERS);
    expect(rows).toHaveLength(1 + 10);
    expect(rows[1]).toEqual([
      '2026-03-02',
      '2',
      'Văn phòng Chính phủ',
      '1234/VPCP-KGVX',
      '2026-02-27',
      `Công văn: ${LONG_SUBJECT}`,
      NGUYEN,
      '',
      'Hỏa tốc. Bản điện tử',
      'Hỏa tốc',
      NGUYEN,
      '2026-03-05',
      'Đã xử lý',
      '2026-03-04',
    ]);
    expect(rows[3]?.[12]).toBe('Đã giao (quá hạn)');
    expect(csv.split('\r\n')).toHaveLength(rows.length + 1);
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const rows = parse(csv, { bom: true }) as string[][];
    const seven = rows.find((r) => r[1] === '7');
    expect(seven?.[8]).toBe(`'${FORMULA}`);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes only the header for an empty period', () => {
    const empty = renderRegisterCsv(marchBook().entries, { from: '2025-01-01', to: '2025-12-31' }, clock);
    expect(parse(empty, { bom: true })).toEqual([CSV_HEADERS]);
  });
});
