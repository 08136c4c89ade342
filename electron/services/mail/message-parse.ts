import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Address, AttachmentInfo, MessageDetail } from '../../../shared/mail.ts';

const MAX_INLINE_IMAGE_BYTES = 2 * 1024 * 1024;
const MAX_RAW_SHOWN = 1024 * 1024;

export interface ParseContext {
  uid: number;
  folder: string;
  flags: string[];
}

/**
 * Parses RFC 5322 source into what the reading pane shows. Never throws on
 * bad mail: whatever cannot be parsed is shown as raw source with a notice.
 */
export async function parseMessage(source: Buffer, ctx: ParseContext): Promise<MessageDetail> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(source, { keepCidLinks: true });
  } catch (e) {
    return rawFallback(source, ctx, `could not parse MIME: ${e instanceof Error ? e.message : String(e)}`);
  }
  const inlineImages: Record<string, string> = {};
  const attachments: AttachmentInfo[] = parsed.attachments.map((a, index) => {
    const cid = a.contentId ? a.contentId.replace(/^<|>$/g, '') : null;
    const inline = a.contentDisposition === 'inline' || Boolean(a.related && cid);
    if (cid && /^image\/[\w.+-]+$/i.test(a.contentType) && a.size <= MAX_INLINE_IMAGE_BYTES) {
      inlineImages[cid] = `data:${a.contentType.toLowerCase()};base64,${a.content.toString('base64')}`;
    }
    return {
      index,
      filename: a.filename ?? fallbackName(a.contentType, index),
      contentType: a.contentType,
      size: a.size,
      inline,
      contentId: cid,
    };
  });
  const warning = headerProblems(parsed);
  return {
    uid: ctx.uid,
    folder: ctx.folder,
    messageId: parsed.messageId ?? null,
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    from: toAddresses(parsed.from),
    to: toAddresses(parsed.to),
    cc: toAddresses(parsed.cc),
    replyTo: toAddresses(parsed.replyTo),
    subject: parsed.subject ?? '',
    flags: ctx.flags,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    inlineImages,
    attachments,
    parseWarning: warning,
    rawSource: warning ? rawText(source) : null,
  };
}

function headerProblems(parsed: ParsedMail): string | null {
  const missing = ['from', 'date'].filter((h) => !parsed.headers.has(h));
  const empty = !parsed.text && !parsed.html && parsed.attachments.length === 0;
  if (missing.length === 2 && empty) return 'message has no recognisable headers or body';
  return null;
}

function rawFallback(source: Buffer, ctx: ParseContext, warning: string): MessageDetail {
  return {
    uid: ctx.uid,
    folder: ctx.folder,
    messageId: null,
    date: null,
    from: [],
    to: [],
    cc: [],
    replyTo: [],
    subject: '',
    flags: ctx.flags,
    text: '',
    html: null,
    inlineImages: {},
    attachments: [],
    parseWarning: warning,
    rawSource: rawText(source),
  };
}

function rawText(source: Buffer): string {
  return source.subarray(0, MAX_RAW_SHOWN).toString('utf8');
}

function toAddresses(value: AddressObject | AddressObject[] | undefined): Address[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const out: Address[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const e of entries) {
      if (e.group) walk(e.group);
      else out.push({ name: e.name ?? '', address: e.address ?? '' });
    }
  };
  for (const obj of list) walk(obj.value);
  return out;
}

function fallbackName(contentType: string, index: number): string {
  const ext = contentType.split('/')[1]?.replace(/[^a-z0-9]/gi, '') || 'bin';
  return `attachment-${index + 1}.${ext}`;
}
