// "Báo cáo tình hình xử lý văn bản đến" as PDF, A4 landscape: the totals, the
// load and on-time rate per handler, then every entry of the period with its
// handler, deadline, status and done day (the "theo dõi xử lý" part of the book,
// kept out of the register so the register keeps the decree's layout).
import { ENTRY_STATUS_LABELS, URGENCY_LABELS } from '../../../../shared/ledger.ts';
import type { AdminDocLayout, TableColumn, TableRow } from '../../handover/record/pdf-layout.ts';
import { OUTCOME_LABELS, formatRate, type ProcessingItem, type ProcessingReport } from './processing-report.ts';
import { TABLE_SIZE, finishReport, openReportLayout, writeMadeAt, writeReportHeading } from './report-pdf.ts';
import { dmy, type RenderPdfOptions, type ReportUnit } from './report-types.ts';

export const PROCESSING_TITLE = 'BÁO CÁO TÌNH HÌNH XỬ LÝ VĂN BẢN ĐẾN';

const KEEP_WITH_TABLE = 110;
const TABLE = { size: TABLE_SIZE, headerSize: TABLE_SIZE, padding: 3 };

const pct = (part: number, whole: number): string => (whole === 0 ? '—' : formatRate(part / whole));

function summaryRows(r: ProcessingReport): TableRow[] {
  const row = (label: string, n: number, share = pct(n, r.received)): TableRow => ({
    cells: [label, String(n), share],
  });
  return [
    { cells: ['Tổng số văn bản đến trong kỳ', String(r.received), '100%'], bold: true },
    row('Đã xử lý đúng hạn', r.doneOnTime),
    row('Đã xử lý trễ hạn', r.doneLate),
    row('Đã xử lý (không có hạn xử lý)', r.doneNoDeadline),
    row('Lưu, không cần xử lý', r.filed),
    row('Chưa xử lý xong', r.open),
    row('   trong đó: quá hạn', r.overdue),
    row('   trong đó: chưa giao, chưa ai nhận', r.unassigned),
    { cells: ['Tỷ lệ đúng hạn (trên số văn bản đã đến hạn)', '', formatRate(r.onTimeRate)], bold: true },
  ];
}

function writeSummary(layout: AdminDocLayout, r: ProcessingReport): void {
  layout.paragraph('I. TỔNG HỢP', { font: 'bold', tag: 'H2', gapAfter: 3 });
  const columns: TableColumn[] = [
    { header: 'Chỉ tiêu', fill: true },
    { header: 'Số văn bản', width: 90, align: 'right' },
    { header: 'Tỷ lệ', width: 90, align: 'right' },
  ];
  layout.table(columns, summaryRows(r), TABLE);
}

function writePeople(layout: AdminDocLayout, r: ProcessingReport): void {
  // A heading never ends a page: keep room for it, the table's header and a first row.
  layout.ensureSpace(KEEP_WITH_TABLE);
  layout.paragraph('II. THEO NGƯỜI XỬ LÝ', { font: 'bold', tag: 'H2', gapBefore: 10, gapAfter: 3 });
  if (r.byPerson.length === 0) {
    layout.paragraph('Chưa có văn bản nào được giao hoặc nhận xử lý trong kỳ.', { font: 'italic' });
    return;
  }
  const columns: TableColumn[] = [
    { header: 'Người xử lý', fill: true },
    ...['Được giao', 'Đúng hạn', 'Trễ hạn', 'Không có hạn', 'Lưu', 'Chưa xong', 'Quá hạn'].map(
      (header): TableColumn => ({ header, width: 58, align: 'right' }),
    ),
    { header: 'Tỷ lệ đúng hạn', width: 70, align: 'right' },
  ];
  const rows: TableRow[] = r.byPerson.map((p) => ({
    cells: [
      p.person,
      ...[p.received, p.doneOnTime, p.doneLate, p.doneNoDeadline, p.filed, p.open, p.overdue].map(String),
      formatRate(p.onTimeRate),
    ],
  }));
  layout.table(columns, rows, TABLE);
}

function itemCells(i: ProcessingItem): string[] {
  const late = i.daysLate > 0 ? ` (${i.daysLate} ngày)` : '';
  return [
    `${i.number}/${i.year}`,
    dmy(i.ngayDen),
    i.soKyHieu,
    i.tenLoaiTrichYeu,
    URGENCY_LABELS[i.urgency],
    i.handler ?? 'Chưa giao',
    dmy(i.deadline) || '—',
    ENTRY_STATUS_LABELS[i.status],
    dmy(i.doneDate) || '—',
    `${OUTCOME_LABELS[i.outcome]}${late}`,
  ];
}

function writeItems(layout: AdminDocLayout, r: ProcessingReport): void {
  layout.ensureSpace(KEEP_WITH_TABLE);
  layout.paragraph('III. THEO DÕI XỬ LÝ TỪNG VĂN BẢN', { font: 'bold', tag: 'H2', gapBefore: 10, gapAfter: 3 });
  const widths: (number | 'fill')[] = [44, 58, 74, 'fill', 50, 112, 58, 62, 58, 70];
  const headers = [
    'Số đến',
    'Ngày đến',
    'Số, ký hiệu',
    'Tên loại và trích yếu nội dung',
    'Độ khẩn',
    'Người xử lý',
    'Hạn xử lý',
    'Trạng thái',
    'Ngày xử lý xong',
    'Kết quả',
  ];
  const columns = headers.map((header, i): TableColumn => {
    const w = widths[i];
    return w === 'fill' ? { header, fill: true } : { header, width: w };
  });
  const rows: TableRow[] = r.items.map((i) => ({ cells: itemCells(i), bold: i.outcome === 'overdue' }));
  layout.table(columns, rows, TABLE);
  if (rows.length === 0) layout.paragraph('Không có văn bản đến nào trong kỳ này.', { font: 'italic', gapBefore: 4 });
}

export async function renderProcessingPdf(
  report: ProcessingReport,
  unit: ReportUnit,
  opts: RenderPdfOptions,
): Promise<Buffer> {
  const now = opts.clock.now();
  const doc = { title: PROCESSING_TITLE, unit, period: report.period, now };
  const layout = openReportLayout(opts.fontsDir, doc);
  writeReportHeading(layout, doc);
  layout.paragraph(`Số liệu tính đến ngày ${dmy(report.asOfDay)}. Văn bản quá hạn in đậm.`, {
    size: 10.5,
    align: 'center',
    gapAfter: 6,
  });
  writeSummary(layout, report);
  writePeople(layout, report);
  writeItems(layout, report);
  writeMadeAt(layout, now);
  return finishReport(layout);
}
