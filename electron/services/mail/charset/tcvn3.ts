import { tokenize } from './tokens.ts';

/**
 * TCVN3 (TCVN 5712:1993 VN3, the "ABC" encoding of the .VnTime/.VnArial fonts):
 * ASCII below 0x80, Vietnamese letters in 0xA1-0xFE, nothing in 0x80-0x9F.
 * The values are the byte, so the same table serves text that was decoded as
 * ISO-8859-1 or as windows-1252 (the two agree on 0xA0-0xFF).
 *
 * VN3 has all 67 lowercase letters but only 7 uppercase ones (Ă Â Ê Ô Ơ Ư Đ).
 * Capitals with a tone mark were produced by switching to the companion
 * "H" font (.VnTimeH, .VnArialH), whose glyphs at the lowercase code points are
 * capitals: the bytes of "CỘNG" are those of "CộNG". Once the font is gone, the
 * case of those letters is only recoverable from context; see `recase` below.
 *
 * Positions that VN3 leaves empty (VN1 puts capitals there: 0xAF, 0xB0-0xB4,
 * 0xBA, 0xBF-0xC5, 0xCD, 0xD9-0xDB, 0xE0, 0xF0, 0xFF) are deliberately not
 * mapped: seeing one of them is evidence that the text is not TCVN3.
 */
export const TCVN3_ENCODE: Readonly<Record<string, number>> = {
  // Each row: the toneless letter (if it is not ASCII), then huyền, hỏi, ngã, sắc, nặng.
  à: 0xb5,
  ả: 0xb6,
  ã: 0xb7,
  á: 0xb8,
  ạ: 0xb9,

  ă: 0xa8,
  ằ: 0xbb,
  ẳ: 0xbc,
  ẵ: 0xbd,
  ắ: 0xbe,
  ặ: 0xc6,

  â: 0xa9,
  ầ: 0xc7,
  ẩ: 0xc8,
  ẫ: 0xc9,
  ấ: 0xca,
  ậ: 0xcb,

  è: 0xcc,
  ẻ: 0xce,
  ẽ: 0xcf,
  é: 0xd0,
  ẹ: 0xd1,

  ê: 0xaa,
  ề: 0xd2,
  ể: 0xd3,
  ễ: 0xd4,
  ế: 0xd5,
  ệ: 0xd6,

  ì: 0xd7,
  ỉ: 0xd8,
  ĩ: 0xdc,
  í: 0xdd,
  ị: 0xde,

  ò: 0xdf,
  ỏ: 0xe1,
  õ: 0xe2,
  ó: 0xe3,
  ọ: 0xe4,

  ô: 0xab,
  ồ: 0xe5,
  ổ: 0xe6,
  ỗ: 0xe7,
  ố: 0xe8,
  ộ: 0xe9,

  ơ: 0xac,
  ờ: 0xea,
  ở: 0xeb,
  ỡ: 0xec,
  ớ: 0xed,
  ợ: 0xee,

  ù: 0xef,
  ủ: 0xf1,
  ũ: 0xf2,
  ú: 0xf3,
  ụ: 0xf4,

  ư: 0xad,
  ừ: 0xf5,
  ử: 0xf6,
  ữ: 0xf7,
  ứ: 0xf8,
  ự: 0xf9,

  ỳ: 0xfa,
  ỷ: 0xfb,
  ỹ: 0xfc,
  ý: 0xfd,
  ỵ: 0xfe,

  đ: 0xae,

  // The only capitals VN3 has.
  Ă: 0xa1,
  Â: 0xa2,
  Ê: 0xa3,
  Ô: 0xa4,
  Ơ: 0xa5,
  Ư: 0xa6,
  Đ: 0xa7,
};

const DECODE = new Map<string, string>(
  Object.entries(TCVN3_ENCODE).map(([letter, byte]) => [String.fromCharCode(byte), letter]),
);
const UPPER_CODES = new Set<string>(
  Object.entries(TCVN3_ENCODE)
    .filter(([letter]) => letter !== letter.toLowerCase())
    .map(([, byte]) => String.fromCharCode(byte)),
);

/** The characters TCVN3 text shows when read as Latin-1: word characters for tokenizing. */
export const TCVN3_CHARS: ReadonlySet<string> = new Set(DECODE.keys());

export function tcvn3Decodes(ch: string): string | undefined {
  return DECODE.get(ch);
}

/**
 * Unicode → TCVN3 (as the Latin-1 string of its bytes). Capitals that VN3 lacks
 * become the lowercase code, which is what the ABC keyboard driver typed with
 * the .VnTimeH font. Characters outside TCVN3 are left as they are.
 */
export function encodeTcvn3(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const byte = TCVN3_ENCODE[ch] ?? TCVN3_ENCODE[ch.toLowerCase()];
    out += byte === undefined ? ch : String.fromCharCode(byte);
  }
  return out;
}

type Kind = 'caps' | 'capsVietnamese' | 'lower' | 'ambiguous' | 'neutral';

interface Word {
  decoded: string;
  kind: Kind;
}

function decodeWord(text: string): Word {
  let decoded = '';
  let lower = 0;
  let capitals = 0;
  let caseless = 0;
  for (const ch of text) {
    const mapped = DECODE.get(ch);
    if (mapped !== undefined) {
      decoded += mapped;
      if (UPPER_CODES.has(ch)) capitals++;
      else caseless++;
      continue;
    }
    decoded += ch;
    if (ch !== ch.toLowerCase()) capitals++;
    else if (ch !== ch.toUpperCase()) lower++;
  }
  let kind: Kind;
  if (lower > 0) kind = 'lower';
  else if (capitals >= 2) kind = caseless > 0 ? 'capsVietnamese' : 'caps';
  else if (caseless > 0) kind = 'ambiguous';
  else kind = capitals > 0 ? 'caps' : 'neutral';
  return { decoded: kind === 'capsVietnamese' ? decoded.toUpperCase() : decoded, kind };
}

/**
 * Restores the capitals the .VnTimeH font used to draw.
 * - A word with no lowercase letter and at least two sure capitals (ASCII A-Z
 *   or VN3's seven) is all capitals: "CéNG" → "CỘNG", "§IÒU" → "ĐIỀU".
 * - A word with no lowercase letter and at most one sure capital ("X·", "ë")
 *   is capitalised only when no neighbouring word on the line has a lowercase
 *   letter and at least one is an all-capital word with a toned letter (proof
 *   the capital font was in use): so "Xã hội" stays, "CỘNG HOÀ XÃ HỘI" comes
 *   out right, and "UBND đã" and "Số: 45/QĐ-UBND" keep their lowercase
 *   (acronyms, even "QĐ", are no evidence).
 * Words typed wholly in lowercase with the H font cannot be told from real
 * lowercase and stay lowercase.
 */
function recase(words: Word[]): string[] {
  const lettered = words.map((w, i) => ({ w, i })).filter(({ w }) => w.kind !== 'neutral');
  const out = words.map((w) => w.decoded);
  lettered.forEach(({ w, i }, k) => {
    if (w.kind !== 'ambiguous') return;
    const sides = [lettered[k - 1]?.w.kind, lettered[k + 1]?.w.kind];
    if (sides.includes('lower') || !sides.includes('capsVietnamese')) return;
    out[i] = w.decoded.toUpperCase();
  });
  return out;
}

/**
 * TCVN3 text that was decoded as Latin-1/windows-1252 → Unicode (NFC).
 * Line by line, so that capitals are judged within a line.
 */
export function decodeTcvn3(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (!/[\u00a1-\u00fe]/.test(line)) return line;
      const tokens = tokenize(line, TCVN3_CHARS);
      const wordIndexes: number[] = [];
      const words: Word[] = [];
      tokens.forEach((t, i) => {
        if (!t.word) return;
        wordIndexes.push(i);
        words.push(decodeWord(t.text));
      });
      const recased = recase(words);
      const out = tokens.map((t) => t.text);
      wordIndexes.forEach((tokenIndex, k) => {
        out[tokenIndex] = recased[k]!;
      });
      return out.join('');
    })
    .join('\n')
    .normalize('NFC');
}
