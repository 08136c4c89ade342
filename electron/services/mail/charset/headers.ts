import { decodeBytes, guessSingleByteCharset, isMostlyNotUtf8 } from './bytes.ts';

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

interface Word {
  start: number;
  end: number;
  charset: string;
  bytes: Uint8Array | null;
}

function qBytes(payload: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < payload.length; i++) {
    const ch = payload[i]!;
    const hex = payload.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else if (ch === '_') {
      out.push(0x20);
    } else {
      // A broken escape ("=ZZ") is kept as typed, as mail clients do.
      for (const b of new TextEncoder().encode(ch)) out.push(b);
    }
  }
  return Uint8Array.from(out);
}

function wordBytes(kind: string, payload: string): Uint8Array | null {
  if (kind.toLowerCase() === 'q') return qBytes(payload);
  // Invalid characters or a length no encoder produces: not base64, show it as typed.
  if (!BASE64.test(payload) || payload.replace(/=+$/, '').length % 4 === 1) return null;
  return Uint8Array.from(atob(payload.padEnd(Math.ceil(payload.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Decodes bytes whose charset label may be unknown, never returning null. */
export function decodeWithFallback(bytes: Uint8Array, label: string): string {
  const charset = label.replace(/\*.*$/, '');
  const known = decodeBytes(bytes, charset);
  if (known !== null) return known;
  if (!isMostlyNotUtf8(bytes)) return decodeBytes(bytes, 'utf-8')!;
  return decodeBytes(bytes, guessSingleByteCharset(bytes))!;
}

function plausible(text: string): boolean {
  if (CONTROL.test(text)) return false;
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
    // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
    const previous = words[i - 1];
    const gapBefore = value.slice(at, first.start);
    out += previous && previous.end === at && /^[ \t\r\n]*$/.test(gapBefore) ? '' : gapBefore;
    const literal = value.slice(first.start, last.end);
    const decoded =
      first.bytes === null
        ? null
        : decodeWithFallback(concat(run.map((w) => w.bytes ?? new Uint8Array(0))), first.charset);
    out += decoded !== null && plausible(decoded) ? decoded : literal;
    at = last.end;
    i = j;
  }
  out += value.slice(at);
  return out.normalize('NFC');
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
  return text.includes('\ufffd') || CONTROL.test(text);
}
