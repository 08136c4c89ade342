// Looking for a sent message in a stack user's folder over IMAP: by Message-ID, polling the server
// (never a fixed sleep) until Postfix has delivered it over LMTP.
import type { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { expect } from 'vitest';

/** UIDs of the messages with this Message-ID in a folder. */
export async function withId(client: ImapFlow, folder: string, messageId: string): Promise<number[]> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    return Array.isArray(found) ? found : [];
  } finally {
    lock.release();
  }
}

/** Waits until a message with this Message-ID is in the folder; its UID. */
export async function arrived(client: ImapFlow, folder: string, messageId: string): Promise<number> {
  let uids: number[] = [];
  await expect
    .poll(async () => (uids = await withId(client, folder, messageId)).length, { timeout: 30_000, interval: 100 })
    .toBeGreaterThan(0);
  return uids[0] ?? 0;
}

export async function fetchOne(client: ImapFlow, folder: string, uid: number) {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const msg = await client.fetchOne(String(uid), { source: true, flags: true }, { uid: true });
    if (!msg || !msg.source) throw new Error(`no message ${uid} in ${folder}`);
    return { source: msg.source, flags: [...(msg.flags ?? [])], parsed: await simpleParser(msg.source) };
  } finally {
    lock.release();
  }
}
