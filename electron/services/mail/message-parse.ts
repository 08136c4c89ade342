import type { AddressObject, ParsedMail } from 'mailparser';
import { simpleParser } from './lazy-mailparser.ts';
import type { Address, AttachmentInfo, MessageDetail } from '../../../shared/mail.ts';
import {
  countControlChars,
  decodeEncodedWords,
  encodedWordCount,
  hasEncodedWord,
  headerValue,
  looksBroken,
  stripControlChars,
} from './charset/headers.ts';
import { convertLegacyParts } from './charset/legacy.ts';
import {
  hasBody,
  normaliseLineEndings,
  relabelUndecodableText,
  repairMissingBoundary,
  topLevelHeaderText,
  transcodeRawHeaders,
} from './charset/source-repair.ts';

const MAX_INLINE_IMAGE_BYTES = 2 * 1024 * 1024;
const MAX_RAW_SHOWN = 1024 * 1024;

export interface ParseContext {
  uid: number;
  folder: string;
  flags: string[];
}

const PARSE_OPTIONS = { keepCidLinks: true } as const;

/**
 * Parses RFC 5322 source into what the reading pane shows. Never throws on
 * bad mail: whatever cannot be parsed is shown as raw source with a notice.
 */
export async function parseMessage(source: Buffer, ctx: ParseContext): Promise<MessageDetail> {
  const prepared = prepareSource(source);
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(prepared, PARSE_OPTIONS);
  } catch (e) {
    return rawFallback(source, ctx, `could not parse MIME: ${e instanceof Error ? e.message : String(e)}`);
  }
  parsed = await reparseUndecodable(prepared, parsed);
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
  const legacy = convertLegacyParts({
    subject: cleanText(subjectOf(parsed, prepared)),
    text: cleanBody(parsed.text ?? ''),
    html: typeof parsed.html === 'string' ? cleanBody(parsed.html) : null,
  });
  const warning = headerProblems(parsed, prepared);
  return {
    uid: ctx.uid,
    folder: ctx.folder,
    messageId: parsed.messageId ?? null,
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    from: toAddresses(parsed.from),
    to: toAddresses(parsed.to),
    cc: toAddresses(parsed.cc),
    replyTo: toAddresses(parsed.replyTo),
    subject: legacy.subject,
    flags: ctx.flags,
    text: legacy.text,
    html: legacy.html,
    inlineImages,
    attachments,
    parseWarning: warning,
    rawSource: warning ? rawText(source) : null,
    legacyEncoding: legacy.legacy,
  };
}

/**
 * Byte repairs the parser needs to see the message at all: CR-only line ends,
 * raw 8-bit header values in a legacy charset, a multipart with no boundary.
 * Never throws: a repair that fails leaves the source as it was.
 */
function prepareSource(source: Buffer): Buffer {
  try {
    return repairMissingBoundary(transcodeRawHeaders(normaliseLineEndings(source)));
  } catch {
    return source;
  }
}

/**
 * The parser decodes text with no charset, us-ascii or an unknown label as
 * UTF-8, turning legacy 8-bit text into U+FFFD. When that happened, give
 * such parts their likely single-byte charset and parse once more.
 */
async function reparseUndecodable(source: Buffer, parsed: ParsedMail): Promise<ParsedMail> {
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  if (!(parsed.text ?? '').includes('\ufffd') && !html.includes('\ufffd')) return parsed;
  try {
    const relabelled = relabelUndecodableText(source);
    return relabelled ? await simpleParser(relabelled, PARSE_OPTIONS) : parsed;
  } catch {
    return parsed;
  }
}

/**
 * The parser's subject, unless it shows a decoding failure (U+FFFD, control
 * characters, an encoded word left as is): then the raw header is decoded
 * again, keeping encoded words that do not decode to text as they were typed.
 */
function subjectOf(parsed: ParsedMail, source: Buffer): string {
  const subject = (parsed.subject ?? '').normalize('NFC');
  if (!looksBroken(subject) && !hasEncodedWord(subject)) return subject;
  const raw = headerValue(topLevelHeaderText(source), 'subject');
  if (raw === null) return subject;
  const again = decodeEncodedWords(raw);
  const better =
    brokenness(again) < brokenness(subject) ||
    (brokenness(again) === brokenness(subject) && encodedWordCount(again) < encodedWordCount(subject));
  return better ? again : subject;
}

function brokenness(text: string): number {
  return (text.match(/\ufffd/g)?.length ?? 0) + countControlChars(text);
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
    legacyEncoding: null,
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
      else out.push({ name: displayName(e.name ?? ''), address: e.address ?? '' });
    }
  };
  for (const obj of list) walk(obj.value);
  return out;
}

/** A display name; one the parser left with an encoded word in it (unterminated, say) is decoded again. */
function displayName(name: string): string {
  return cleanText(hasEncodedWord(name) ? decodeEncodedWords(name) : name);
}

function fallbackName(contentType: string, index: number): string {
  const ext = contentType.split('/')[1]?.replace(/[^a-z0-9]/gi, '') || 'bin';
  return `attachment-${index + 1}.${ext}`;
}
