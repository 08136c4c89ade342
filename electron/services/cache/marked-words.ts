import { foldText, inLatinRanges, LATIN_LAST } from '../../../shared/text-fold.ts';
import { indexWords } from '../search/query.ts';

/**
 * The words of a text that carry a mark (or đ), lower-case NFC, space-separated: all the index
 * of the text as written keeps (search-index.ts). Words are split as indexWords splits them.
 */
export function markedWords(text: string): string {
  return markedFast(text) ?? markedSlow(text);
}

/** The general way: every word folded on its own. */
export function markedSlow(text: string): string {
  return indexWords(text)
    .filter((w) => foldText(w) !== w)
    .join(' ');
}

/**
 * Per character up to the end of the Latin table: 0 separates words, 1 is in a word, 2 is in a
 * word and carries a mark (or is đ), 3 is not in the table (the general way then).
 */
let kinds: Uint8Array | null = null;

function kindTable(): Uint8Array {
  if (kinds) return kinds;
  const t = new Uint8Array(LATIN_LAST + 1).fill(3);
  for (let c = 0; c <= LATIN_LAST; c++) {
    if (!inLatinRanges(c)) continue;
    const ch = String.fromCharCode(c);
    // Only characters that stay as they are in NFC: the text is then NFC as it stands.
    if (ch.normalize('NFC') !== ch) continue;
    if (!/[\p{L}\p{N}\p{M}]/u.test(ch)) t[c] = 0;
    else t[c] = foldText(ch) !== ch ? 2 : 1;
  }
  kinds = t;
  return t;
}

/**
 * One pass over the lower-cased text with the table; null when a character is outside it (another
 * script, a combining mark): then the general way.
 */
function markedFast(text: string): string | null {
  const t = kindTable();
  const lower = text.toLowerCase();
  const out: string[] = [];
  let start = -1;
  let marked = false;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0x20;
    const kind = c > LATIN_LAST ? 3 : (t[c] as number);
    if (kind === 3) return null;
    if (kind === 0) {
      if (start >= 0 && marked) out.push(lower.slice(start, i));
      start = -1;
      marked = false;
    } else {
      if (start < 0) start = i;
      if (kind === 2) marked = true;
    }
  }
  return out.join(' ');
}
