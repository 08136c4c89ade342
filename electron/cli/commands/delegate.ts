// `unit-mailbox delegate …` and `unit-mailbox shared`: delegation through IMAP ACL with the signed register.
import {
  DELEGATION_ROLES,
  GRANT_STATUS_WORDS,
  GRANT_WARNING_TEXT,
  ROLE_LABELS,
  rightsInWords,
  type CheckReport,
  type DelegationOverview,
  type DelegationRole,
  type GrantResult,
  type RecordRole,
  type RegisterState,
  type RevokeResult,
  type SharedMailbox,
} from '../../../shared/delegation.ts';
import { UsageError } from '../usage.ts';
import { required, requireAccount, single, type CommandGroup, type Output, type Values } from '../args.ts';

const SUBCOMMANDS = ['list', 'grant', 'revoke', 'check'] as const;

export const delegateCommands: CommandGroup = async (sub, args, v, s) => {
  if (!(SUBCOMMANDS as readonly string[]).includes(sub ?? ''))
    throw new UsageError(`unknown delegate command: ${sub ?? '(none)'}`);
  if (args.length) throw new UsageError(`unexpected argument: ${args[0]}`);
  const request = sub === 'grant' ? grantRequest(v) : null;
  const delegate = sub === 'revoke' ? required(single(v.to, '--to'), '--to') : '';
  const accountId = requireAccount(v, s);
  const service = s.delegation;
  // Grants past their end are revoked before anything else is shown or changed.
  const schedule = await service.expireDue(accountId);
  const notes = [
    ...schedule.expired.map((d) => `Hết hạn, đã thu hồi / expired and revoked: ${d}`),
    ...schedule.activated.map((d) => `Đến ngày bắt đầu, đã cấp quyền / started, rights applied: ${d}`),
  ];
  const withNotes = (out: Output): Output => ({ ...out, text: [...notes, out.text].join('\n') });
  switch (sub) {
    case 'list': {
      const overview = await service.overview(accountId);
      return withNotes({ data: overview, text: formatOverview(overview) });
    }
    case 'grant': {
      const result = await service.grant(accountId, request!);
      return withNotes({ data: result, text: formatGrant(result) });
    }
    case 'revoke': {
      const result = await service.revoke(accountId, delegate);
      return withNotes({ data: result, text: formatRevoke(result), exitCode: result.confirmedEmpty ? 0 : 1 });
    }
    default: {
      const report = await service.check(accountId, { fix: v.fix === true });
      return withNotes({ data: report, text: formatCheck(report), exitCode: report.ok ? 0 : 1 });
    }
  }
};

export const sharedCommand: CommandGroup = async (_sub, args, v, s) => {
  if (args.length) throw new UsageError(`unexpected argument: ${args[0]}`);
  const boxes = await s.delegation.sharedMailboxes(requireAccount(v, s));
  return { data: boxes, text: formatShared(boxes) };
};

function grantRequest(v: Values) {
  const role = required(v.role, '--role');
  if (!(DELEGATION_ROLES as readonly string[]).includes(role))
    throw new UsageError(`--role must be one of ${DELEGATION_ROLES.join(', ')}`);
  if (role === 'custom' && !v.rights) throw new UsageError('--role custom needs --rights LETTERS');
  if (role !== 'custom' && v.rights) throw new UsageError('--rights is only for --role custom');
  const folders = [...(v.folders ?? '').split(','), ...(v.folder ?? [])].map((f) => f.trim()).filter(Boolean);
  return {
    delegate: required(single(v.to, '--to'), '--to'),
    role: role as DelegationRole,
    ...(v.rights ? { rights: v.rights } : {}),
    allowAdmin: v['allow-admin'] === true,
    scope: folders.length ? folders : ('all' as const),
    ...(v.from ? { validFrom: dayStart(v.from, '--from') } : {}),
    validUntil: v.until ? dayEnd(v.until, '--until') : null,
  };
}

// Dates on the command line are Vietnamese calendar days (UTC+7): --until 2026-12-31 means through that day.
const DAY = /^\d{4}-\d{2}-\d{2}$/;
function dayStart(value: string, flag: string): string {
  return checkedDate(DAY.test(value) ? `${value}T00:00:00+07:00` : value, flag);
}
function dayEnd(value: string, flag: string): string {
  return checkedDate(DAY.test(value) ? `${value}T23:59:59+07:00` : value, flag);
}
function checkedDate(value: string, flag: string): string {
  if (Number.isNaN(Date.parse(value))) throw new UsageError(`${flag} must be a date YYYY-MM-DD`);
  return value;
}

// ---- text output -------------------------------------------------------------

function roleText(role: RecordRole): string {
  return role in ROLE_LABELS ? ROLE_LABELS[role as DelegationRole].vi : role;
}

function rightsText(rights: string): string {
  return rights ? `${rights} (${rightsInWords(rights).join(', ')})` : '—';
}

function scopeText(scope: 'all' | string[]): string {
  return scope === 'all' ? 'toàn hộp thư, kể cả thư mục tạo sau / whole mailbox' : scope.join(', ');
}

function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : 'không thời hạn / no end';
}

function formatRegister(r: RegisterState): string {
  const head = `Sổ ủy quyền / register (${r.folder}): ${r.records} bản ghi / records, ${
    r.intact ? 'nguyên vẹn / intact' : 'CÓ VẤN ĐỀ / DAMAGED'
  }`;
  return [head, ...r.problems.map((p) => `  ! ${p.messageVi} (${p.kind}: ${p.detail})`)].join('\n');
}

function formatOverview(o: DelegationOverview): string {
  const lines = [`Hộp thư / mailbox: ${o.mailbox} — IMAP ACL: ${o.aclSupported ? 'có / yes' : 'không / no'}`];
  lines.push('Ủy quyền / grants:');
  if (o.grants.length === 0) lines.push('  (chưa có / none)');
  for (const g of o.grants) {
    lines.push(
      `  ${g.delegate}  ${roleText(g.role)}  ${rightsText(g.rights)}  ${scopeText(g.scope)}  ${day(g.validFrom)} → ${day(g.validUntil)}  [${GRANT_STATUS_WORDS[g.status].vi} / ${g.status}]`,
    );
  }
  if (o.appliedToNewFolders.length)
    lines.push(`Thư mục mới đã được cấp quyền / new folders: ${o.appliedToNewFolders.join(', ')}`);
  lines.push('Quyền theo thư mục / rights by folder:');
  for (const f of o.folders) {
    lines.push(`  ${f.path}`);
    for (const e of f.entries) {
      lines.push(`    ${e.identifier}${e.owner ? ' (chủ hộp thư / owner)' : ''}  ${e.rights}  ${e.words.join(', ')}`);
    }
  }
  lines.push(formatRegister(o.register));
  return lines.join('\n');
}

function formatGrant(r: GrantResult): string {
  return [
    `Đã cấp quyền / granted: ${r.delegate} — ${ROLE_LABELS[r.role].vi}: ${rightsText(r.rights)}`,
    `  Phạm vi / scope: ${scopeText(r.scope)} (${r.folders.length} thư mục / folders set now)`,
    `  Hiệu lực / valid: ${day(r.validFrom)} → ${day(r.validUntil)}`,
    `  Bản ghi số / register record #${r.record.seq}`,
    ...r.warnings.map((w) => `  Lưu ý / note: ${GRANT_WARNING_TEXT[w].vi}`),
  ].join('\n');
}

function formatRevoke(r: RevokeResult): string {
  return [
    `Đã thu hồi / revoked: ${r.delegate} trên ${r.folders.length} thư mục / folders trong ${r.elapsedMs} ms`,
    r.confirmedEmpty
      ? '  GETACL xác nhận không còn quyền nào / confirmed: no right left'
      : `  CÒN QUYỀN / STILL HOLDS: ${r.remaining.map((x) => `${x.path} ${x.rights}`).join(', ')}`,
    r.record ? `  Bản ghi số / register record #${r.record.seq}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function formatCheck(c: CheckReport): string {
  const lines = [`Kiểm tra / check: ${c.mailbox}`];
  for (const f of c.fixed) lines.push(`  Đã sửa / fixed: ${f.messageVi}`);
  if (c.drift.length === 0) lines.push('  Quyền trên máy chủ khớp với Sổ ủy quyền / live rights match the register');
  for (const f of c.drift) lines.push(`  ! ${f.messageVi} (${f.kind}: ${f.detail})`);
  lines.push(formatRegister(c.register));
  return lines.join('\n');
}

function formatShared(boxes: SharedMailbox[]): string {
  if (boxes.length === 0) return 'Không có hộp thư nào được chia sẻ / no shared mailbox';
  return boxes
    .map((b) =>
      [
        `Đang làm việc thay / working on behalf of: ${b.owner}`,
        ...b.folders.map((f) => `  ${f.path}  ${f.rights}  ${f.words.join(', ')}`),
      ].join('\n'),
    )
    .join('\n');
}
