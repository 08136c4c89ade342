// The ACL work behind grants, revocations and expiries, on one open session.
import type { ImapFlow } from 'imapflow';
import { normalizeRights, rightsInWords, rightsMinus, type AclSupport } from '../../../shared/delegation.ts';
import { AppError } from '../errors/app-error.ts';
import { deleteAcl, getAcl, hasAcl, listRights, rightsCapability } from '../imap/imap-acl.ts';
import { delegable, mailboxFolders, type MailboxFolder } from './mailbox-folders.ts';

export function aclSupport(client: ImapFlow): AclSupport {
  const supported = hasAcl(client);
  return {
    supported,
    rightsCapability: rightsCapability(client),
    messageVi: supported
      ? 'Máy chủ hỗ trợ phân quyền hộp thư (IMAP ACL): có thể ủy quyền mà không giao mật khẩu.'
      : 'Máy chủ thư không hỗ trợ phân quyền hộp thư (IMAP ACL). Chỉ có thể ủy quyền bằng cách giao mật khẩu đã niêm phong cho đúng người được ủy quyền; muốn thu hồi phải đổi mật khẩu.',
    detail: supported
      ? 'the server advertises ACL (RFC 4314)'
      : 'the server does not advertise ACL (RFC 4314); only credential delegation is possible',
  };
}

export function requireAcl(client: ImapFlow): void {
  if (!hasAcl(client)) {
    const s = aclSupport(client);
    throw new AppError('ACL_UNSUPPORTED', s.detail, { messageVi: s.messageVi });
  }
}

/** Every letter must be one the server offers to this identifier (LISTRIGHTS on INBOX). */
export async function checkServerOffers(client: ImapFlow, delegate: string, rights: string): Promise<void> {
  const offered = await listRights(client, 'INBOX', delegate);
  const allowed = normalizeRights([offered.required, ...offered.optional].join('')).rights;
  const unsupported = rightsMinus(rights, allowed);
  if (unsupported) {
    throw new AppError('VALIDATION', `the server does not offer '${unsupported}' (LISTRIGHTS: ${allowed})`, {
      messageVi: `Máy chủ không hỗ trợ quyền: ${rightsInWords(unsupported).join(', ')}.`,
    });
  }
}

export function scopeFolders(
  all: readonly MailboxFolder[],
  scope: 'all' | string[],
  opts: { lenient?: boolean } = {},
): MailboxFolder[] {
  const candidates = delegable(all);
  if (scope === 'all') return candidates;
  const byPath = new Map(candidates.map((f) => [f.path, f]));
  const out: MailboxFolder[] = [];
  for (const path of scope) {
    const f = byPath.get(path) ?? (path.toUpperCase() === 'INBOX' ? byPath.get('INBOX') : undefined);
    if (f) out.push(f);
    else if (!opts.lenient) {
      const recordFolder = all.some((x) => x.path === path && x.recordFolder);
      throw new AppError(recordFolder ? 'VALIDATION' : 'FOLDER_NOT_FOUND', `${path} cannot be delegated`, {
        messageVi: recordFolder
          ? `Thư mục "${path}" là nơi lưu sổ của ứng dụng, không ủy quyền được.`
          : `Không tìm thấy thư mục "${path}" trong hộp thư.`,
      });
    }
  }
  return out;
}

/** DELETEACL on every folder (records included), then GETACL everywhere to confirm. */
export async function removeEverywhere(
  client: ImapFlow,
  delegate: string,
): Promise<{
  folders: string[];
  confirmedEmpty: boolean;
  remaining: Array<{ path: string; rights: string }>;
  elapsedMs: number;
}> {
  const folders = (await mailboxFolders(client)).map((f) => f.path);
  const started = performance.now();
  for (const path of folders) {
    await deleteAcl(client, path, delegate);
    // A negative entry would survive the DELETEACL above and is not ours either.
    await deleteAcl(client, path, `-${delegate}`).catch(() => undefined);
  }
  const remaining: Array<{ path: string; rights: string }> = [];
  for (const path of folders) {
    for (const e of await getAcl(client, path)) {
      const id = e.identifier.toLowerCase();
      if (id === delegate || id === `-${delegate}`) remaining.push({ path, rights: e.rights });
    }
  }
  return {
    folders,
    confirmedEmpty: remaining.length === 0,
    remaining,
    elapsedMs: Math.round(performance.now() - started),
  };
}
