import { Buffer } from 'node:buffer';
import { decodeBytes, guessSingleByteCharset, isMostlyNotUtf8 } from '../charset/bytes.ts';
import { fallsBackToUtf8, parseContentType } from '../charset/source-repair.ts';
import { strictUtf8 } from '../charset/utf8.ts';

/** One header field as it was on the wire: its name in lower case, its value's bytes unfolded. */
export interface RawField {
  name: string;
  value: Uint8Array;
}

const CR = 0x0d;
const LF = 0x0a;

function isBlankLine(block: Uint8Array, start: number): boolean {
  return block[start] === LF || (block[start] === CR && block[start + 1] === LF);
}

/**
 * Cuts a header block (a message's top, or what FETCH BODY[HEADER.FIELDS]
 * returns) into fields, up to the first blank line. Continuation lines are
 * unfolded by dropping the line break and keeping the white space after it.
 */
export function headerFields(block: Uint8Array): RawField[] {
  const fields: RawField[] = [];
  let current: { name: string; parts: Uint8Array[] } | null = null;
  const flush = () => {
    if (current) {
      const { name, parts } = current;
      fields.push({ name, value: parts.length === 1 ? parts[0]! : Buffer.concat(parts) });
    }
    current = null;
  };
  for (let start = 0; start < block.length;) {
    if (isBlankLine(block, start)) break;
    let end = block.indexOf(LF, start);
    if (end === -1) end = block.length;
    const lineEnd = end > start && block[end - 1] === CR ? end - 1 : end;
    const line = block.subarray(start, lineEnd);
    start = end + 1;
    if (line[0] === 0x20 || line[0] === 0x09) {
      // A continuation line; one before any field (a broken top) is dropped.
      current?.parts.push(line);
      continue;
    }
    flush();
    const colon = line.indexOf(0x3a);
    if (colon <= 0) continue;
    const name = Buffer.from(line.subarray(0, colon)).toString('latin1').trim().toLowerCase();
    current = { name, parts: [line.subarray(colon + 1)] };
  }
  flush();
  return fields;
}

/** The first field of that name, or null. */
export function firstField(fields: RawField[], name: string): Uint8Array | null {
  return fields.find((f) => f.name === name)?.value ?? null;
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/**
 * The charset that raw 8-bit header bytes which are not UTF-8 are read in:
 * the message's own (top-level Content-Type) charset when it names a real
 * single-byte charset, else the best guess from all such fields together
 * (windows-1258 when that reading makes Vietnamese, else windows-1252, which
 * keeps every byte for TCVN3/VNI detection). Null when no field needs one.
 */
export function rawHeaderCharset(fields: RawField[]): string | null {
  const legacy = fields.filter((f) => hasHighBytes(f.value) && isMostlyNotUtf8(f.value));
  if (legacy.length === 0) return null;
  const contentType = firstField(fields, 'content-type');
  const declared = contentType ? parseContentType(rawFieldText(contentType, 'windows-1252'))?.params.charset : null;
  if (declared && !fallsBackToUtf8(declared) && decodeBytes(new Uint8Array(0), declared) !== null) return declared;
  return guessSingleByteCharset(Buffer.concat(legacy.map((f) => f.value)));
}

/**
 * The characters of a raw header value, before RFC 2047 decoding: ASCII as
 * is; UTF-8 first (RFC 6532), also when a few bytes are damaged; otherwise
 * the legacy charset given.
 */
export function rawFieldText(bytes: Uint8Array, charset: string | null): string {
  if (!hasHighBytes(bytes)) return Buffer.from(bytes).toString('latin1');
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return utf8;
  if (!isMostlyNotUtf8(bytes) || charset === null) return Buffer.from(bytes).toString('utf8');
  return decodeBytes(bytes, charset) ?? decodeBytes(bytes, 'windows-1252')!;
}
