/**
 * Folds Vietnamese (and other Latin) text for search: strips tone and vowel
 * marks and maps đ/Đ to d, so "chi dao" and "chỉ đạo" meet in the middle in
 * both directions. Pure string code: used by the cache, the CLI and the UI.
 */
export function foldText(input: string): string {
  // ASCII has nothing to strip (most addresses, numbers, empty fields): lower-casing is all.
  if (!NON_ASCII.test(input)) return input.toLowerCase();
  // Latin letters with marks (all of Vietnamese) fold one by one from a table; anything else
  // (another script, a combining mark) takes the general way. The sync folds every header
  // several times, and the table is about 4 times faster (test/unit/text-fold.test.ts checks
  // that both ways agree on every character of the table).
  let out = '';
  let last = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c < 0x80) continue;
    const folded = latinTable()[c - LATIN_FIRST];
    if (folded === undefined) return foldSlow(input);
    out += input.slice(last, i) + folded;
    last = i + 1;
  }
  return (out + input.slice(last)).toLowerCase();
}

/** The general fold: canonical decomposition, marks dropped, đ → d, lower case. */
export function foldSlow(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

const NON_ASCII = /[\u0080-\uffff]/;

/** The precomposed Latin letters (Latin-1 Supplement to Latin Extended-B, and Latin Extended Additional). */
export const LATIN_FIRST = 0xc0;
export const LATIN_LAST = 0x1eff;

/**
 * Whether a code point up to LATIN_LAST is in the Latin ranges (ASCII included): there each
 * character folds alone as it folds in a text (no marks of its own to join).
 */
export const inLatinRanges = (c: number) => c <= 0x24f || (c >= 0x1e00 && c <= LATIN_LAST);

let table: Array<string | undefined> | null = null;

/** Each precomposed Latin letter's fold (undefined outside the ranges); built on first use. */
function latinTable(): Array<string | undefined> {
  if (table) return table;
  const t: Array<string | undefined> = [];
  for (let c = LATIN_FIRST; c <= LATIN_LAST; c++)
    t.push(inLatinRanges(c) ? foldSlow(String.fromCharCode(c)) : undefined);
  table = t;
  return t;
}
