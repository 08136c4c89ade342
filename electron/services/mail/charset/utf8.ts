import { utf8Stats } from './bytes.ts';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as UTF-8 when every byte is well-formed UTF-8, else null. */
export function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Whether bytes are UTF-8 whatever their label says: well-formed throughout
 * and with at least one multi-byte sequence. Text in a single-byte charset
 * practically never forms such sequences (a lead byte in C2-F4 followed by
 * the right number of bytes in 80-BF), so "valid UTF-8 wins" over a label.
 */
export function isCertainlyUtf8(bytes: Uint8Array): boolean {
  if (!bytes.some((b) => b >= 0x80)) return false;
  const { valid, invalid } = utf8Stats(bytes);
  return invalid === 0 && valid > 0;
}

/** Single-byte charsets whose label a mailer may put on what is really UTF-8. */
const SINGLE_BYTE =
  /^(iso[-_]?8859[-_]\d{1,2}|latin[-_]?\d|l\d|(windows|cp|x-cp)[-_]?125\d|ibm(437|850|852)|koi8-?[ru]|tcvn.*|viscii|macintosh|x-mac-.*)$/i;

export function isSingleByteLabel(label: string): boolean {
  return SINGLE_BYTE.test(label.trim());
}
