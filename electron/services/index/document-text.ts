// The text of one message for the index: its body as the reading pane decodes it (the one
// decoder, mail/message-parse.ts, with legacy TCVN3/VNI repair), the text of attached PDF and
// DOCX documents, and forwarded messages (message/rfc822) with their own headers and body.
import type { Attachment } from 'mailparser';
import type { BodyIndexEntry } from '../cache/search-index.ts';
import { htmlText } from '../mail/charset/html.ts';
import { simpleParser } from '../mail/lazy-mailparser.ts';
import { parseMessage } from '../mail/message-parse.ts';
import { documentKind, type AttachmentTextPool } from './attachment-text.ts';

const MAX_FORWARD_DEPTH = 3;

const isForward = (a: { contentType: string }) => a.contentType.toLowerCase() === 'message/rfc822';

/** Everything searchable in a message's source; never throws (a part that fails is a note). */
export async function documentText(source: Buffer, pool: AttachmentTextPool, depth = 0): Promise<BodyIndexEntry> {
  const detail = await parseMessage(source, { uid: 0, folder: '', flags: [] });
  const body = detail.text.trim() ? detail.text : detail.html ? htmlText(detail.html) : (detail.rawSource ?? '');
  const files = detail.attachments.filter((a) => !a.inline || isForward(a));
  const entry: BodyIndexEntry = { body, attachmentText: '', notes: [], hasAttachments: files.length > 0 };
  const wanted = files.some((a) => isForward(a) || documentKind(a.contentType, a.filename) !== null);
  if (!wanted) return entry;
  let attachments: Attachment[];
  try {
    attachments = (await simpleParser(source, { skipHtmlToText: true, skipTextToHtml: true })).attachments;
  } catch (e) {
    entry.notes.push(`attachments could not be read (${e instanceof Error ? e.message : String(e)})`);
    return entry;
  }
  const texts: string[] = [];
  for (const a of attachments) {
    const name = a.filename ?? a.contentType;
    if (isForward(a)) {
      if (depth >= MAX_FORWARD_DEPTH) continue;
      const inner = await documentText(a.content, pool, depth + 1);
      const head = await parseMessage(a.content, { uid: 0, folder: '', flags: [] });
      const people = [...head.from, ...head.to, ...head.cc].map((p) => `${p.name} ${p.address}`).join(' ');
      texts.push(head.subject, people, inner.body, inner.attachmentText);
      entry.notes.push(...inner.notes);
      continue;
    }
    const kind = documentKind(a.contentType, name);
    if (!kind) continue;
    const result = await pool.extract(kind, name, a.content);
    if ('text' in result) texts.push(name, result.text);
    else entry.notes.push(result.note);
  }
  entry.attachmentText = texts.filter(Boolean).join('\n');
  return entry;
}
