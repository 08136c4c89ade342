import { csvRow } from '../bag/csv.ts';
import { REGISTER_COLUMNS, URGENCY_COLUMN } from '../../ledger/report/register-rows.ts';

// The registers travel in data/registers/, present with their header line even while empty.
// A JSON Lines file has no comment syntax, so its first line is a JSON object that names the
// format; every later line is one record. The CSV files are readable derivatives of the records
// (UTF-8 with a byte-order mark, so that Excel reads the diacritics).

export interface RegisterFile {
  /** File name in data/registers/ (ASCII, e.g. `delegation.jsonl`, `ledger.jsonl`, `ledger.csv`). */
  fileName: string;
  /** First line; kept even when there are no records. */
  header: string;
  lines: string[];
}

const BOM = '\uFEFF';
const csvHeader = (columns: readonly string[]): string => BOM + csvRow(columns).replace(/\r\n$/, '');

/** The book's columns: the year, the decree's register columns, urgency, then processing. */
export const LEDGER_BOOK_COLUMNS = [
  'Năm',
  ...REGISTER_COLUMNS,
  URGENCY_COLUMN,
  'Người xử lý',
  'Người phối hợp',
  'Hạn xử lý',
  'Trạng thái',
  'Quá hạn',
  'Ngày xử lý xong',
  'Message-ID',
] as const;

export const AUDIT_LOG_COLUMNS = [
  'seq',
  'uid',
  'time',
  'actor',
  'action',
  'folder',
  'message_uid',
  'message_id',
  'detail',
] as const;

export const REGISTER_HEADERS = {
  delegation: { fileName: 'delegation.jsonl', header: '{"format":"unit-mailbox-register/1","kind":"delegation"}' },
  /** The ledger's records, one per line, each with its signature. */
  ledger: { fileName: 'ledger.jsonl', header: '{"format":"unit-mailbox-register/1","kind":"ledger"}' },
  /** The book derived from the ledger records (one row per entry). */
  ledgerBook: { fileName: 'ledger.csv', header: csvHeader(LEDGER_BOOK_COLUMNS) },
  /** The audit's records, one per line, each with its signature. */
  audit: { fileName: 'audit.jsonl', header: '{"format":"unit-mailbox-register/1","kind":"audit"}' },
  /** The audit as a table (one row per record). */
  auditLog: { fileName: 'audit.csv', header: csvHeader(AUDIT_LOG_COLUMNS) },
} as const;

/** The state of the two chains (heads, counts, intact), written beside the registers. */
export const CHAINS_FILE = 'chains.json';

/** The registers with no records (until delegation, the ledger and the audit provide theirs). */
export function emptyRegisters(): RegisterFile[] {
  return Object.values(REGISTER_HEADERS).map((r) => ({ fileName: r.fileName, header: r.header, lines: [] }));
}
