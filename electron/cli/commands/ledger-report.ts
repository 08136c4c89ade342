// `unit-mailbox ledger report`: the register for a period of ngày đến, in the decree's layout
// (PDF, A4 landscape), as XLSX or CSV, written to --out. Loaded only for this command (PDF and
// spreadsheet code are heavy).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppServices } from '../../services/app-services.ts';
import type { Clock } from '../../services/clock/clock.ts';
import {
  checkPeriod,
  processingReport,
  renderRegisterCsv,
  renderRegisterPdf,
  renderRegisterXlsx,
} from '../../services/ledger/report/index.ts';
import { entriesInPeriod } from '../../services/ledger/report/register-rows.ts';
import type { LedgerTarget } from '../../services/ledger/ledger-service.ts';
import { defaultResourcesDir } from '../../services/profile/resources-dir.ts';
import { required, single, type Output, type Values } from '../args.ts';
import { UsageError } from '../usage.ts';

const FORMATS = ['pdf', 'xlsx', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export async function ledgerReport(v: Values, s: AppServices, target: LedgerTarget, clock: Clock): Promise<Output> {
  const period = { from: required(v.from, '--from'), to: required(single(v.to, '--to'), '--to') };
  const format = required(v.format, '--format');
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const out = required(v.out, '--out');
  try {
    checkPeriod(period);
  } catch (e) {
    throw new UsageError(`--from/--to: ${(e as Error).message}`);
  }
  const book = await s.ledger.book(target);
  const accountId = typeof target === 'string' ? target : target.accountId;
  const account = s.accounts.get(accountId);
  const unit = { name: account.displayName || book.mailbox, mailbox: book.mailbox };
  const bytes = await render(format as Format, book.entries, period, unit, s, clock);
  await writeFile(out, bytes);
  const count = entriesInPeriod(book.entries, period).length;
  return {
    data: { file: out, format, from: period.from, to: period.to, entries: count, intact: book.intact },
    text: `Đã lập báo cáo / report written: ${out} (${count} văn bản, ${period.from} – ${period.to})`,
  };
}

async function render(
  format: Format,
  entries: Awaited<ReturnType<AppServices['ledger']['book']>>['entries'],
  period: { from: string; to: string },
  unit: { name: string; mailbox: string },
  s: AppServices,
  clock: Clock,
): Promise<Uint8Array | string> {
  if (format === 'csv') return renderRegisterCsv(entries, period, clock);
  if (format === 'xlsx') {
    const processing = processingReport(entries, period, clock);
    return renderRegisterXlsx(entries, period, unit, { clock, processing });
  }
  const fontsDir = join(s.caps.resourcesDir ?? defaultResourcesDir(), 'fonts');
  return renderRegisterPdf(entries, period, unit, { fontsDir, clock });
}
