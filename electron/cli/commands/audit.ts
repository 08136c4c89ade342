// `unit-mailbox audit list|verify`: the audit log (nhật ký) of a unit mailbox; a delegate adds
// --mailbox UNIT_ADDRESS. `list` shows who did what, when, on which message, with the changes
// other clients made ("ngoài ứng dụng"); `verify` exits 1 on any break, naming the first one.
import {
  OUTSIDE_LABEL_VI,
  type AuditEntry,
  type AuditVerification,
  type OutsideChange,
} from '../../../shared/audit.ts';
import type { AuditTarget } from '../../services/audit/audit-log.ts';
import { outsideNow } from '../../services/audit/audit-sweep.ts';
import type { AppServices } from '../../services/app-services.ts';
import { intOption, requireAccount, type CommandGroup, type Output, type Values } from '../args.ts';
import { UsageError } from '../usage.ts';

export const auditCommands: CommandGroup = async (sub, args, v, s) => {
  if (sub !== 'list' && sub !== 'verify') throw new UsageError(`unknown audit command: ${sub ?? '(none)'}`);
  if (args.length) throw new UsageError(`unexpected argument: ${args[0]}`);
  const target = targetOf(v, s);
  return sub === 'list' ? list(v, s, target) : verify(s, target);
};

function targetOf(v: Values, s: AppServices): AuditTarget {
  const accountId = requireAccount(v, s);
  return v.mailbox ? { accountId, mailbox: v.mailbox } : accountId;
}

async function list(v: Values, s: AppServices, target: AuditTarget): Promise<Output> {
  const offset = v.offset === undefined ? 0 : intOption('--offset', v.offset, 0, Number.MAX_SAFE_INTEGER);
  const limit = v.limit === undefined ? undefined : intOption('--limit', v.limit, 1, Number.MAX_SAFE_INTEGER);
  const { log } = s.audit;
  const { entries: all, verification } = await log.overview(target);
  const outside = await outsideNow(log, target);
  const entries = all.slice(offset, limit === undefined ? undefined : offset + limit);
  const pending = log.pendingCount(target);
  const data = {
    mailbox: mailboxOf(s, target),
    folder: verification.folder,
    total: all.length,
    offset,
    shown: entries.length,
    intact: verification.intact,
    pending,
    entries: entries.map((e) => ({ ...e, outside: e.details.outside === true })),
    outside,
  };
  const lines = [
    `Nhật ký thao tác / audit log: ${data.mailbox} (${verification.folder})`,
    ...entries.map(entryLine),
    `${entries.length === all.length ? `${all.length}` : `${entries.length} of ${all.length}`} bản ghi / records` +
      (verification.intact ? '' : ` — KHÔNG nguyên vẹn / NOT intact: see audit verify`),
    ...(pending > 0 ? [`${pending} bản ghi chờ ghi lên máy chủ / records waiting on this computer`] : []),
    ...(outside.length > 0
      ? [
          `Thay đổi ${OUTSIDE_LABEL_VI}, chưa ghi nhật ký / outside changes not yet recorded:`,
          ...outside.map(outsideLine),
        ]
      : []),
  ];
  return { data, text: lines.join('\n') };
}

async function verify(s: AppServices, target: AuditTarget): Promise<Output> {
  const v: AuditVerification = await s.audit.log.verify(target);
  const pending = s.audit.log.pendingCount(target);
  const data = { ...v, mailbox: mailboxOf(s, target), pending };
  if (v.intact) {
    const waiting = pending > 0 ? `; ${pending} chờ ghi / waiting on this computer` : '';
    return { data, text: `Nhật ký nguyên vẹn / audit log intact: ${v.records} records in ${v.folder}${waiting}` };
  }
  const first = v.first as NonNullable<AuditVerification['first']>;
  const text = [
    `Nhật ký đã bị can thiệp / audit log broken (${v.folder}, ${v.records} records, ${v.problems.length} problems)`,
    `Đầu tiên / first: ${first.messageVi} (${first.kind}: ${first.detail})`,
    ...v.problems.slice(1).map((p) => `  ${p.kind}: ${p.detail}`),
  ].join('\n');
  return { data, text, exitCode: 1 };
}

function mailboxOf(s: AppServices, target: AuditTarget): string {
  if (typeof target !== 'string' && target.mailbox) return target.mailbox.toLowerCase();
  return s.accounts.get(typeof target === 'string' ? target : target.accountId).email.toLowerCase();
}

function entryLine(e: AuditEntry): string {
  const who = e.details.outside === true ? `${OUTSIDE_LABEL_VI} (thấy bởi / seen by ${e.by.email})` : e.by.email;
  const on = e.message
    ? ` ${e.message.folder} UID ${e.message.uid}${e.message.messageId ? ` ${e.message.messageId}` : ''}`
    : '';
  const details = Object.entries(e.details)
    .filter(([k]) => k !== 'outside' && k !== 'label' && k !== 'messageVi')
    .map(([k, val]) => `${k}=${String(val)}`)
    .join(' ');
  return `#${e.seq} ${e.at} ${who} ${e.kind}${on}${details ? ` — ${details}` : ''}${e.trusted ? '' : ' [!]'}`;
}

function outsideLine(c: OutsideChange): string {
  return `  ${c.folder} UID ${c.uid} ${c.kind}: ${c.messageVi}`;
}
