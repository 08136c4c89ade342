// The register and the processing report as XLSX (exceljs): typed cells (days
// as dates shown dd/mm/yyyy, numbers as numbers, text as text, never a formula,
// so "=cmd" in a field stays text), frozen header rows, one sheet each.
import ExcelJS from 'exceljs';
import { ENTRY_STATUS_LABELS, URGENCY_LABELS, type LedgerEntry } from '../../../../shared/ledger.ts';
import { OUTCOME_LABELS, type ProcessingReport } from './processing-report.ts';
import { PROCESSING_COLUMNS, REGISTER_COLUMNS, REGISTER_TITLE, URGENCY_COLUMN, registerRows } from './register-rows.ts';
import {
  checkPeriod,
  dayAsDate,
  periodLabel,
  type RenderXlsxOptions,
  type ReportPeriod,
  type ReportUnit,
} from './report-types.ts';

export const SHEET_NAMES = { register: 'Sổ đăng ký VB đến', processing: 'Xử lý văn bản', people: 'Theo người xử lý' };

const DATE_FORMAT = 'dd/mm/yyyy';
const PERCENT_FORMAT = '0.0%';

type Cell = string | number | Date | null;

function newBook(unit: ReportUnit, now: Date): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = 'Hộp thư đơn vị (unit-mailbox)';
  book.company = unit.name.normalize('NFC');
  book.created = now;
  book.modified = now;
  return book;
}

/** A sheet with a two-line title above a bold, frozen header row; returns the header row's number. */
function titledSheet(book: ExcelJS.Workbook, name: string, title: string, subtitle: string, headers: string[]) {
  const sheet = book.addWorksheet(name);
  sheet.addRow([title.normalize('NFC')]).font = { bold: true, size: 14 };
  sheet.addRow([subtitle.normalize('NFC')]).font = { italic: true };
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  return sheet;
}

function addRows(sheet: ExcelJS.Worksheet, rows: Cell[][], widths: number[]): void {
  for (const cells of rows) {
    const row = sheet.addRow(cells.map((c) => (typeof c === 'string' ? c.normalize('NFC') || null : c)));
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = DATE_FORMAT;
    });
    row.alignment = { vertical: 'top', wrapText: true };
  }
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
}

function addRegisterSheet(
  book: ExcelJS.Workbook,
  entries: readonly LedgerEntry[],
  period: ReportPeriod,
  unit: ReportUnit,
  now: Date,
): void {
  const sheet = titledSheet(book, SHEET_NAMES.register, `${REGISTER_TITLE} – ${unit.name}`, periodLabel(period), [
    ...REGISTER_COLUMNS,
    URGENCY_COLUMN,
  ]);
  const rows = registerRows(entries, period, now).map((r): Cell[] => [
    dayAsDate(r.ngayDen),
    r.soDen,
    r.tacGia,
    r.soKyHieu,
    dayAsDate(r.ngayVanBan),
    r.tenLoaiTrichYeu,
    r.nguoiNhan,
    r.kyNhan,
    r.ghiChu,
    r.urgencyLabel,
  ]);
  addRows(sheet, rows, [12, 8, 24, 16, 12, 60, 26, 12, 22, 12]);
}

function addProcessingSheets(book: ExcelJS.Workbook, report: ProcessingReport): void {
  const subtitle = `${periodLabel(report.period)}; số liệu tính đến ${report.asOfDay.split('-').reverse().join('/')}`;
  const items = titledSheet(book, SHEET_NAMES.processing, 'Tình hình xử lý văn bản đến', subtitle, [
    'Năm',
    'Số đến',
    'Ngày đến',
    'Số, ký hiệu',
    'Tên loại và trích yếu nội dung',
    URGENCY_COLUMN,
    ...PROCESSING_COLUMNS,
    'Kết quả',
    'Số ngày trễ',
  ]);
  const itemRows = report.items.map((i): Cell[] => [
    i.year,
    i.number,
    dayAsDate(i.ngayDen),
    i.soKyHieu,
    i.tenLoaiTrichYeu,
    URGENCY_LABELS[i.urgency],
    i.handler ?? '',
    dayAsDate(i.deadline),
    ENTRY_STATUS_LABELS[i.status],
    dayAsDate(i.doneDate),
    OUTCOME_LABELS[i.outcome],
    i.daysLate,
  ]);
  addRows(items, itemRows, [7, 8, 12, 16, 60, 12, 28, 12, 18, 14, 20, 10]);
  addPeopleSheet(book, report, subtitle);
}

function addPeopleSheet(book: ExcelJS.Workbook, report: ProcessingReport, subtitle: string): void {
  const sheet = titledSheet(book, SHEET_NAMES.people, 'Tổng hợp theo người xử lý', subtitle, [
    'Người xử lý',
    'Được giao',
    'Đúng hạn',
    'Trễ hạn',
    'Không có hạn',
    'Lưu',
    'Chưa xong',
    'Quá hạn',
    'Tỷ lệ đúng hạn',
  ]);
  const line = (name: string, t: ProcessingReport | ProcessingReport['byPerson'][number]): Cell[] => [
    name,
    t.received,
    t.doneOnTime,
    t.doneLate,
    t.doneNoDeadline,
    t.filed,
    t.open,
    t.overdue,
    t.onTimeRate,
  ];
  const rows = [...report.byPerson.map((p) => line(p.person, p)), line('Tổng cộng', report)];
  addRows(sheet, rows, [32, 11, 11, 11, 13, 8, 11, 10, 15]);
  sheet.getColumn(9).numFmt = PERCENT_FORMAT;
  const total = sheet.lastRow;
  if (total) total.font = { bold: true };
}

async function toBuffer(book: ExcelJS.Workbook): Promise<Buffer> {
  const data = await book.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

/** Register sheet (decree columns + Độ khẩn) and, when given, the processing report's two sheets. */
export async function renderRegisterXlsx(
  entries: readonly LedgerEntry[],
  period: ReportPeriod,
  unit: ReportUnit,
  opts: RenderXlsxOptions & { processing?: ProcessingReport },
): Promise<Buffer> {
  checkPeriod(period);
  const now = opts.clock.now();
  const book = newBook(unit, now);
  addRegisterSheet(book, entries, period, unit, now);
  if (opts.processing) addProcessingSheets(book, opts.processing);
  return toBuffer(book);
}

/** The processing report alone: the per-entry sheet and the per-person sheet. */
export async function renderProcessingXlsx(
  report: ProcessingReport,
  unit: ReportUnit,
  opts: RenderXlsxOptions,
): Promise<Buffer> {
  const book = newBook(unit, opts.clock.now());
  addProcessingSheets(book, report);
  return toBuffer(book);
}
