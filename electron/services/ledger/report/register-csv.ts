// The register as CSV for Excel and LibreOffice: UTF-8 with a byte-order mark
// (without it Excel reads the file as the ANSI code page and mangles every
// diacritic), RFC 4180 quoting with CRLF, and the handover's neutralisation of
// cells a spreadsheet would run as a formula (=, +, -, @, tab, CR, LF get a
// leading apostrophe). One flat table: the decree's columns, Độ khẩn, then the
// processing columns, since a CSV has no second sheet. Days are YYYY-MM-DD,
// which every spreadsheet locale reads as a date; số đến is a bare number.
import type { LedgerEntry } from '../../../../shared/ledger.ts';
import type { Clock } from '../../clock/clock.ts';
import { csvRow } from '../../handover/bag/csv.ts';
import {
  PROCESSING_COLUMNS,
  REGISTER_COLUMNS,
  URGENCY_COLUMN,
  decreeCells,
  nfcCsvRow,
  registerRows,
} from './register-rows.ts';
import { checkPeriod, type ReportPeriod } from './report-types.ts';

export const CSV_BOM = '\uFEFF';

export const CSV_HEADERS: readonly string[] = [...REGISTER_COLUMNS, URGENCY_COLUMN, ...PROCESSING_COLUMNS];

/** The register of `period` as CSV text (BOM first); `clock` decides which entries are Quá hạn. */
export function renderRegisterCsv(entries: readonly LedgerEntry[], period: ReportPeriod, clock: Clock): string {
  checkPeriod(period);
  const rows = registerRows(entries, period, clock.now());
  let out = CSV_BOM + csvRow(CSV_HEADERS);
  for (const r of rows) {
    out += nfcCsvRow([...decreeCells(r), r.ghiChu, r.urgencyLabel, r.handler, r.deadline, r.statusLabel, r.doneDate]);
  }
  return out;
}
