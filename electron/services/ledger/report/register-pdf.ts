// "Sổ đăng ký văn bản đến" (NĐ 30/2020/NĐ-CP, Phụ lục IV) for a period as PDF:
// A4 landscape, the decree's nine columns only, so the printout is the book a
// văn thư knows. Urgency other than Thường opens the Ghi chú cell; the processing
// columns (handler, deadline, status, done day) are the processing report's.
import type { LedgerEntry } from '../../../../shared/ledger.ts';
import type { TableColumn, TableRow } from '../../handover/record/pdf-layout.ts';
import { REGISTER_COLUMNS, REGISTER_TITLE, registerRows, type RegisterRow } from './register-rows.ts';
import { TABLE_SIZE, finishReport, openReportLayout, writeMadeAt, writeReportHeading } from './report-pdf.ts';
import { checkPeriod, dmy, type RenderPdfOptions, type ReportPeriod, type ReportUnit } from './report-types.ts';

/** Points; Tên loại và trích yếu nội dung takes the rest (about 195 pt on A4 landscape); dates fit in bold. */
const WIDTHS: readonly (number | 'fill')[] = [60, 40, 84, 88, 60, 'fill', 104, 46, 74];

function cellsOf(r: RegisterRow): string[] {
  return [
    dmy(r.ngayDen),
    String(r.soDen),
    r.tacGia,
    r.soKyHieu,
    dmy(r.ngayVanBan),
    r.tenLoaiTrichYeu,
    r.nguoiNhan,
    r.kyNhan,
    r.ghiChu,
  ];
}

export async function renderRegisterPdf(
  entries: readonly LedgerEntry[],
  period: ReportPeriod,
  unit: ReportUnit,
  opts: RenderPdfOptions,
): Promise<Buffer> {
  checkPeriod(period);
  const now = opts.clock.now();
  const doc = { title: REGISTER_TITLE, unit, period, now };
  const layout = openReportLayout(opts.fontsDir, doc);
  writeReportHeading(layout, doc);
  const rows = registerRows(entries, period, now);
  if (rows.length > 0) {
    const first = rows[0];
    const last = rows[rows.length - 1];
    const span =
      first && last && first.year === last.year
        ? `Từ số ${first.soDen} đến số ${last.soDen}`
        : `${rows.length} văn bản, số đến ghi theo từng năm`;
    layout.paragraph(span, { size: 10.5, align: 'center', gapAfter: 6 });
  }
  const columns: TableColumn[] = REGISTER_COLUMNS.map((header, i) => {
    const w = WIDTHS[i];
    const align = i === 0 || i === 1 || i === 4 ? 'center' : 'left';
    return w === 'fill' ? { header, fill: true, align } : { header, width: w, align };
  });
  const body: TableRow[] = rows.map((r) => ({ cells: cellsOf(r), bold: r.urgency === 'hoa-toc' }));
  layout.table(columns, body, { size: TABLE_SIZE, headerSize: TABLE_SIZE, padding: 3 });
  if (rows.length === 0) {
    layout.paragraph('Không có văn bản đến nào trong kỳ này.', { font: 'italic', gapBefore: 4 });
  }
  layout.paragraph(`Tổng số: ${rows.length} văn bản đến. Văn bản Hỏa tốc in đậm.`, { size: 10.5, gapBefore: 6 });
  writeMadeAt(layout, now);
  return finishReport(layout);
}
