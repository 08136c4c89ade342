import type { FetchMessageObject, ImapFlow, MessageAddressObject, MessageStructureObject } from 'imapflow';
import type { Address, MessageSummary } from '../../../shared/mail.ts';
import { AppError } from '../errors/app-error.ts';

/**
 * The newest `limit` messages of a folder, newest first. The folder is opened
 * with EXAMINE (read-only), so listing can never change a flag.
 */
export async function listNewestMessages(client: ImapFlow, folder: string, limit: number): Promise<MessageSummary[]> {
  const lock = await openReadOnly(client, folder);
  try {
    const mailbox = client.mailbox;
    const exists = mailbox ? mailbox.exists : 0;
    if (exists === 0) return [];
    const from = Math.max(1, exists - limit + 1);
    const out: MessageSummary[] = [];
    for await (const msg of client.fetch(`${from}:*`, {
      uid: true,
      flags: true,
      envelope: true,
      size: true,
      bodyStructure: true,
      internalDate: true,
    })) {
      out.push(toSummary(msg));
    }
    return out.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.uid - a.uid);
  } finally {
    lock.release();
  }
}

export async function openReadOnly(client: ImapFlow, folder: string) {
  try {
    return await client.getMailboxLock(folder, { readOnly: true });
  } catch (e) {
    const err = e as { mailboxMissing?: boolean; serverResponseCode?: string };
    if (err.mailboxMissing || err.serverResponseCode === 'NONEXISTENT') {
      throw new AppError('FOLDER_NOT_FOUND', `folder ${folder} does not exist`);
    }
    throw e;
  }
}

export function toSummary(msg: FetchMessageObject): MessageSummary {
  const env = msg.envelope;
  const date = env?.date ?? msg.internalDate;
  return {
    uid: msg.uid,
    date: date ? new Date(date).toISOString() : null,
    from: addresses(env?.from),
    to: addresses(env?.to),
    subject: env?.subject ?? '',
    flags: [...(msg.flags ?? [])].sort(),
    size: msg.size ?? 0,
    hasAttachments: msg.bodyStructure ? hasAttachment(msg.bodyStructure) : false,
  };
}

export function addresses(list: MessageAddressObject[] | undefined): Address[] {
  return (list ?? []).map((a) => ({ name: a.name ?? '', address: a.address ?? '' }));
}

/** An attachment is a part with an attachment disposition, or a named non-text leaf. */
export function hasAttachment(node: MessageStructureObject): boolean {
  if (node.childNodes?.length) return node.childNodes.some(hasAttachment);
  if (node.disposition === 'attachment') return true;
  const named = Boolean(node.dispositionParameters?.filename ?? node.parameters?.name);
  return named && node.disposition !== 'inline' && !node.type.startsWith('text/');
}
