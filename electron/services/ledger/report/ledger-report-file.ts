// One report of a ledger for a period, as bytes: the register in the decree's layout (PDF, A4
// landscape; XLSX with the processing sheets; CSV), or the processing report (received, done on
// time, late, open; PDF or XLSX). Used by `unit-mailbox ledger report` and the app's Báo cáo.
import { join } from 'node:path';
import type { Clock } from '../../clock/clock.ts';
import type { BookEntry } from '../ledger-view.ts';
import {
  checkPeriod,
  processingReport,
  renderProcessingPdf,
  renderProcessingXlsx,
  renderRegisterCsv,
  renderRegisterPdf,
  renderRegisterXlsx,
  type ReportPeriod,
  type ReportUnit,
} from './index.ts';
import { entriesInPeriod } from './register-rows.ts';

export const REPORT_FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_KINDS = ['register', 'processing'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportRequest {
  period: ReportPeriod;
  format: ReportFormat;
  kind: ReportKind;
}

export interface ReportFile {
  bytes: Uint8Array | string;
  /** Entries whose ngày đến falls in the period. */
  entries: number;
  /** A file name to suggest, e.g. so-van-ban-den_2026-01-01_2026-12-31.pdf. */
  fileName: string;
}

/** Throws RangeError on a bad period and on a processing report asked as CSV. */
function checkRequest({ period, format, kind }: ReportRequest): void {
  checkPeriod(period);
  if (kind === 'processing' && format === 'csv') throw new RangeError('the processing report is PDF or XLSX');
}

/**
 * The file name to suggest for a report, e.g. so-van-ban-den_2026-01-01_2026-12-31.pdf, known
 * before anything is rendered (the app asks where to save first). Throws as renderLedgerReport.
 */
export function reportFileName(req: ReportRequest): string {
  checkRequest(req);
  const stem = req.kind === 'processing' ? 'bao-cao-xu-ly' : 'so-van-ban-den';
  return `${stem}_${req.period.from}_${req.period.to}.${req.format}`;
}

/** Entries whose ngày đến falls in the period (what a report of it counts), without rendering it. */
export function reportEntryCount(entries: readonly BookEntry[], period: ReportPeriod): number {
  return entriesInPeriod(entries, period).length;
}

/** Throws RangeError on a bad period and on a processing report asked as CSV. */
export async function renderLedgerReport(
  entries: readonly BookEntry[],
  unit: ReportUnit,
  req: ReportRequest,
  opts: { resourcesDir: string; clock: Clock },
): Promise<ReportFile> {
  const { period, format, kind } = req;
  const fileName = reportFileName(req);
  const { clock } = opts;
  const fontsDir = join(opts.resourcesDir, 'fonts');
  const list = [...entries];
  let bytes: Uint8Array | string;
  if (kind === 'processing') {
    const report = processingReport(list, period, clock);
    bytes =
      format === 'pdf'
        ? await renderProcessingPdf(report, unit, { fontsDir, clock })
        : await renderProcessingXlsx(report, unit, { clock });
  } else if (format === 'csv') bytes = renderRegisterCsv(list, period, clock);
  else if (format === 'xlsx')
    bytes = await renderRegisterXlsx(list, period, unit, { clock, processing: processingReport(list, period, clock) });
  else bytes = await renderRegisterPdf(list, period, unit, { fontsDir, clock });
  return { bytes, entries: reportEntryCount(list, period), fileName };
}
