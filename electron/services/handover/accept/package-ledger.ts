// What the package says about the processing ledger: the open items (việc đang dở dang) and the
// chain heads, from the record (data/record/bien-ban.json) of a verified bag. A package made
// before the record carried them has none: null.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { HandoverLedgerSummary } from '../../../../shared/handover-ledger.ts';
import { ENTRY_STATUSES } from '../../../../shared/ledger.ts';
import { AppError } from '../../errors/app-error.ts';
import { BAG_FILES } from '../bag/bag-layout.ts';

const openItem = z.object({
  year: z.number().int(),
  number: z.number().int(),
  ngayDen: z.string(),
  soKyHieu: z.string(),
  tacGia: z.string(),
  trichYeu: z.string(),
  urgency: z.string(),
  status: z.enum(ENTRY_STATUSES),
  statusLabel: z.string(),
  assignee: z.string().nullable(),
  coHandlers: z.array(z.string()),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  messageId: z.string(),
});
const chain = z.object({
  folder: z.string().nullable(),
  uidValidity: z.number().nullable(),
  records: z.number().int(),
  head: z.string().nullable(),
  headSeq: z.number().nullable(),
  headUid: z.number().nullable(),
  tips: z.array(z.string()),
  intact: z.boolean(),
  problems: z.number().int(),
  firstProblem: z.string().nullable(),
});
const summary = z.object({
  entries: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  openItems: z.array(openItem),
  chains: z.object({ ledger: chain, audit: chain }),
});

export async function readPackageLedger(bagDir: string): Promise<HandoverLedgerSummary | null> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(bagDir, BAG_FILES.recordJson), 'utf8'));
  } catch (e) {
    throw new AppError('PACKAGE_INVALID', `${BAG_FILES.recordJson}: ${(e as Error).message.slice(0, 300)}`, {
      data: { file: BAG_FILES.recordJson },
    });
  }
  const ledger = (json as { ledger?: unknown } | null)?.ledger;
  if (ledger === undefined) return null;
  const parsed = summary.safeParse(ledger);
  if (!parsed.success) {
    throw new AppError('PACKAGE_INVALID', `${BAG_FILES.recordJson}: ledger is not readable: ${parsed.error.message}`, {
      data: { file: BAG_FILES.recordJson },
    });
  }
  return parsed.data;
}

/** "Còn 3 việc đang dở dang (1 quá hạn): …", the first thing the incoming head reads; null when none. */
export function openItemsReminder(ledger: HandoverLedgerSummary | null): string | null {
  if (!ledger || ledger.open === 0) return null;
  const overdue = ledger.overdue > 0 ? `, ${ledger.overdue} việc quá hạn` : '';
  return `Còn ${ledger.open} việc đang dở dang theo sổ đăng ký văn bản đến${overdue}: xem danh sách và giao lại nếu người xử lý không còn đảm nhận.`;
}
