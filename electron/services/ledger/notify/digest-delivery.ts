// Puts the head's digest into the unit mailbox's own INBOX by IMAP APPEND (it is never sent out):
// a multipart/alternative message (plain text and HTML) built by the same composer as outgoing
// mail, with a Message-ID derived from the mailbox and the day, so a digest already there (from
// this computer before a restart, or from the head's other computer) is found and not added again.
import type { SessionRunner } from '../../delegation/mailbox-session.ts';
import { buildMessage } from '../../send/message-builder.ts';
import { digestHtml, digestSubject, digestText, type DigestData } from './digest-content.ts';

export function digestMessageId(mailbox: string, day: string): string {
  const [local = 'unit', domain = 'localhost'] = mailbox.toLowerCase().split('@');
  return `<so-van-ban-den.tong-hop.${day}.${local}@${domain}>`;
}

/** Appends the digest to INBOX unless it is there already; resolves whether it appended. */
export async function appendDigest(
  sessions: SessionRunner,
  accountId: string,
  d: DigestData,
  opts: { now: Date; appVersion?: string },
): Promise<boolean> {
  const messageId = digestMessageId(d.mailbox, d.day);
  const built = await buildMessage({
    from: { name: 'Hộp thư đơn vị — Sổ văn bản đến', address: d.mailbox },
    to: [{ name: '', address: d.mailbox }],
    cc: [],
    bcc: [],
    subject: digestSubject(d),
    text: digestText(d),
    html: digestHtml(d),
    attachments: [],
    messageId,
    date: opts.now,
    userAgent: `unit-mailbox/${opts.appVersion ?? 'app'}`,
    extraHeaders: { 'X-Unit-Mailbox-Digest': d.day },
  });
  return sessions(accountId, async ({ client }) => {
    await client.mailboxOpen('INBOX', { readOnly: true });
    const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    if (Array.isArray(found) && found.length > 0) return false;
    await client.append('INBOX', built.raw, [], opts.now);
    return true;
  });
}
