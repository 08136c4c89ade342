// What registration reads from the original message: its envelope, the day it
// arrived (INTERNALDATE, as a day in Vietnam: the same on every computer), the
// start of its plain text and its attachment names. Nothing is marked read.
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import { vietnamDate } from '../../../shared/ledger.ts';
import { AppError } from '../errors/app-error.ts';

export interface SourceMessage {
  uid: number;
  uidValidity: number | null;
  messageId: string;
  subject: string;
  fromName: string;
  fromAddress: string;
  ngayDen: string;
  body: string;
  attachmentNames: string[];
}

const BODY_LIMIT = 64 * 1024;

export async function readSourceMessage(client: ImapFlow, path: string, uid: number): Promise<SourceMessage> {
  const box = await client.mailboxOpen(path, { readOnly: true });
  const msg = await client.fetchOne(
    String(uid),
    { uid: true, envelope: true, internalDate: true, bodyStructure: true },
    { uid: true },
  );
  if (!msg || !msg.envelope) {
    throw new AppError('MESSAGE_NOT_FOUND', `UID ${uid} is not in ${path}`, {
      messageVi: `Không tìm thấy thư UID ${uid} trong thư mục "${path}".`,
    });
  }
  const from = msg.envelope.from?.[0];
  const parts = flatten(msg.bodyStructure);
  const text = parts.find((p) => p.type === 'text/plain' && !isAttachment(p));
  const arrived = msg.internalDate instanceof Date ? msg.internalDate : new Date(msg.internalDate ?? 0);
  return {
    uid,
    uidValidity: box.uidValidity !== undefined ? Number(box.uidValidity) : null,
    // A message without a Message-ID is keyed by where it is, which is stable while UIDVALIDITY is.
    messageId: msg.envelope.messageId || `<uid-${uid}.${String(box.uidValidity)}@${encodeURIComponent(path)}>`,
    subject: msg.envelope.subject ?? '',
    fromName: from?.name ?? '',
    fromAddress: from?.address ?? '',
    ngayDen: vietnamDate(arrived),
    body: text ? await download(client, uid, text.part ?? '1') : '',
    attachmentNames: parts
      .filter(isAttachment)
      .map(nameOf)
      .filter((n) => n !== ''),
  };
}

function flatten(node: MessageStructureObject | undefined): MessageStructureObject[] {
  if (!node) return [];
  return [node, ...(node.childNodes ?? []).flatMap(flatten)];
}

function nameOf(p: MessageStructureObject): string {
  return p.dispositionParameters?.filename ?? p.parameters?.name ?? '';
}

function isAttachment(p: MessageStructureObject): boolean {
  return p.disposition === 'attachment' || (!p.type.startsWith('multipart/') && nameOf(p) !== '');
}

async function download(client: ImapFlow, uid: number, part: string): Promise<string> {
  const { content } = await client.download(String(uid), part, { uid: true, maxBytes: BODY_LIMIT });
  if (!content) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8').slice(0, BODY_LIMIT);
}
