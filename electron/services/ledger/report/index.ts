// The ledger's reports for a period, to be wired into app-services, the contract
// and `unit-mailbox ledger report`. Everything takes the book's entries (LedgerEntry
// or BookEntry), a period of ngày đến and an injected Clock; nothing reads the
// system time, the network or Electron.
export { renderRegisterPdf } from './register-pdf.ts';
export { renderProcessingPdf } from './processing-pdf.ts';
export { renderRegisterXlsx, renderProcessingXlsx, SHEET_NAMES } from './report-xlsx.ts';
export { renderRegisterCsv, CSV_BOM, CSV_HEADERS } from './register-csv.ts';
export {
  processingReport,
  formatRate,
  OUTCOME_LABELS,
  type Outcome,
  type PersonLoad,
  type ProcessingItem,
  type ProcessingReport,
  type Tally,
} from './processing-report.ts';
export {
  REGISTER_COLUMNS,
  REGISTER_TITLE,
  PROCESSING_COLUMNS,
  URGENCY_COLUMN,
  registerRows,
  type RegisterRow,
} from './register-rows.ts';
export { PROCESSING_TITLE } from './processing-pdf.ts';
export { REPORT_FONT_FILES } from './report-pdf.ts';
export {
  checkPeriod,
  type RenderPdfOptions,
  type RenderXlsxOptions,
  type ReportPeriod,
  type ReportUnit,
} from './report-types.ts';
