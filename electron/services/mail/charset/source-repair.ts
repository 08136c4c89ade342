import { Buffer } from 'node:buffer';
import { guessSingleByteCharset, isKnownCharset, isMostlyNotUtf8, decodeBytes } from './bytes.ts';
import { headerValue } from './headers.ts';
import { transferDecode } from './transfer.ts';
import { isCertainlyUtf8, isSingleByteLabel } from './utf8.ts';

/**
 * Byte-level repairs made before (or, for bodies, instead of) trusting the
 * MIME parser's charset handling. Each repair is narrow: it only touches what
 * the parser would otherwise turn into U+FFFD or run together.
 */

const MAX_DEPTH = 8;
const MAX_PARTS = 500;

/** Mail saved with classic-Mac line ends has no LF at all, so every header runs into one. */
export function normaliseLineEndings(source: Buffer): Buffer {
  if (source.includes(0x0a) || !source.includes(0x0d)) return source;
  const out: number[] = [];
  for (const b of source) {
    out.push(b);
    if (b === 0x0d) out.push(0x0a);
  }
  return Buffer.from(out);
}

export interface Section {
  /** Where the header block ends (the blank line, or the end). */
  headerEnd: number;
  /** Where the body starts (after the blank line). */
  bodyStart: number;
}

export function splitHeader(source: Buffer, start: number, end: number): Section {
  if (source[start] === 0x0a) return { headerEnd: start, bodyStart: start + 1 };
  if (source[start] === 0x0d && source[start + 1] === 0x0a) return { headerEnd: start, bodyStart: start + 2 };
  for (let i = source.indexOf(0x0a, start); i !== -1 && i < end; i = source.indexOf(0x0a, i + 1)) {
    if (source[i + 1] === 0x0a) return { headerEnd: i + 1, bodyStart: Math.min(i + 2, end) };
    if (source[i + 1] === 0x0d && source[i + 2] === 0x0a) return { headerEnd: i + 1, bodyStart: Math.min(i + 3, end) };
  }
  return { headerEnd: end, bodyStart: end };
}

/** The top-level header block as text: UTF-8 where it is UTF-8, Latin-1 bytes otherwise. */
export function topLevelHeaderText(source: Buffer): string {
  const { headerEnd } = splitHeader(source, 0, source.length);
  const bytes = source.subarray(0, headerEnd);
  return isMostlyNotUtf8(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

export interface ContentType {
  type: string;
  params: Record<string, string>;
}

export function parseContentType(value: string | null): ContentType | null {
  if (value === null) return null;
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      pieces.push(current);
      current = '';
    } else current += ch;
  }
  pieces.push(current);
  const params: Record<string, string> = {};
  for (const piece of pieces.slice(1)) {
    const eq = piece.indexOf('=');
    if (eq === -1) continue;
    const key = piece.slice(0, eq).trim().toLowerCase();
    params[key] = piece
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/s, '$1');
  }
  return { type: (pieces[0] ?? '').trim().toLowerCase(), params };
}

/** Labels that, like a missing one, leave the MIME parser decoding as UTF-8. */
const UTF8_FAMILY = /^(us-?ascii|ascii|utf-?8|ansi_x3\.4-1968)$/i;
/** Charsets the MIME parser (iconv-lite) decodes that the runtime's TextDecoder may not. */
const PARSER_KNOWN =
  /^((cp|ibm|windows-?)\d{3,5}|tcvn.*|viscii|armscii-?8|georgian.*|pt154|rk1048|hproman8|iso646.*|mac.*|koi8.*|tis-?620|big5.*|gb.*|euc-?.*|shift_?jis|sjis|ks_c_.*|iso-?2022.*|utf-?(16|32|7).*|ucs-?.*)$/i;

/** Charset labels the parser would decode as UTF-8 (with U+FFFD for any other bytes). */
export function fallsBackToUtf8(charset: string | undefined): boolean {
  if (charset === undefined || charset.trim() === '') return true;
  const name = charset.trim();
  return UTF8_FAMILY.test(name) || (!isKnownCharset(name) && !PARSER_KNOWN.test(name));
}

/** A header block cut into fields (a line and its continuation lines), byte ranges into `header`. */
function headerFields(header: Buffer): [number, number][] {
  const fields: [number, number][] = [];
  let fieldStart = 0;
  for (let i = header.indexOf(0x0a); i !== -1; i = header.indexOf(0x0a, i + 1)) {
    const next = header[i + 1];
    if (next === 0x20 || next === 0x09) continue;
    fields.push([fieldStart, i + 1]);
    fieldStart = i + 1;
  }
  if (fieldStart < header.length) fields.push([fieldStart, header.length]);
  return fields;
}

/**
 * Raw 8-bit header values that are not UTF-8 (RFC 6532 only allows UTF-8)
 * are transcoded to UTF-8 so the parser can read them: from the message's own
 * body charset when it names a real single-byte charset, else from the best
 * guess between windows-1258 and windows-1252. Field by field, so a raw UTF-8
 * From next to a windows-1258 Subject both come out right.
 */
export function transcodeRawHeaders(source: Buffer): Buffer {
  const { headerEnd } = splitHeader(source, 0, source.length);
  const header = source.subarray(0, headerEnd);
  if (!header.some((b) => b >= 0x80)) return source;
  const legacy = headerFields(header).filter(([a, b]) => isMostlyNotUtf8(header.subarray(a, b)));
  if (legacy.length === 0) return source;
  const declared = parseContentType(headerValue(header.toString('latin1'), 'content-type'))?.params.charset;
  const charset =
    declared && !fallsBackToUtf8(declared)
      ? declared
      : guessSingleByteCharset(Buffer.concat(legacy.map(([a, b]) => header.subarray(a, b))));
  const chunks: Buffer[] = [];
  let at = 0;
  for (const [a, b] of legacy) {
    chunks.push(header.subarray(at, a));
    const field = header.subarray(a, b);
    const text = decodeBytes(field, charset) ?? decodeBytes(field, 'windows-1252')!;
    chunks.push(Buffer.from(text, 'utf8'));
    at = b;
  }
  chunks.push(source.subarray(at));
  return Buffer.concat(chunks);
}

interface Relabel {
  headerStart: number;
  headerEnd: number;
  charset: string;
}

function collectRelabels(source: Buffer, start: number, end: number, depth: number, out: Relabel[]): void {
  if (depth > MAX_DEPTH || out.length > MAX_PARTS) return;
  const { headerEnd, bodyStart } = splitHeader(source, start, end);
  const header = source.subarray(start, headerEnd).toString('latin1');
  const contentType = parseContentType(headerValue(header, 'content-type'));
  const type = contentType?.type ?? 'text/plain';
  const cte = (headerValue(header, 'content-transfer-encoding') ?? '').toLowerCase();

  if (type.startsWith('multipart/')) {
    const boundary = contentType?.params.boundary;
    if (!boundary) return;
    for (const [partStart, partEnd] of multipartBodies(source, bodyStart, end, boundary)) {
      collectRelabels(source, partStart, partEnd, depth + 1, out);
      if (out.length > MAX_PARTS) return;
    }
    return;
  }
  if (type === 'message/rfc822' && !['base64', 'quoted-printable'].includes(cte)) {
    collectRelabels(source, bodyStart, end, depth + 1, out);
    return;
  }
  if (!type.startsWith('text/')) return;
  const label = contentType?.params.charset;
  if (fallsBackToUtf8(label)) {
    const bytes = transferDecode(source.subarray(bodyStart, end), cte);
    if (isMostlyNotUtf8(bytes)) out.push({ headerStart: start, headerEnd, charset: guessSingleByteCharset(bytes) });
  } else if (label !== undefined && isSingleByteLabel(label)) {
    // Valid UTF-8 wins over a single-byte label: read by its label it would be mojibake.
    const bytes = transferDecode(source.subarray(bodyStart, end), cte);
    if (isCertainlyUtf8(bytes)) out.push({ headerStart: start, headerEnd, charset: 'utf-8' });
  }
}

/** Body ranges of a multipart's parts; an unterminated last part runs to the end. */
function multipartBodies(source: Buffer, start: number, end: number, boundary: string): [number, number][] {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const ranges: [number, number][] = [];
  let partStart = -1;
  let at = start;
  while (at < end && ranges.length <= MAX_PARTS) {
    const found = source.indexOf(delimiter, at);
    if (found === -1 || found >= end) break;
    const atLineStart = found === start || source[found - 1] === 0x0a;
    const lineEnd = source.indexOf(0x0a, found);
    const next = lineEnd === -1 || lineEnd >= end ? end : lineEnd + 1;
    if (!atLineStart) {
      at = found + delimiter.length;
      continue;
    }
    if (partStart !== -1) {
      // The line break before the delimiter belongs to the delimiter.
      let partEnd = found;
      if (source[partEnd - 1] === 0x0a) partEnd--;
      if (source[partEnd - 1] === 0x0d) partEnd--;
      ranges.push([partStart, Math.max(partStart, partEnd)]);
    }
    const closing = source[found + delimiter.length] === 0x2d && source[found + delimiter.length + 1] === 0x2d;
    if (closing) return ranges;
    partStart = next;
    at = next;
  }
  if (partStart !== -1 && partStart < end) ranges.push([partStart, end]);
  return ranges;
}

/** Sets one Content-Type parameter in a header block, adding the field when there is none. */
function setContentTypeParam(header: string, name: string, value: string, eol: string): string {
  const lines = header.split(/(?<=\n)/);
  for (let i = 0; i < lines.length; i++) {
    if (!/^content-type:/i.test(lines[i]!)) continue;
    let j = i;
    while (j + 1 < lines.length && /^[ \t]/.test(lines[j + 1]!)) j++;
    const field = lines.slice(i, j + 1).join('');
    const body = field.replace(/\r?\n$/, '');
    const existing = new RegExp(`(;\\s*${name}\\s*=\\s*)("[^"]*"|[^;\\s]*)`, 'i');
    const replaced = existing.test(body) ? body.replace(existing, `$1${value}`) : `${body}; ${name}=${value}`;
    lines.splice(i, j - i + 1, replaced + field.slice(body.length));
    return lines.join('');
  }
  return `Content-Type: text/plain; ${name}=${value}${eol}${header}`;
}

function lineEnding(source: Buffer): string {
  return source.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * A top-level multipart without a boundary parameter leaves the parser with
 * nothing. Take the boundary from the first delimiter-looking line of the body
 * ("--something"); with none, the body is read as plain text.
 */
export function repairMissingBoundary(source: Buffer): Buffer {
  const { headerEnd, bodyStart } = splitHeader(source, 0, source.length);
  const header = source.subarray(0, headerEnd).toString('latin1');
  const contentType = parseContentType(headerValue(header, 'content-type'));
  if (!contentType?.type.startsWith('multipart/') || contentType.params.boundary) return source;
  const body = source.subarray(bodyStart, Math.min(source.length, bodyStart + 64 * 1024)).toString('latin1');
  const delimiter = /^--([\x21-\x7e]{1,70}?)(?:--)?[ \t]*\r?$/m.exec(body);
  const eol = lineEnding(source);
  const repaired = delimiter
    ? setContentTypeParam(header, 'boundary', `"${delimiter[1]!}"`, eol)
    : header.replace(/^(content-type:[ \t]*)multipart\/[^;\s]*/im, '$1text/plain');
  return Buffer.concat([Buffer.from(repaired, 'latin1'), source.subarray(headerEnd)]);
}

/** Whether anything but white space follows the top-level header block. */
export function hasBody(source: Buffer): boolean {
  const { bodyStart } = splitHeader(source, 0, source.length);
  return source.subarray(bodyStart).some((b) => b !== 0x20 && b !== 0x09 && b !== 0x0d && b !== 0x0a);
}

/**
 * Relabels text parts whose bytes are not UTF-8 although their label leaves
 * the parser decoding them as UTF-8 (no charset, us-ascii, utf-8, or a name
 * it does not know such as "utf-9"), and parts labelled with a single-byte
 * charset (windows-1258, iso-8859-1...) whose bytes are well-formed UTF-8.
 * Returns null when nothing needed it.
 */
export function relabelUndecodableText(source: Buffer): Buffer | null {
  const relabels: Relabel[] = [];
  collectRelabels(source, 0, source.length, 0, relabels);
  if (relabels.length === 0) return null;
  const eol = lineEnding(source);
  const chunks: Buffer[] = [];
  let at = 0;
  for (const r of relabels.sort((a, b) => a.headerStart - b.headerStart)) {
    chunks.push(source.subarray(at, r.headerStart));
    const header = source.subarray(r.headerStart, r.headerEnd).toString('latin1');
    chunks.push(Buffer.from(setContentTypeParam(header, 'charset', r.charset, eol), 'latin1'));
    at = r.headerEnd;
  }
  chunks.push(source.subarray(at));
  return Buffer.concat(chunks);
}
