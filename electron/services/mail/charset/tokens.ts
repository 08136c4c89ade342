/** A run of word characters or of anything else, in source order. */
export interface Token {
  text: string;
  word: boolean;
}

const LETTER_OR_DIGIT = /[\p{L}\p{M}\p{N}]/u;
/** Whether each non-ASCII code point is a letter, mark or digit; bodies repeat the same few characters. */
const letterCache = new Map<number, boolean>();

function isLetterOrDigit(code: number, ch: string): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  let known = letterCache.get(code);
  if (known === undefined) {
    known = LETTER_OR_DIGIT.test(ch);
    if (letterCache.size < 65536) letterCache.set(code, known);
  }
  return known;
}

/**
 * Splits text into word and non-word runs. `extra` adds characters that are
 * letters in a legacy encoding although Unicode calls them symbols (TCVN3's
 * "§", "¸", "·", the soft hyphen for ư, ...).
 */
export function tokenize(text: string, extra: ReadonlySet<string>): Token[] {
  const tokens: Token[] = [];
  let start = 0;
  let currentWord = false;
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i)!;
    const size = code > 0xffff ? 2 : 1;
    const ch = size === 1 ? text[i]! : text.slice(i, i + 2);
    const word = (code >= 0x80 && extra.has(ch)) || isLetterOrDigit(code, ch);
    if (i > start && word !== currentWord) {
      tokens.push({ text: text.slice(start, i), word: currentWord });
      start = i;
    }
    currentWord = word;
    i += size;
  }
  if (text.length > start) tokens.push({ text: text.slice(start), word: currentWord });
  return tokens;
}
