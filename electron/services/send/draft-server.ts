// Drafts on the server (RFC 6154 \Drafts): each version APPENDed with \Draft and \Seen, the
// previous one then removed by UID (STORE \Deleted + UID EXPUNGE), so another PC sees exactly one.
// The composer's state that MIME does not carry (recipients as typed, on-behalf, the original,
// the receipt request) travels in X-Unit-Mailbox-Draft, base64 JSON, like Thunderbird's
// X-Mozilla-Draft-Info.
import type { ImapFlow } from 'imapflow';
import type { ComposeInput } from '../../../shared/compose.ts';
import { simpleParser } from '../mail/lazy-mailparser.ts';

export const DRAFT_HEADER = 'X-Unit-Mailbox-Draft';
const DRAFT_NAMES = ['drafts', 'draft', 'nháp', 'thư nháp', 'bản nháp'];

export interface DraftMeta {
  id: string;
  to: string[];
  cc: string[];
  bcc: string[];
  onBehalfOf?: string;
  original?: ComposeInput['original'];
  requestReceipt?: boolean;
  html: boolean;
}

export const encodeMeta = (m: DraftMeta): string => Buffer.from(JSON.stringify(m), 'utf8').toString('base64');

export function decodeMeta(value: unknown): DraftMeta | null {
  if (typeof value !== 'string') return null;
  try {
    const m = JSON.parse(Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8')) as DraftMeta;
    return typeof m.id === 'string' ? m : null;
  } catch {
    return null;
  }
}

export async function findDraftsFolder(client: ImapFlow): Promise<string | null> {
  const entries = await client.list();
  const top = entries.filter((e) => !e.path.includes(e.delimiter || '/'));
  return (
    top.find((e) => e.specialUse === '\\Drafts' && e.specialUseSource !== 'name')?.path ??
    top.find((e) => DRAFT_NAMES.includes(e.name.normalize('NFC').toLowerCase()))?.path ??
    null
  );
}

export async function appendDraft(client: ImapFlow, folder: string, raw: Buffer, date: Date): Promise<number | null> {
  const res = await client.append(folder, raw, ['\\Draft', '\\Seen'], date);
  return res && typeof res === 'object' && res.uid ? res.uid : null;
}

/** Removes one version by UID; a version already gone is not an error. */
export async function deleteDraftVersion(client: ImapFlow, folder: string, uid: number): Promise<void> {
  const lock = await client.getMailboxLock(folder);
  try {
    await client.messageDelete(String(uid), { uid: true });
  } finally {
    lock.release();
  }
}

export interface ServerDraft {
  uid: number;
  meta: DraftMeta;
  subject: string;
  date: string | null;
}

/** The app's drafts in the folder (messages carrying the draft header), newest version per id. */
export async function listServerDrafts(client: ImapFlow, folder: string): Promise<ServerDraft[]> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  const found = new Map<string, ServerDraft>();
  try {
    if (!client.mailbox || client.mailbox.exists === 0) return [];
    for await (const msg of client.fetch(
      '1:*',
      { uid: true, envelope: true, headers: [DRAFT_HEADER] },
      { uid: true },
    )) {
      const headers = msg.headers?.toString('utf8') ?? '';
      const value = /X-Unit-Mailbox-Draft:\s*([\s\S]*)/i.exec(headers)?.[1]?.trim();
      const meta = decodeMeta(value);
      if (!meta) continue;
      const prev = found.get(meta.id);
      if (prev && prev.uid > msg.uid) continue;
      found.set(meta.id, {
        uid: msg.uid,
        meta,
        subject: msg.envelope?.subject ?? '',
        date: msg.envelope?.date ? new Date(msg.envelope.date).toISOString() : null,
      });
    }
  } finally {
    lock.release();
  }
  return [...found.values()];
}

/** The composer's input from a server version (its attachments as data: the version will be replaced). */
export async function draftInputFrom(
  source: Buffer,
  accountId: string,
): Promise<{ id: string; input: ComposeInput } | null> {
  const parsed = await simpleParser(source, { skipImageLinks: true });
  const meta = decodeMeta(parsed.headers.get(DRAFT_HEADER.toLowerCase()));
  if (!meta) return null;
  const input: ComposeInput = {
    accountId,
    to: meta.to,
    cc: meta.cc,
    bcc: meta.bcc,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    ...(meta.html && typeof parsed.html === 'string' ? { html: parsed.html } : {}),
    attachments: parsed.attachments.map((a) => ({
      kind: 'data' as const,
      name: a.filename ?? 'tep-dinh-kem',
      contentType: a.contentType || 'application/octet-stream',
      base64: a.content.toString('base64'),
    })),
    ...(meta.onBehalfOf ? { onBehalfOf: meta.onBehalfOf } : {}),
    ...(meta.original ? { original: meta.original } : {}),
    requestReceipt: meta.requestReceipt ?? false,
    draftId: meta.id,
  };
  return { id: meta.id, input };
}
