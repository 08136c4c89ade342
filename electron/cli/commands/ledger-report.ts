// `unit-mailbox ledger report`: the register for a period of ngày đến, in the decree's layout
// (PDF, A4 landscape), as XLSX or CSV, written to --out. Loaded only for this command (PDF and
// spreadsheet code are heavy).
import { writeFile } from 'node:fs/promises';
import type { AppServices } from '../../services/app-services.ts';
import type { Clock } from '../../services/clock/clock.ts';
import {
  REPORT_FORMATS,
  REPORT_KINDS,
  renderLedgerReport,
  type ReportFormat,
  type ReportKind,
} from '../../services/ledger/report/ledger-report-file.ts';
import type { LedgerTarget } from '../../services/ledger/ledger-service.ts';
import { defaultResourcesDir } from '../../services/profile/resources-dir.ts';
import { required, single, type Output, type Values } from '../args.ts';
import { UsageError } from '../usage.ts';

export async function ledgerReport(v: Values, s: AppServices, target: LedgerTarget, clock: Clock): Promise<Output> {
  const period = { from: required(v.from, '--from'), to: required(single(v.to, '--to'), '--to') };
  const format = required(v.format, '--format');
  if (!(REPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  const kind = v.kind ?? 'register';
  if (!(REPORT_KINDS as readonly string[]).includes(kind))
    throw new UsageError(`--kind must be one of ${REPORT_KINDS.join(', ')}`);
  const out = required(v.out, '--out');
  const book = await s.ledger.book(target);
  const accountId = typeof target === 'string' ? target : target.accountId;
  const account = s.accounts.get(accountId);
  const unit = { name: account.displayName || book.mailbox, mailbox: book.mailbox };
  let file;
  try {
    file = await renderLedgerReport(
      book.entries,
      unit,
      { period, format: format as ReportFormat, kind: kind as ReportKind },
      { resourcesDir: s.caps.resourcesDir ?? defaultResourcesDir(), clock },
    );
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`--from/--to/--kind: ${e.message}`);
    throw e;
  }
  await writeFile(out, file.bytes);
  return {
    data: { file: out, format, kind, from: period.from, to: period.to, entries: file.entries, intact: book.intact },
    text: `Đã lập báo cáo / report written: ${out} (${file.entries} văn bản, ${period.from} – ${period.to})`,
  };
}
