// The register's rows, once, for every format: the entries received in the
// period (by ngày đến) in số đến order, with the columns of NĐ 30/2020 Phụ lục IV
// ("Sổ đăng ký văn bản đến") plus urgency, and the processing facts (handler,
// deadline, status, done day) the processing report and the CSV add.
import {
  ENTRY_STATUS_LABELS,
  URGENCY_LABELS,
  isOverdue,
  vietnamDate,
  type LedgerEntry,
  type Urgency,
} from '../../../../shared/ledger.ts';
import { csvRow } from '../../handover/bag/csv.ts';
import type { ReportPeriod } from './report-types.ts';

export const REGISTER_TITLE = 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN';

/** The decree's columns, in its order and wording. */
export const REGISTER_COLUMNS = [
  'Ngày đến',
  'Số đến',
  'Tác giả',
  'Số, ký hiệu',
  'Ngày tháng',
  'Tên loại và trích yếu nội dung',
  'Đơn vị hoặc người nhận',
  'Ký nhận',
  'Ghi chú',
] as const;

/** Added after the decree's columns in the spreadsheet and CSV (in the PDF it goes in Ghi chú). */
export const URGENCY_COLUMN = 'Độ khẩn';

export const PROCESSING_COLUMNS = ['Người xử lý', 'Hạn xử lý', 'Trạng thái', 'Ngày xử lý xong'] as const;

export interface RegisterRow {
  year: number;
  /** YYYY-MM-DD. */
  ngayDen: string;
  soDen: number;
  tacGia: string;
  soKyHieu: string;
  /** YYYY-MM-DD or null. */
  ngayVanBan: string | null;
  /** "Công văn: Về việc …" — the kind and the subject in one cell, as the decree has it. */
  tenLoaiTrichYeu: string;
  nguoiNhan: string;
  kyNhan: string;
  ghiChu: string;
  urgency: Urgency;
  urgencyLabel: string;
  handler: string;
  /** YYYY-MM-DD or null. */
  deadline: string | null;
  statusLabel: string;
  /** YYYY-MM-DD (Vietnam) of the record that set Đã xử lý, or null. */
  doneDate: string | null;
  overdue: boolean;
}

/** The entries whose ngày đến falls in the period, in (year, số đến) order. */
export function entriesInPeriod<E extends LedgerEntry>(entries: readonly E[], period: ReportPeriod): E[] {
  return entries
    .filter((e) => e.fields.ngayDen >= period.from && e.fields.ngayDen <= period.to)
    .sort((a, b) => a.year - b.year || a.number - b.number);
}

/**
 * The day an entry was marked Đã xử lý. While it is Đã xử lý, the last accepted record
 * that changed it was that status record: assign, claim and reopen all set another status.
 */
export function doneDateOf(entry: LedgerEntry): string | null {
  if (entry.status !== 'da-xu-ly') return null;
  const accepted = entry.history.filter((h) => h.accepted && h.type !== 'register');
  const last = accepted[accepted.length - 1];
  const at = last && last.type === 'status' ? Date.parse(last.at) : Number.NaN;
  return Number.isFinite(at) ? vietnamDate(new Date(at)) : null;
}

/** "Công văn: Về việc triển khai…"; the kind alone or the subject alone when the other is empty. */
export function kindAndSubject(tenLoai: string, trichYeu: string): string {
  const kind = tenLoai.trim();
  const subject = trichYeu.trim();
  if (kind && subject) return `${kind}: ${subject}`;
  return kind || subject;
}

function ghiChuOf(entry: LedgerEntry): string {
  const urgent = entry.fields.urgency !== 'thuong' ? URGENCY_LABELS[entry.fields.urgency] : '';
  return [urgent, entry.fields.ghiChu.trim()].filter(Boolean).join('. ');
}

/** One entry as a register row; `now` decides Quá hạn. */
export function registerRow(entry: LedgerEntry, now: Date): RegisterRow {
  const f = entry.fields;
  return {
    year: entry.year,
    ngayDen: f.ngayDen,
    soDen: entry.number,
    tacGia: f.tacGia.trim(),
    soKyHieu: f.soKyHieu.trim(),
    ngayVanBan: f.ngayVanBan,
    tenLoaiTrichYeu: kindAndSubject(f.tenLoai, f.trichYeu),
    // The decree's column names who the document went to; the handler stands in when the clerk left it empty.
    nguoiNhan: f.nguoiNhan.trim() || (entry.handler ?? ''),
    // Ký nhận is signed on paper; the electronic book has nothing to put there.
    kyNhan: '',
    ghiChu: ghiChuOf(entry),
    urgency: f.urgency,
    urgencyLabel: URGENCY_LABELS[f.urgency],
    handler: entry.handler ?? '',
    deadline: entry.deadline,
    statusLabel: isOverdue(entry, now)
      ? `${ENTRY_STATUS_LABELS[entry.status]} (quá hạn)`
      : ENTRY_STATUS_LABELS[entry.status],
    doneDate: doneDateOf(entry),
    overdue: isOverdue(entry, now),
  };
}

/** A cell of the CSV files the register is written to (the report's CSV, the handover's book). */
export type CsvCell = string | number | null;

/**
 * The decree's columns of a row for a CSV, Ngày đến to Ký nhận, days as YYYY-MM-DD. Ghi chú and
 * what follows differ: the report's CSV folds urgency into Ghi chú, the handover's book does not.
 */
export function decreeCells(r: RegisterRow): CsvCell[] {
  return [r.ngayDen, r.soDen, r.tacGia, r.soKyHieu, r.ngayVanBan, r.tenLoaiTrichYeu, r.nguoiNhan, r.kyNhan];
}

/** A CSV row with its text in NFC (composed Vietnamese diacritics, as spreadsheets expect). */
export function nfcCsvRow(cells: readonly CsvCell[]): string {
  return csvRow(cells.map((c) => (typeof c === 'string' ? c.normalize('NFC') : c)));
}

export function registerRows(entries: readonly LedgerEntry[], period: ReportPeriod, now: Date): RegisterRow[] {
  return entriesInPeriod(entries, period).map((e) => registerRow(e, now));
}
