import type { ImapFlow } from 'imapflow';
import type { MessageDetail } from '../../../shared/mail.ts';
import { AppError } from '../errors/app-error.ts';
import { openReadOnly } from './message-list.ts';
import { parseMessage } from './message-parse.ts';

/**
 * Fetches one message by UID and parses it. EXAMINE + BODY.PEEK (imapflow
 * always peeks for `source`), so opening a message never sets \Seen.
 */
export async function readMessage(client: ImapFlow, folder: string, uid: number): Promise<MessageDetail> {
  const { source, flags, internalDate } = await fetchSource(client, folder, uid);
  return parseMessage(source, { uid, folder, flags, internalDate });
}

/** The message's exact bytes, flags and INTERNALDATE (ISO, null if the server gave none), read-only. */
export async function fetchSource(
  client: ImapFlow,
  folder: string,
  uid: number,
): Promise<{ source: Buffer; flags: string[]; internalDate: string | null }> {
  const lock = await openReadOnly(client, folder);
  let source: Buffer | undefined;
  let flags: string[];
  let internalDate: string | null;
  try {
    const query = { uid: true, flags: true, internalDate: true, source: true } as const;
    let msg = await client.fetchOne(String(uid), query, { uid: true });
    if (!msg || !msg.source) {
      // A message that arrived after this session selected the folder is not in its view until
      // the server tells it (RFC 3501 §5.2): NOOP brings the news, then ask again.
      await client.noop();
      msg = await client.fetchOne(String(uid), query, { uid: true });
    }
    if (!msg || !msg.source) throw new AppError('MESSAGE_NOT_FOUND', `no message with UID ${uid} in ${folder}`);
    source = msg.source;
    flags = [...(msg.flags ?? [])].sort();
    const internal = msg.internalDate ? new Date(msg.internalDate) : null;
    internalDate = internal && !Number.isNaN(internal.getTime()) ? internal.toISOString() : null;
  } finally {
    lock.release();
  }
  return { source, flags, internalDate };
}
