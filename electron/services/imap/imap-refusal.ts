// What the server refused, in words a delegate understands. IMAP servers refuse
// in three ways, and a delegate with few rights meets all three:
// - a tagged NO, often with [NOPERM] (APPEND, MOVE, SETACL…);
// - silence: RFC 4314 §4 lets a server ignore flag changes the user has no
//   right for and still answer OK (Dovecot does), announcing only the flags it
//   would keep in PERMANENTFLAGS;
// - imapflow swallowing the NO: messageMove/messageFlagsAdd return false.
import type { ImapFlow, MailboxObject } from 'imapflow';
import { getStatusCode } from 'imapflow/lib/tools.js';
import { normalizeRights, rightsInWords, rightsMinus } from '../../../shared/delegation.ts';
import { AppError } from '../errors/app-error.ts';
import { hasAcl, myRights } from './imap-acl.ts';

export type RefusedAction = 'flags' | 'move' | 'append' | 'expunge' | 'open';

const ACTION_VI: Record<RefusedAction, string> = {
  flags: 'gắn nhãn/cờ cho thư',
  move: 'chuyển thư',
  append: 'thêm thư vào thư mục',
  expunge: 'xóa thư',
  open: 'mở thư mục',
};

interface ImapError {
  responseStatus?: string;
  responseText?: string;
  serverResponseCode?: string;
  response?: unknown;
}

/**
 * Maps a server's refusal to a typed error: PERMISSION_DENIED for missing rights,
 * FOLDER_NOT_FOUND for a folder that is not there. Dovecot hides a shared folder
 * the user may no longer see ("Mailbox doesn't exist"), so in another user's
 * namespace that too means the rights are gone. Null for anything else.
 */
export function classifyImapRefusal(
  e: unknown,
  ctx: { folder?: string; action?: RefusedAction; shared?: boolean } = {},
): AppError | null {
  if (e instanceof AppError) return e.code === 'PERMISSION_DENIED' || e.code === 'FOLDER_NOT_FOUND' ? e : null;
  const err = (e ?? {}) as ImapError;
  if (err.responseStatus !== 'NO' && err.responseStatus !== 'BAD') return null;
  const code = (
    err.serverResponseCode ||
    (typeof err.response === 'object' ? getStatusCode(err.response as Parameters<typeof getStatusCode>[0]) : '') ||
    ''
  ).toUpperCase();
  const text = err.responseText ?? (typeof err.response === 'string' ? err.response : '');
  const where = ctx.folder ? ` in ${ctx.folder}` : '';
  const detail = `server refused ${ctx.action ?? 'the command'}${where}: ${err.responseStatus} ${code ? `[${code}] ` : ''}${text}`;
  const denied =
    code === 'NOPERM' || /permission denied|privilege|not allowed|access denied|read-only|readonly/i.test(text);
  const missing =
    code === 'NONEXISTENT' || code === 'TRYCREATE' || /doesn't exist|does not exist|no such mailbox/i.test(text);
  if (denied || (missing && ctx.shared)) return permissionDenied(detail, ctx, e);
  if (missing) {
    return new AppError('FOLDER_NOT_FOUND', detail, {
      messageVi: ctx.folder ? `Không tìm thấy thư mục "${ctx.folder}" trên máy chủ.` : undefined,
      cause: e,
    });
  }
  return null;
}

function permissionDenied(
  detail: string,
  ctx: { folder?: string; action?: RefusedAction },
  cause?: unknown,
  missingRights = '',
): AppError {
  const what = ctx.action ? ACTION_VI[ctx.action] : 'thực hiện thao tác này';
  const where = ctx.folder ? ` trong thư mục "${ctx.folder}"` : '';
  const lacking = missingRights ? ` Cần thêm quyền: ${rightsInWords(missingRights).join(', ')}.` : '';
  return new AppError('PERMISSION_DENIED', detail, {
    messageVi: `Máy chủ từ chối: bạn không có quyền ${what}${where}.${lacking} Hãy đề nghị lãnh đạo đơn vị cấp thêm quyền nếu cần.`,
    data: missingRights ? { missingRights } : undefined,
    cause,
  });
}

/** RFC 4314 §4: s guards \Seen, t guards \Deleted, w every other flag and keyword. */
function rightsForFlags(flags: string[]): string {
  const letter = (f: string) => (f.toLowerCase() === '\\seen' ? 's' : f.toLowerCase() === '\\deleted' ? 't' : 'w');
  return normalizeRights(flags.map(letter).join('')).rights;
}

/**
 * Throws PERMISSION_DENIED when a flag is outside the selected mailbox's
 * PERMANENTFLAGS, i.e. the server would silently drop the change.
 * Keywords are allowed by `\*`; a server that sent no PERMANENTFLAGS is trusted.
 */
export function assertFlagsPermitted(
  mailbox: MailboxObject | boolean | undefined,
  flags: string[],
  folder: string,
): void {
  if (!mailbox || typeof mailbox !== 'object' || !mailbox.permanentFlags) return;
  const permanent = new Set([...mailbox.permanentFlags].map((f) => f.toLowerCase()));
  const refused = flags.filter((f) => !permanent.has(f.toLowerCase()) && (f.startsWith('\\') || !permanent.has('\\*')));
  if (refused.length === 0) return;
  const needed = rightsForFlags(refused);
  throw permissionDenied(
    `server would ignore ${refused.join(' ')} in ${folder} (PERMANENTFLAGS ${[...mailbox.permanentFlags].join(' ') || 'empty'})`,
    { folder, action: 'flags' },
    undefined,
    needed,
  );
}

/**
 * Checks the flags FETCHed after a STORE: a server that ignored the change
 * (rights revoked while the folder stayed selected, so PERMANENTFLAGS was stale) answered OK anyway.
 */
export function assertFlagsApplied(
  messages: Array<{ uid: number; flags: string[] }>,
  add: string[],
  remove: string[],
  folder: string,
): void {
  const lower = (list: string[]) => new Set(list.map((f) => f.toLowerCase()));
  const ignored = new Set<string>();
  for (const m of messages) {
    const has = lower(m.flags);
    for (const f of add) if (!has.has(f.toLowerCase())) ignored.add(f);
    for (const f of remove) if (has.has(f.toLowerCase())) ignored.add(f);
  }
  if (ignored.size === 0) return;
  const needed = rightsForFlags([...ignored]);
  throw permissionDenied(
    `server answered OK but left ${[...ignored].join(' ')} unchanged in ${folder}`,
    { folder, action: 'flags' },
    undefined,
    needed,
  );
}

/**
 * After imapflow's messageMove returned false (it swallows the NO), asks the
 * server for our rights to tell a refusal from other failures. A move needs
 * e (and t without the MOVE extension) on the source and i on the target.
 */
export async function explainMoveFailure(client: ImapFlow, source: string, target: string): Promise<AppError | null> {
  if (!hasAcl(client)) return null;
  const rightsOf = (path: string) => myRights(client, path).catch(() => '');
  const [src, dst] = [await rightsOf(source), await rightsOf(target)];
  const needSource = client.capabilities.has('MOVE') ? 'e' : 'te';
  const missingSource = rightsMinus(needSource, src);
  const missingTarget = rightsMinus('i', dst);
  if (!missingSource && !missingTarget) return null;
  const folder = missingSource ? source : target;
  return permissionDenied(
    `move from ${source} (rights '${src}') to ${target} (rights '${dst}') refused`,
    { folder, action: missingSource ? 'move' : 'append' },
    undefined,
    missingSource || missingTarget,
  );
}

/** The other-users namespace root a path lives in ('shared/owner/'), or null for the user's own folders. */
export function sharedRoot(client: ImapFlow, path: string): string | null {
  for (const ns of client.namespaces?.other || []) {
    if (!ns.prefix || !path.startsWith(ns.prefix)) continue;
    const delimiter = ns.delimiter || '/';
    const owner = path.slice(ns.prefix.length).split(delimiter)[0];
    if (owner) return `${ns.prefix}${owner}${delimiter}`;
  }
  return null;
}
