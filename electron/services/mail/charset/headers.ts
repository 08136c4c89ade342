import { Buffer } from 'node:buffer';
import { decodeBytes, guessSingleByteCharset, isMostlyNotUtf8 } from './bytes.ts';
import { isCertainlyUtf8, isSingleByteLabel } from './utf8.ts';

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const UTF8 = new TextEncoder();

interface Word {
  start: number;
  end: number;
  charset: string;
  bytes: Uint8Array | null;
}

function qBytes(payload: string): Uint8Array {
  // At most 3 bytes per UTF-16 unit (a character typed into a Q word as is).
  const out = new Uint8Array(payload.length * 3);
  let n = 0;
  for (let i = 0; i < payload.length; i++) {
    const code = payload.charCodeAt(i);
    if (code === 0x3d && isHex(payload.charCodeAt(i + 1)) && isHex(payload.charCodeAt(i + 2))) {
      out[n++] = parseInt(payload.slice(i + 1, i + 3), 16);
      i += 2;
    } else if (code === 0x5f) {
      out[n++] = 0x20;
    } else if (code < 0x80) {
      out[n++] = code;
    } else {
      // A broken escape ("=ZZ") or a raw character is kept as typed, as mail clients do.
      const ch = String.fromCodePoint(payload.codePointAt(i)!);
      if (ch.length === 2) i++;
      const bytes = UTF8.encode(ch);
      out.set(bytes, n);
      n += bytes.length;
    }
  }
  return out.subarray(0, n);
}

const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

function wordBytes(kind: string, payload: string): Uint8Array | null {
  if (kind.toLowerCase() === 'q') return qBytes(payload);
  // Invalid characters or a length no encoder produces: not base64, show it as typed.
  if (!BASE64.test(payload) || unpadded(payload) % 4 === 1) return null;
  return Buffer.from(payload, 'base64');
}

/** Length of a base64 payload without its trailing '=' padding. */
function unpadded(payload: string): number {
  let n = payload.length;
  while (n > 0 && payload.charCodeAt(n - 1) === 0x3d) n--;
  return n;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Decodes bytes whose charset label may be unknown or wrong, never returning
 * null: well-formed UTF-8 under a single-byte label (windows-1258,
 * iso-8859-1...) is read as UTF-8, since read by its label it is mojibake.
 */
export function decodeWithFallback(bytes: Uint8Array, label: string): string {
  const charset = label.replace(/\*.*$/, '');
  if (isSingleByteLabel(charset) && isCertainlyUtf8(bytes)) return decodeBytes(bytes, 'utf-8')!;
  const known = decodeBytes(bytes, charset);
  if (known !== null) return known;
  if (!isMostlyNotUtf8(bytes)) return decodeBytes(bytes, 'utf-8')!;
  return decodeBytes(bytes, guessSingleByteCharset(bytes))!;
}

/** Decodes adjacent words one by one; white space stays only next to a word left as typed. */
function decodeEach(value: string, run: Word[]): string {
  let out = '';
  let previousShown = false;
  run.forEach((word, k) => {
    const text = word.bytes === null ? null : decodeWithFallback(word.bytes, word.charset);
    const shown = text !== null && plausible(text);
    if (k > 0 && !(shown && previousShown)) out += value.slice(run[k - 1]!.end, word.start);
    out += shown ? text : value.slice(word.start, word.end);
    previousShown = shown;
  });
  return out;
}

/** C0 controls other than tab, LF and CR, and DEL: never meant to be displayed. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
}

export function countControlChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) n++;
  return n;
}

export function stripControlChars(text: string): string {
  return countControlChars(text) === 0 ? text : [...text].filter((ch) => !isControl(ch.charCodeAt(0))).join('');
}

function plausible(text: string): boolean {
  if (countControlChars(text) > 0) return false;
  const replacements = text.split('\ufffd').length - 1;
  return replacements * 3 <= text.length;
}

/**
 * RFC 2047 decoding that prefers showing an encoded word as typed over
 * showing binary garbage: a B payload that is not base64, or text that
 * decodes to control characters or mostly U+FFFD, stays literal. Adjacent
 * words in one charset are joined before decoding so a character split
 * across two words survives. Output is NFC.
 */
export function decodeEncodedWords(value: string): string {
  const words: Word[] = [];
  for (const m of value.matchAll(ENCODED_WORD)) {
    words.push({
      start: m.index,
      end: m.index + m[0].length,
      charset: m[1]!,
      bytes: wordBytes(m[2]!, m[3]!),
    });
  }
  let out = '';
  let at = 0;
  let previousDecoded = false;
  for (let i = 0; i < words.length;) {
    const first = words[i]!;
    let j = i + 1;
    const run = [first];
    while (j < words.length) {
      const w = words[j]!;
      const gap = value.slice(run[run.length - 1]!.end, w.start);
      if (!/^[ \t\r\n]*$/.test(gap) || w.charset.toLowerCase() !== first.charset.toLowerCase()) break;
      if (w.bytes === null || first.bytes === null) break;
      run.push(w);
      j++;
    }
    const last = run[run.length - 1]!;
    const merged =
      first.bytes === null
        ? null
        : decodeWithFallback(concat(run.map((w) => w.bytes ?? new Uint8Array(0))), first.charset);
    // Joined decoding failed: one bad word must not take its good neighbours down with it.
    const decoded = merged !== null && plausible(merged) ? merged : run.length > 1 ? decodeEach(value, run) : null;
    const shown = decoded !== null;
    const literal = value.slice(first.start, last.end);
    // Whitespace between two decoded encoded words is not part of the text (RFC 2047 §6.2).
    const gapBefore = value.slice(at, first.start);
    out += i > 0 && previousDecoded && shown && /^[ \t\r\n]*$/.test(gapBefore) ? '' : gapBefore;
    out += shown ? decoded : literal;
    previousDecoded = shown;
    at = last.end;
    i = j;
  }
  out += decodeUnterminated(value.slice(at), previousDecoded);
  return out.normalize('NFC');
}

const UNTERMINATED = /(\s*)=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)$/;

/**
 * A last encoded word whose "?=" was lost (a cut header line) is decoded to
 * the end of the value when that gives clean text, as most clients do.
 */
function decodeUnterminated(tail: string, afterDecoded: boolean): string {
  const m = UNTERMINATED.exec(tail);
  if (!m) return tail;
  const bytes = wordBytes(m[3]!, m[4]!.replace(/=$/, ''));
  const text = bytes === null ? null : decodeWithFallback(bytes, m[2]!);
  if (text === null || !plausible(text) || text.includes('\ufffd')) return tail;
  const space = afterDecoded && m.index === 0 ? '' : m[1]!;
  return tail.slice(0, m.index) + space + text;
}

/** How many encoded words a decoded header still holds (ones the parser could not decode). */
export function encodedWordCount(text: string): number {
  return text.match(/=\?[^?\s]+\?[bBqQ]\?/g)?.length ?? 0;
}

export function hasEncodedWord(text: string): boolean {
  return encodedWordCount(text) > 0;
}

/** Unfolded value of the first `name` header in a header block (text as read from the source). */
export function headerValue(headerBlock: string, name: string): string | null {
  const lines = headerBlock.split(/\r?\n/);
  const prefix = `${name.toLowerCase()}:`;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.toLowerCase().startsWith(prefix)) continue;
    let value = lines[i]!.slice(prefix.length);
    while (i + 1 < lines.length && /^[ \t]/.test(lines[i + 1]!)) value += lines[++i];
    return value.trim();
  }
  return null;
}

/** Whether decoded text shows signs of a decoding failure worth a second opinion. */
export function looksBroken(text: string): boolean {
  return text.includes('\ufffd') || countControlChars(text) > 0;
}
