// Internationalised domain names (IDN) for addresses: to ASCII (punycode, what SMTP and the
// policy compare) with the WHATWG URL parser, which both Node and the browser have, and back to
// Unicode for display with a small RFC 3492 decoder (the URL API has no toUnicode, and shared/
// may not import Node's punycode or url modules).

const LABEL_ASCII = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Letters, marks, digits, dots (also the ideographic full stops UTS 46 maps to dots) and hyphens. */
const DOMAIN_INPUT = /^[\p{L}\p{M}\p{N}.\u3002\uff0e\uff61-]+$/u;

/**
 * The ASCII (punycode) form of a domain, lowercased, or null when it is not a usable mail
 * domain: at least two labels, each 1–63 letters, digits or inner hyphens, a TLD that is not
 * all digits (no IP literals), 253 characters at most, and valid punycode in `xn--` labels.
 */
export function toAsciiDomain(domain: string): string | null {
  const input = domain
    .normalize('NFC')
    .trim()
    .replace(/[.\u3002\uff0e\uff61]$/, '');
  if (input === '' || !DOMAIN_INPUT.test(input)) return null;
  let ascii: string;
  try {
    ascii = new URL(`http://${input}`).hostname;
  } catch {
    return null;
  }
  if (ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2) return null;
  if (!labels.every((l) => LABEL_ASCII.test(l))) return null;
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return null;
  if (labels.some((l) => l.startsWith('xn--') && unicodeLabel(l) === null)) return null;
  return ascii;
}

/**
 * The Unicode form of an ASCII domain for display ("xn--bnhphc-wva68md49k.vn" → "bìnhphước.vn").
 * A label that does not decode to a canonical form is kept as given.
 */
export function toUnicodeDomain(asciiDomain: string): string {
  return asciiDomain
    .split('.')
    .map((label) => (label.toLowerCase().startsWith('xn--') ? (unicodeLabel(label.toLowerCase()) ?? label) : label))
    .join('.');
}

/** The Unicode text of an `xn--` label, or null unless it decodes and encodes back to the same label. */
function unicodeLabel(label: string): string | null {
  const decoded = decodeLabel(label.slice(4));
  if (decoded === null || decoded === '' || /[\p{C}\s.]/u.test(decoded)) return null;
  try {
    return new URL(`http://${decoded}`).hostname === label ? decoded : null;
  } catch {
    return null;
  }
}

// RFC 3492 parameters.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX_INT = 0x7fffffff;

function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  let d = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitOf(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22;
  if (code >= 0x41 && code <= 0x5a) return code - 0x41;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  return BASE;
}

/** Decodes the part of a label after `xn--`; null when it is not valid punycode. */
export function decodeLabel(input: string): string | null {
  const output: number[] = [];
  const basic = Math.max(input.lastIndexOf('-'), 0);
  for (let j = 0; j < basic; j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) return null;
    output.push(c);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let index = basic > 0 ? basic + 1 : 0; index < input.length;) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (index >= input.length) return null;
      const digit = digitOf(input.charCodeAt(index++));
      if (digit >= BASE || digit > Math.floor((MAX_INT - i) / w)) return null;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      if (w > Math.floor(MAX_INT / (BASE - t))) return null;
      w *= BASE - t;
    }
    const count = output.length + 1;
    bias = adapt(i - oldI, count, oldI === 0);
    if (Math.floor(i / count) > MAX_INT - n) return null;
    n += Math.floor(i / count);
    i %= count;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}
