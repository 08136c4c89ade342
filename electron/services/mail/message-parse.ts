import type { ParsedMail } from 'mailparser';
import { simpleParser } from './lazy-mailparser.ts';
import type { AttachmentInfo, DateSource, MessageDetail } from '../../../shared/mail.ts';
import { stripControlChars } from './charset/headers.ts';
import { convertLegacyParts, type LegacyConversion } from './charset/legacy.ts';
import {
  hasBody,
  normaliseLineEndings,
  relabelUndecodableText,
  repairMissingBoundary,
  splitHeader,
  transcodeRawHeaders,
} from './charset/source-repair.ts';
import { decodeHeaders, type DecodedHeaders } from './decode/decode-headers.ts';
import { withoutRecent } from './decode/flags.ts';

const MAX_INLINE_IMAGE_BYTES = 2 * 1024 * 1024;
const MAX_RAW_SHOWN = 1024 * 1024;

export interface ParseContext {
  uid: number;
  folder: string;
  flags: string[];
  /** The server's INTERNALDATE (ISO), shown (and marked) when the Date header is missing or unreadable. */
  internalDate?: string | null;
}

const PARSE_OPTIONS = { keepCidLinks: true } as const;

/** What every view of a message shares: the parser's tree, the decoded headers and the decoded texts. */
interface Decoded {
  parsed: ParsedMail;
  prepared: Buffer;
  headers: DecodedHeaders;
  text: string;
  html: string | null;
  legacy: LegacyConversion | null;
}

async function decodeMessage(source: Buffer): Promise<Decoded> {
  const normalised = safely(normaliseLineEndings, source);
  const prepared = prepareSource(normalised);
  const parsed = await simpleParser(prepared, PARSE_OPTIONS);
  const headers = decodeHeaders(normalised.subarray(0, splitHeader(normalised, 0, normalised.length).headerEnd));
  // The subject was decided with the names (as the cache decides it); the body with the headers' encoding as a hint.
  const body = convertLegacyParts(
    {
      subject: '',
      text: cleanBody(parsed.text ?? ''),
      html: typeof parsed.html === 'string' ? cleanBody(parsed.html) : null,
    },
    headers.legacy,
  );
  return { parsed, prepared, headers, text: body.text, html: body.html, legacy: mergeLegacy(headers, body.legacy) };
}

function mergeLegacy(headers: DecodedHeaders, body: LegacyConversion | null): LegacyConversion | null {
  const subject = headers.subjectConverted && headers.legacy ? headers.legacy : null;
  if (subject === null) return body;
  if (body === null) return { from: subject, parts: ['subject'] };
  return body.from === subject ? { from: subject, parts: ['subject', ...body.parts] } : body;
}

/**
 * Parses RFC 5322 source into what the reading pane shows. Never throws on
 * bad mail: whatever cannot be parsed is shown as raw source with a notice.
 */
export async function parseMessage(source: Buffer, ctx: ParseContext): Promise<MessageDetail> {
  let decoded: Decoded;
  try {
    decoded = await decodeMessage(source);
  } catch (e) {
    return rawFallback(source, ctx, `could not parse MIME: ${e instanceof Error ? e.message : String(e)}`);
  }
  const { parsed, prepared, headers } = decoded;
  const inlineImages: Record<string, string> = {};
  const attachments: AttachmentInfo[] = parsed.attachments.map((a, index) => {
    const cid = a.contentId ? a.contentId.replace(/^<|>$/g, '') : null;
    const inline = a.contentDisposition === 'inline' || Boolean(a.related && cid);
    if (cid && /^image\/[\w.+-]+$/i.test(a.contentType) && a.size <= MAX_INLINE_IMAGE_BYTES) {
      inlineImages[cid] = `data:${a.contentType.toLowerCase()};base64,${a.content.toString('base64')}`;
    }
    return {
      index,
      filename: a.filename ? cleanText(a.filename) : fallbackName(a.contentType, index),
      contentType: a.contentType,
      size: a.size,
      inline,
      contentId: cid,
    };
  });
  const warning = headerProblems(parsed, prepared);
  return {
    uid: ctx.uid,
    folder: ctx.folder,
    messageId: parsed.messageId ?? null,
    ...dateOf(parsed.date, ctx),
    from: headers.from,
    to: headers.to,
    cc: headers.cc,
    replyTo: headers.replyTo,
    subject: headers.subject,
    flags: withoutRecent(ctx.flags),
    text: decoded.text,
    html: decoded.html,
    inlineImages,
    attachments,
    parseWarning: warning,
    rawSource: warning ? rawText(source) : null,
    legacyEncoding: decoded.legacy,
  };
}

/** The Date header; without a readable one, the INTERNALDATE, marked as such. */
function dateOf(header: Date | undefined, ctx: ParseContext): { date: string | null; dateSource: DateSource | null } {
  if (header && !Number.isNaN(header.getTime())) return { date: header.toISOString(), dateSource: 'header' };
  const internal = ctx.internalDate ? new Date(ctx.internalDate) : null;
  if (internal && !Number.isNaN(internal.getTime())) return { date: internal.toISOString(), dateSource: 'internal' };
  return { date: null, dateSource: null };
}

function safely(repair: (b: Buffer) => Buffer, source: Buffer): Buffer {
  try {
    return repair(source);
  } catch {
    return source;
  }
}

/**
 * Byte repairs the parser needs to see the message at all: raw 8-bit header
 * values in a legacy charset, a multipart with no boundary, text parts whose
 * label does not match their bytes (legacy bytes under a UTF-8 or missing
 * label; UTF-8 under a single-byte label). Never throws: a repair that fails
 * leaves the source as it was.
 */
function prepareSource(source: Buffer): Buffer {
  const repaired = safely((s) => repairMissingBoundary(transcodeRawHeaders(s)), source);
  return safely((s) => relabelUndecodableText(s) ?? s, repaired);
}

/** One-line text (subject, names, file names): NFC, without control characters. */
function cleanText(text: string): string {
  return stripControlChars(text.normalize('NFC'));
}

/** Body text: NFC, without NUL (which HTML shows as U+FFFD and C code reads as the end). */
function cleanBody(text: string): string {
  return text.replaceAll('\u0000', '').normalize('NFC');
}

function headerProblems(parsed: ParsedMail, source: Buffer): string | null {
  const missing = ['from', 'date'].filter((h) => !parsed.headers.has(h));
  const empty = !parsed.text && !parsed.html && parsed.attachments.length === 0;
  if (missing.length === 2 && empty) return 'message has no recognisable headers or body';
  // A body was there but nothing came out of it: the raw source is all the reader can see.
  if (empty && hasBody(source)) return 'message body could not be decoded';
  return null;
}

function rawFallback(source: Buffer, ctx: ParseContext, warning: string): MessageDetail {
  return {
    uid: ctx.uid,
    folder: ctx.folder,
    messageId: null,
    ...dateOf(undefined, ctx),
    from: [],
    to: [],
    cc: [],
    replyTo: [],
    subject: '',
    flags: withoutRecent(ctx.flags),
    text: '',
    html: null,
    inlineImages: {},
    attachments: [],
    parseWarning: warning,
    rawSource: rawText(source),
    legacyEncoding: null,
  };
}

function rawText(source: Buffer): string {
  return source.subarray(0, MAX_RAW_SHOWN).toString('utf8');
}

function fallbackName(contentType: string, index: number): string {
  const ext = contentType.split('/')[1]?.replace(/[^a-z0-9]/gi, '') || 'bin';
  return `attachment-${index + 1}.${ext}`;
}
