// RFC 4180 CSV as Mailbag §5.5 wants it: every field quoted, "" inside quotes, CRLF record ends.
// Written here; read back strictly with csv-parse, so that a bag's CSV either parses exactly as
// it was written or fails with the line named.
import { createReadStream } from 'node:fs';
import { CsvError, parse, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { AppError } from '../../errors/app-error.ts';

/**
 * A cell a spreadsheet would run as a formula ("CSV injection"): the characters OWASP and ASVS
 * 1.2.10 list. Excel and LibreOffice evaluate such a cell even when it is quoted, and the
 * handover's CSV files are meant to be opened there.
 */
const FORMULA_START = /^[=+\-@\t\r\n\0]/;

/**
 * A field as stored: a string that would start a formula gets a leading apostrophe, which
 * spreadsheets take as "this is text". Reading the file gives the stored value back, apostrophe
 * included; the exact values are in messages.jsonl and the .eml files.
 */
export function csvCell(value: string | number | null): string {
  if (typeof value === 'string') return FORMULA_START.test(value) ? `'${value}` : value;
  return value === null ? '' : String(value);
}

export function csvRow(fields: readonly (string | number | null)[]): string {
  return `${fields.map((f) => `"${csvCell(f).replace(/"/g, '""')}"`).join(',')}\r\n`;
}

/** A record and the line of the file it starts on (1-based; a field may hold line breaks). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** Line breaks inside a record's fields (a quoted field keeps them as they are in the file). */
function breaksIn(fields: string[]): number {
  let n = 0;
  for (const f of fields) if (f.includes('\n') || f.includes('\r')) n += f.match(LINE_BREAK)?.length ?? 0;
  return n;
}

/**
 * Strict: a quote inside a bare field, text after a closing quote, a quote never closed, or a
 * record whose field count differs from the first record's is an error (an empty line is a
 * record of one empty field, so in a file of several columns it is one too).
 * A record is at most 1 MiB, so that a quote left open cannot pull a whole file into memory.
 */
const STRICT: Options = {
  relax_quotes: false,
  relax_column_count: false,
  skip_empty_lines: false,
  skip_records_with_empty_values: false,
  max_record_size: 1 << 20,
};

/**
 * Follows where each record starts, so that records and errors name their line: a record's own
 * line breaks count, and the one that ends it (csv-parse's count takes a CRLF inside a field for
 * two lines).
 */
class LineCounter {
  /** Where the next record (or the one in error) starts. */
  line = 1;

  next(fields: string[]): CsvRecord {
    const line = this.line;
    this.line += breaksIn(fields) + 1;
    return { fields, line };
  }
}

/** Parses CSV text strictly (all of it in memory: small files and tests). `file` names it in errors. */
export function parseCsv(text: string, file = 'CSV'): string[][] {
  const lines = new LineCounter();
  try {
    // Counted as they are parsed, so that an error knows its line.
    const options: Options<CsvRecord, string[]> = { ...STRICT, on_record: (fields) => lines.next(fields) };
    return (parseSync(text, options as unknown as Options) as unknown as CsvRecord[]).map((r) => r.fields);
  } catch (e) {
    throw csvError(file, lines.line, e);
  }
}

/**
 * Reads a CSV file strictly, streamed (memory bounded by the largest record), handing each
 * record to `onRecord` as it is parsed; `onRecord` returns false to stop early. Rejects with the
 * AppError of csvError() for a malformed file, and with the read error as it is for a file that
 * cannot be read. A callback rather than an async iterator: one promise per record made the
 * index of a large bag slower to read and its garbage larger.
 */
export function readCsvFile(
  path: string,
  file: string,
  onRecord: (record: CsvRecord) => boolean | void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const lines = new LineCounter();
    const parser = parse(STRICT);
    const input = createReadStream(path, { highWaterMark: 1 << 20 });
    let done = false;
    const finish = (e?: unknown) => {
      if (done) return;
      done = true;
      input.destroy();
      parser.destroy();
      if (e === undefined) resolve();
      // The records before the one in error were all handed over (and counted) first.
      else reject(e instanceof CsvError ? csvError(file, lines.line, e) : e);
    };
    input.on('error', finish);
    parser.on('error', finish);
    parser.on('data', (fields: string[]) => {
      if (done) return;
      try {
        if (onRecord(lines.next(fields)) === false) finish();
      } catch (e) {
        finish(e);
      }
    });
    parser.on('end', () => finish());
    input.pipe(parser);
  });
}

const REASONS: Record<string, [en: string, vi: string]> = {
  CSV_QUOTE_NOT_CLOSED: ['a quoted field is never closed', 'có trường mở ngoặc kép mà không đóng'],
  CSV_INVALID_CLOSING_QUOTE: ['text follows a closing quote', 'có ký tự ngay sau dấu ngoặc kép đóng'],
  INVALID_OPENING_QUOTE: ['a quote inside an unquoted field', 'có dấu ngoặc kép giữa trường không đặt trong ngoặc'],
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: ['the number of fields differs', 'số trường khác với các dòng trước'],
  CSV_MAX_RECORD_SIZE: ['a record is over 1 MiB', 'có bản ghi dài quá 1 MiB'],
};

/** PACKAGE_INVALID naming the file and the line where the record in error starts. */
function csvError(file: string, line: number, e: unknown): AppError {
  if (!(e instanceof CsvError)) return new AppError('PACKAGE_INVALID', `${file}: ${String(e)}`, { data: { file } });
  const [en, vi] = REASONS[e.code] ?? [e.message, 'không đúng định dạng CSV'];
  return new AppError('PACKAGE_INVALID', `${file} line ${line}: ${en} (${e.code})`, {
    messageVi: `Tệp ${file} của gói bàn giao bị lỗi ở dòng ${line}: ${vi}.`,
    data: { file, line },
    cause: e,
  });
}
