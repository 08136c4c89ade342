/** A run of word characters or of anything else, in source order. */
export interface Token {
  text: string;
  word: boolean;
}

const LETTER_OR_DIGIT = /[\p{L}\p{M}\p{N}]/u;

function isWordChar(ch: string, extra: ReadonlySet<string>): boolean {
  const code = ch.charCodeAt(0);
  // ASCII first: bodies are mostly ASCII and a regex per character is slow.
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  return extra.has(ch) || LETTER_OR_DIGIT.test(ch);
}

/**
 * Splits text into word and non-word runs. `extra` adds characters that are
 * letters in a legacy encoding although Unicode calls them symbols (TCVN3's
 * "§", "¸", "·", the soft hyphen for ư, ...).
 */
export function tokenize(text: string, extra: ReadonlySet<string>): Token[] {
  const tokens: Token[] = [];
  let current = '';
  let currentWord = false;
  for (const ch of text) {
    const word = isWordChar(ch, extra);
    if (current && word !== currentWord) {
      tokens.push({ text: current, word: currentWord });
      current = '';
    }
    current += ch;
    currentWord = word;
  }
  if (current) tokens.push({ text: current, word: currentWord });
  return tokens;
}
