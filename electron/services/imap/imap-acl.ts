// IMAP ACL (RFC 4314) over imapflow, which has no ACL commands of its own.
//
// Pinned to imapflow 2.10 (package.json ^2.10.2), whose internals this relies on:
// - `client.exec(command, attributes, { untagged: { NAME: handler } })` is marked
//   @internal and missing from the type definitions. It resolves to
//   `{ response, next }` on a tagged OK and the reader stays parked until `next()`
//   is called; a tagged NO/BAD rejects with an Error carrying `responseStatus`,
//   `responseText` and the raw `response` (the [NOPERM]-style code is read with
//   imapflow's own getStatusCode).
// - `exec` skips the IDLE break that `run()` does through `client.preCheck`, so we call it first.
// - Mailbox names go out through imapflow's own encodePath (modified UTF-7 unless
//   UTF8=ACCEPT is enabled), exactly as its built-in commands do; they are sent
//   as quoted strings, never atoms, because names such as "Đã xử lý" contain
//   spaces once encoded.
// Re-check this file when upgrading imapflow past 2.x.
import type { ImapFlow } from 'imapflow';
import { encodePath, getStatusCode } from 'imapflow/lib/tools.js';
import { AppError } from '../errors/app-error.ts';

interface Attribute {
  type?: string;
  value?: unknown;
}
interface Untagged {
  attributes?: Attribute[];
}
interface ExecResult {
  response: Untagged;
  next(): void;
}
interface RawClient {
  exec(
    command: string,
    attributes: Attribute[],
    options?: { untagged?: Record<string, (u: Untagged) => Promise<void>> },
  ): Promise<ExecResult>;
  preCheck?: (() => Promise<void>) | false;
}

export interface AclEntryRaw {
  identifier: string;
  rights: string;
}

export interface ListRights {
  /** Rights the identifier always has on this mailbox. */
  required: string;
  /** Groups of rights that can be granted (each group only as a whole). */
  optional: string[];
}

export function hasAcl(client: ImapFlow): boolean {
  return client.capabilities.has('ACL');
}

/** The RIGHTS= capability (e.g. 'texk'): rights the server adds beyond RFC 2086's. */
export function rightsCapability(client: ImapFlow): string | null {
  for (const key of client.capabilities.keys()) {
    if (key.startsWith('RIGHTS=')) return key.slice('RIGHTS='.length).toLowerCase();
  }
  return null;
}

export function assertAcl(client: ImapFlow): void {
  if (!hasAcl(client)) {
    throw new AppError('ACL_UNSUPPORTED', 'the IMAP server does not advertise the ACL capability (RFC 4314)');
  }
}

export async function getAcl(client: ImapFlow, path: string): Promise<AclEntryRaw[]> {
  const entries: AclEntryRaw[] = [];
  await run(client, 'GETACL', [mailbox(client, path)], path, {
    ACL: async (u) => {
      const values = (u.attributes ?? []).slice(1).map(text);
      for (let i = 0; i + 1 < values.length; i += 2) {
        entries.push({ identifier: values[i] as string, rights: values[i + 1] as string });
      }
    },
  });
  return entries;
}

/** `rights` may start with + (add) or - (remove), as RFC 4314 allows. */
export async function setAcl(client: ImapFlow, path: string, identifier: string, rights: string): Promise<void> {
  if (!/^[+-]?[a-z0-9]*$/.test(rights)) throw new AppError('VALIDATION', `invalid ACL rights string: ${rights}`);
  await run(client, 'SETACL', [mailbox(client, path), str(identifier), str(rights)], path);
}

export async function deleteAcl(client: ImapFlow, path: string, identifier: string): Promise<void> {
  await run(client, 'DELETEACL', [mailbox(client, path), str(identifier)], path);
}

export async function listRights(client: ImapFlow, path: string, identifier: string): Promise<ListRights> {
  let result: ListRights = { required: '', optional: [] };
  await run(client, 'LISTRIGHTS', [mailbox(client, path), str(identifier)], path, {
    LISTRIGHTS: async (u) => {
      const [required = '', ...optional] = (u.attributes ?? []).slice(2).map(text);
      result = { required, optional };
    },
  });
  return result;
}

export async function myRights(client: ImapFlow, path: string): Promise<string> {
  let rights = '';
  await run(client, 'MYRIGHTS', [mailbox(client, path)], path, {
    MYRIGHTS: async (u) => {
      rights = text((u.attributes ?? [])[1] ?? {});
    },
  });
  return rights;
}

async function run(
  client: ImapFlow,
  command: string,
  attributes: Attribute[],
  path: string,
  untagged?: Record<string, (u: Untagged) => Promise<void>>,
): Promise<void> {
  assertAcl(client);
  const raw = client as unknown as RawClient;
  if (typeof raw.preCheck === 'function') await raw.preCheck();
  let result: ExecResult;
  try {
    result = await raw.exec(command, attributes, untagged ? { untagged } : undefined);
  } catch (e) {
    throw aclRefusal(e, command, path);
  }
  result.next();
}

/** A refused ACL command as a typed error; other failures (connection lost) pass through. */
function aclRefusal(e: unknown, command: string, path: string): unknown {
  const err = e as { responseStatus?: string; responseText?: string; response?: unknown };
  if (err.responseStatus !== 'NO' && err.responseStatus !== 'BAD') return e;
  const code = getStatusCode(err.response as Parameters<typeof getStatusCode>[0]) || '';
  const text = err.responseText ?? '';
  const detail = `${command} ${path} refused: ${err.responseStatus} ${code ? `[${code}] ` : ''}${text}`.trim();
  if (code === 'NOPERM' || /permission denied|privilege|not allowed|access denied/i.test(text)) {
    return new AppError('PERMISSION_DENIED', detail, {
      messageVi: `Máy chủ từ chối: tài khoản không có quyền quản trị phân quyền trên thư mục "${path}".`,
      cause: e,
    });
  }
  if (code === 'NONEXISTENT' || code === 'TRYCREATE' || /doesn't exist|does not exist|no such mailbox/i.test(text)) {
    return new AppError('FOLDER_NOT_FOUND', detail, {
      messageVi: `Không tìm thấy thư mục "${path}" trên máy chủ.`,
      cause: e,
    });
  }
  if (/unknown command|invalid command|unrecognized/i.test(text) && err.responseStatus === 'BAD') {
    return new AppError('ACL_UNSUPPORTED', detail, { cause: e });
  }
  return new AppError('VALIDATION', detail, {
    messageVi: `Máy chủ không chấp nhận lệnh phân quyền trên thư mục "${path}": ${text}`,
    cause: e,
  });
}

function mailbox(client: ImapFlow, path: string): Attribute {
  return str(encodePath(client, path.toUpperCase() === 'INBOX' ? 'INBOX' : path));
}

function str(value: string): Attribute {
  return { type: 'STRING', value };
}

function text(attr: Attribute): string {
  const v = attr.value;
  if (v === null || v === undefined) return '';
  return Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
}
