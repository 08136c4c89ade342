// The copy of a sent message in the Sent folder (RFC 6154 \Sent, APPEND with \Seen), made once:
// before appending, the folder is searched for the Message-ID, so a copy the server filed itself,
// or one made just before a crash, is not made twice.
import type { ImapFlow, ListResponse } from 'imapflow';
import { AppError } from '../errors/app-error.ts';

const SENT_NAMES = ['sent', 'sent items', 'sent messages', 'đã gửi', 'thư đã gửi', 'sent mail'];

/**
 * The Sent folder of the mailbox under `prefix` ('' for the account's own; the unit's shared
 * prefix, e.g. "shared/vanphong@…/", for a delegate sending on its behalf): by special-use, else
 * by the usual names. Null when there is none.
 */
export async function findSentFolder(client: ImapFlow, prefix = ''): Promise<string | null> {
  const entries = (await client.list()).filter((e: ListResponse) => {
    if (!e.path.startsWith(prefix)) return false;
    const rest = e.path.slice(prefix.length);
    return rest.length > 0 && !rest.includes(e.delimiter || '/');
  });
  const bySpecialUse = entries.find((e) => e.specialUse === '\\Sent' && e.specialUseSource !== 'name');
  if (bySpecialUse) return bySpecialUse.path;
  const byName = entries.find((e) => SENT_NAMES.includes(e.name.normalize('NFC').toLowerCase()));
  return byName?.path ?? entries.find((e) => e.specialUse === '\\Sent')?.path ?? null;
}

/** Appends the copy unless the folder already holds a message with this Message-ID. Returns its UID when known. */
export async function fileSentCopy(
  client: ImapFlow,
  folder: string,
  messageId: string,
  raw: Buffer,
  date: Date,
): Promise<{ uid: number | null; alreadyThere: boolean }> {
  const existing = await findByMessageId(client, folder, messageId);
  if (existing !== null) return { uid: existing, alreadyThere: true };
  try {
    const res = await client.append(folder, raw, ['\\Seen'], date);
    return { uid: res && typeof res === 'object' && res.uid ? res.uid : null, alreadyThere: false };
  } catch (e) {
    throw new AppError('SMTP_FAILED', `APPEND to ${folder} failed: ${(e as Error).message}`, {
      messageVi: `Thư đã gửi đi nhưng chưa lưu được bản sao vào thư mục ${folder}. Ứng dụng sẽ thử lại.`,
      cause: e,
    });
  }
}

export async function findByMessageId(client: ImapFlow, folder: string, messageId: string): Promise<number | null> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    return uids && uids.length > 0 ? (uids[0] ?? null) : null;
  } finally {
    lock.release();
  }
}
