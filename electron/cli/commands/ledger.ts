// `unit-mailbox ledger list|register|assign|claim|status|report`: the processing ledger
// (sổ đăng ký văn bản đến) of a unit mailbox; a delegate adds --mailbox UNIT_ADDRESS.
import { LEDGER_STATUS_FILTERS, type LedgerStatusFilter } from '../../../shared/contract-ledger.ts';
import { STATUS_VALUES, parseEntryNumber, vietnamDate, type StatusValue } from '../../../shared/ledger.ts';
import type { AppServices } from '../../services/app-services.ts';
import { systemClock } from '../../services/clock/clock.ts';
import { toRow } from '../../services/ledger/ledger-query.ts';
import type { ActionResult, LedgerTarget } from '../../services/ledger/ledger-service.ts';
import type { QueuedActionResult } from '../../services/ledger/ledger-queue.ts';
import {
  intOption,
  required,
  requireAccount,
  single,
  type CliIo,
  type CommandGroup,
  type Output,
  type Values,
} from '../args.ts';
import { UsageError } from '../usage.ts';
import { formatAction, formatLedgerPage } from './ledger-format.ts';

const SUBCOMMANDS = ['list', 'register', 'assign', 'claim', 'status', 'report'] as const;

export const ledgerCommands: CommandGroup = async (sub, args, v, s, io) => {
  if (!(SUBCOMMANDS as readonly string[]).includes(sub ?? ''))
    throw new UsageError(`unknown ledger command: ${sub ?? '(none)'}`);
  const ctx = { v, s, io, target: targetOf(v, s) };
  if (sub === 'report') {
    if (args.length) throw new UsageError(`unexpected argument: ${args[0]}`);
    const { ledgerReport } = await import('./ledger-report.ts');
    return ledgerReport(v, s, ctx.target, io.clock ?? systemClock);
  }
  switch (sub) {
    case 'list':
      noArgs(args);
      return list(ctx);
    case 'register': {
      noArgs(args);
      const folder = required(single(v.folder), '--folder');
      const uid = intOption('--uid', required(v.uid, '--uid'), 1, 2 ** 32 - 1);
      return action(await s.ledger.register(ctx.target, { folder, uid }), 'Đã vào sổ');
    }
    case 'assign': {
      const which = entryArg(args, 1, ctx);
      const to = required(single(v.to, '--to'), '--to');
      const deadline = v.deadline === undefined ? undefined : dayOption('--deadline', v.deadline);
      const input = { to, ...(deadline ? { deadline } : {}), ...(v.note !== undefined ? { instruction: v.note } : {}) };
      return action(await s.ledger.assign(ctx.target, which, input), 'Đã giao xử lý');
    }
    case 'claim':
      return action(await s.ledger.claim(ctx.target, entryArg(args, 1, ctx)), 'Đã nhận xử lý');
    default: {
      const which = entryArg(args, 2, ctx);
      const status = args[1] as string;
      if (!(STATUS_VALUES as readonly string[]).includes(status))
        throw new UsageError(`status must be one of ${STATUS_VALUES.join(', ')}`);
      const result = {
        ...(v['result-message-id'] ? { messageId: v['result-message-id'] } : {}),
        ...(v.note !== undefined ? { note: v.note } : {}),
      };
      return action(await s.ledger.setStatus(ctx.target, which, status as StatusValue, result), 'Đã cập nhật');
    }
  }
};

interface Ctx {
  v: Values;
  s: AppServices;
  io: CliIo;
  target: LedgerTarget;
}

function noArgs(args: string[]): void {
  if (args.length) throw new UsageError(`unexpected argument: ${args[0]}`);
}

function targetOf(v: Values, s: AppServices): LedgerTarget {
  const accountId = requireAccount(v, s);
  return v.mailbox ? { accountId, mailbox: v.mailbox } : accountId;
}

/** NUMBER (this year, in Vietnam) or YEAR/NUMBER, as the only positional before `extra` more. */
function entryArg(args: string[], count: number, ctx: Ctx): { year: number; number: number } {
  if (args.length !== count)
    throw new UsageError(count === 1 ? 'give exactly one NUMBER (or YEAR/NUMBER)' : 'give NUMBER and a STATUS');
  const year = Number(vietnamDate((ctx.io.clock ?? systemClock).now()).slice(0, 4));
  const parsed = parseEntryNumber(args[0] as string, year);
  if (!parsed) throw new UsageError(`NUMBER must be the số đến (e.g. 12) or YEAR/NUMBER (e.g. ${year}/12)`);
  return parsed;
}

function dayOption(flag: string, value: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value)
    throw new UsageError(`${flag} must be a date YYYY-MM-DD`);
  return value;
}

async function list({ v, s, target }: Ctx): Promise<Output> {
  const status = v.status;
  if (status !== undefined && !(LEDGER_STATUS_FILTERS as readonly string[]).includes(status))
    throw new UsageError(`--status must be one of ${LEDGER_STATUS_FILTERS.join(', ')}`);
  const year = v.year === undefined ? undefined : intOption('--year', v.year, 2000, 2200);
  const limit = v.limit === undefined ? 500 : intOption('--limit', v.limit, 1, 100_000);
  const offset = v.offset === undefined ? 0 : intOption('--offset', v.offset, 0, 10_000_000);
  const me = s.accounts.get(typeof target === 'string' ? target : target.accountId).email.toLowerCase();
  const assignee = v.assignee === 'me' ? me : v.assignee?.toLowerCase();
  const ref = typeof target === 'string' ? { accountId: target } : target;
  const query = { year, status: status as LedgerStatusFilter | undefined, assignee, offset, limit };
  const page = await s.ledgerBooks.page(ref, query, { fresh: true });
  const data = {
    mailbox: page.mailbox,
    total: page.total,
    offset,
    shown: page.rows.length,
    intact: page.intact,
    entries: page.rows,
  };
  return { data, text: formatLedgerPage(page) };
}

function action(r: ActionResult | QueuedActionResult, done: string): Output {
  const entry = toRow(r.entry);
  const queued = 'queued' in r ? r.queued : null;
  if (queued)
    // Durable on this computer, written to the unit mailbox when the server answers again (the
    // app, or the next ledger command): exit 75 like a message kept in the outbox.
    return {
      data: { entry, recordUid: null, keywords: r.keywords, queued, history: r.entry.history },
      text: `Chưa ghi được lên máy chủ: đã lưu trên máy này, sẽ ghi khi có kết nối (${queued.pending} đang chờ) / queued, ${queued.pending} waiting\nsố đến ${entry.number}/${entry.year}`,
      exitCode: 75,
    };
  return {
    data: { entry, recordUid: r.recordUid, keywords: r.keywords, queued: null, history: r.entry.history },
    text: formatAction(done, entry, r.recordUid),
  };
}
