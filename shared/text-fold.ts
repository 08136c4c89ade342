/**
 * Folds Vietnamese (and other Latin) text for search: strips tone and vowel
 * marks and maps đ/Đ to d, so "chi dao" and "chỉ đạo" meet in the middle in
 * both directions. Pure string code: used by the cache, the CLI and the UI.
 */
export function foldText(input: string): string {
  // ASCII has nothing to strip (most addresses, numbers, empty fields): lower-casing is all.
  if (!NON_ASCII.test(input)) return input.toLowerCase();
  return input
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

const NON_ASCII = /[\u0080-\uffff]/;
