import { hasVietnameseUnicode, isVietnameseSyllable } from './vietnamese.ts';
import { tokenize } from './tokens.ts';

export interface Utf8Stats {
  /** Well-formed multi-byte sequences. */
  valid: number;
  /** Bytes that are not part of a well-formed sequence. */
  invalid: number;
}

/** Counts well-formed and stray bytes, the way a strict UTF-8 decoder would see them. */
export function utf8Stats(bytes: Uint8Array): Utf8Stats {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) ok = false;
    }
    if (ok && need === 2) {
      const c1 = bytes[i + 1]!;
      if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f)) ok = false;
    }
    if (ok && need === 3) {
      const c1 = bytes[i + 1]!;
      if ((b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) ok = false;
    }
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/**
 * Whether bytes that claim (or are assumed) to be UTF-8 are really something
 * else: stray bytes and next to no well-formed sequence. A UTF-8 text with a
 * few damaged bytes is still UTF-8 and is left to the UTF-8 decoder.
 */
export function isMostlyNotUtf8(bytes: Uint8Array): boolean {
  const { valid, invalid } = utf8Stats(bytes);
  return invalid > 0 && valid * 10 <= invalid;
}

const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** windows-1252 without relying on the runtime's ICU data (it always has Latin-1). */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80]! : String.fromCharCode(b);
  return out;
}

/**
 * Decodes bytes in a MIME charset. Returns null for a label the runtime does
 * not know, so the caller can choose its own fallback. The result is NFC:
 * windows-1258 writes tones as combining marks, and "Chỉ đạo" must compare
 * and search equal however it arrived.
 */
export function decodeBytes(bytes: Uint8Array, label: string, fatal = false): string | null {
  const name = label.trim().toLowerCase();
  if (/^(us-)?ascii$|^iso-?8859-1$|^latin-?1$|^(windows|cp)-?1252$/.test(name)) {
    return decodeWindows1252(bytes).normalize('NFC');
  }
  try {
    return new TextDecoder(name, { fatal }).decode(bytes).normalize('NFC');
  } catch {
    return null;
  }
}

/** Whether the runtime can decode this charset label. */
export function isKnownCharset(label: string): boolean {
  return decodeBytes(new Uint8Array(0), label) !== null;
}

/** Share of non-ASCII words that are Vietnamese syllables; the count of such words. */
function vietnameseShare(text: string): { words: number; share: number } {
  let words = 0;
  let vietnamese = 0;
  for (const token of tokenize(text, new Set())) {
    if (!token.word || !/[^\0-\x7f]/.test(token.text)) continue;
    words++;
    if (isVietnameseSyllable(token.text)) vietnamese++;
    if (words >= 2000) break;
  }
  return { words, share: words === 0 ? 0 : vietnamese / words };
}

/**
 * The single-byte charset that unlabelled (or wrongly labelled) 8-bit text
 * most likely used: windows-1258 when that reading makes Vietnamese,
 * otherwise windows-1252, which keeps every byte so that TCVN3/VNI detection
 * can still run on the result.
 */
export function guessSingleByteCharset(bytes: Uint8Array): 'windows-1258' | 'windows-1252' {
  const asVietnamese = decodeBytes(bytes, 'windows-1258');
  if (asVietnamese !== null && hasVietnameseUnicode(asVietnamese)) {
    const { words, share } = vietnameseShare(asVietnamese);
    if (words >= 2 && share >= 0.6) return 'windows-1258';
  }
  return 'windows-1252';
}
