/**
 * VNI Windows (the VNI-Times/VNI-Helve fonts): ASCII below 0x80; a Vietnamese
 * vowel is its ASCII base letter followed by one modifier byte that carries
 * the circumflex/breve and the tone together (ấ = "a" + 0xE1, shown as "aá").
 * A few letters have a byte of their own: ơ ư đ and the toned i's, and ỵ.
 * Capitals use the modifier bytes 0x20 lower (ấ "aá", Ấ "AÁ"), so unlike TCVN3
 * the case survives. Values are written as the text the bytes show when read
 * as Latin-1/windows-1252, which agree on 0xC0-0xFF where VNI lives.
 */
export const VNI_ENCODE: Readonly<Record<string, string>> = {
  // Each row: the toneless letter (if it is not ASCII), then sắc, huyền, hỏi, ngã, nặng.
  á: 'aù',
  à: 'aø',
  ả: 'aû',
  ã: 'aõ',
  ạ: 'aï',

  ă: 'aê',
  ắ: 'aé',
  ằ: 'aè',
  ẳ: 'aú',
  ẵ: 'aü',
  ặ: 'aë',

  â: 'aâ',
  ấ: 'aá',
  ầ: 'aà',
  ẩ: 'aå',
  ẫ: 'aã',
  ậ: 'aä',

  é: 'eù',
  è: 'eø',
  ẻ: 'eû',
  ẽ: 'eõ',
  ẹ: 'eï',

  ê: 'eâ',
  ế: 'eá',
  ề: 'eà',
  ể: 'eå',
  ễ: 'eã',
  ệ: 'eä',

  í: 'í',
  ì: 'ì',
  ỉ: 'æ',
  ĩ: 'ó',
  ị: 'ò',

  ó: 'où',
  ò: 'oø',
  ỏ: 'oû',
  õ: 'oõ',
  ọ: 'oï',

  ô: 'oâ',
  ố: 'oá',
  ồ: 'oà',
  ổ: 'oå',
  ỗ: 'oã',
  ộ: 'oä',

  ơ: 'ô',
  ớ: 'ôù',
  ờ: 'ôø',
  ở: 'ôû',
  ỡ: 'ôõ',
  ợ: 'ôï',

  ú: 'uù',
  ù: 'uø',
  ủ: 'uû',
  ũ: 'uõ',
  ụ: 'uï',

  ư: 'ö',
  ứ: 'öù',
  ừ: 'öø',
  ử: 'öû',
  ữ: 'öõ',
  ự: 'öï',

  ý: 'yù',
  ỳ: 'yø',
  ỷ: 'yû',
  ỹ: 'yõ',
  ỵ: 'î',

  đ: 'ñ',

  Á: 'AÙ',
  À: 'AØ',
  Ả: 'AÛ',
  Ã: 'AÕ',
  Ạ: 'AÏ',

  Ă: 'AÊ',
  Ắ: 'AÉ',
  Ằ: 'AÈ',
  Ẳ: 'AÚ',
  Ẵ: 'AÜ',
  Ặ: 'AË',

  Â: 'AÂ',
  Ấ: 'AÁ',
  Ầ: 'AÀ',
  Ẩ: 'AÅ',
  Ẫ: 'AÃ',
  Ậ: 'AÄ',

  É: 'EÙ',
  È: 'EØ',
  Ẻ: 'EÛ',
  Ẽ: 'EÕ',
  Ẹ: 'EÏ',

  Ê: 'EÂ',
  Ế: 'EÁ',
  Ề: 'EÀ',
  Ể: 'EÅ',
  Ễ: 'EÃ',
  Ệ: 'EÄ',

  Í: 'Í',
  Ì: 'Ì',
  Ỉ: 'Æ',
  Ĩ: 'Ó',
  Ị: 'Ò',

  Ó: 'OÙ',
  Ò: 'OØ',
  Ỏ: 'OÛ',
  Õ: 'OÕ',
  Ọ: 'OÏ',

  Ô: 'OÂ',
  Ố: 'OÁ',
  Ồ: 'OÀ',
  Ổ: 'OÅ',
  Ỗ: 'OÃ',
  Ộ: 'OÄ',

  Ơ: 'Ô',
  Ớ: 'ÔÙ',
  Ờ: 'ÔØ',
  Ở: 'ÔÛ',
  Ỡ: 'ÔÕ',
  Ợ: 'ÔÏ',

  Ú: 'UÙ',
  Ù: 'UØ',
  Ủ: 'UÛ',
  Ũ: 'UÕ',
  Ụ: 'UÏ',

  Ư: 'Ö',
  Ứ: 'ÖÙ',
  Ừ: 'ÖØ',
  Ử: 'ÖÛ',
  Ữ: 'ÖÕ',
  Ự: 'ÖÏ',

  Ý: 'YÙ',
  Ỳ: 'YØ',
  Ỷ: 'YÛ',
  Ỹ: 'YÕ',
  Ỵ: 'Î',

  Đ: 'Ñ',
};

const DECODE = new Map<string, string>();
for (const [letter, vni] of Object.entries(VNI_ENCODE)) DECODE.set(vni, letter);
// Shift pressed for the base letter but not for the modifier (or the other way
// round) gives a mixed-case pair; the base letter decides the case.
for (const [letter, vni] of Object.entries(VNI_ENCODE)) {
  if (vni.length !== 2) continue;
  const [base, modifier] = [vni[0]!, vni[1]!];
  const flipped = modifier === modifier.toLowerCase() ? modifier.toUpperCase() : modifier.toLowerCase();
  if (!DECODE.has(base + flipped)) DECODE.set(base + flipped, letter);
}

/** Bytes that are a letter or a modifier in VNI: word characters for tokenizing. */
export const VNI_CHARS: ReadonlySet<string> = new Set(
  Object.values(VNI_ENCODE)
    .flatMap((v) => [...v])
    .filter((ch) => ch.charCodeAt(0) >= 0x80),
);

/** Unicode → VNI (as the Latin-1 string of its bytes); other characters are kept. */
export function encodeVni(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) out += VNI_ENCODE[ch] ?? ch;
  return out;
}

/**
 * Decodes as much VNI as `text` holds from position `i`: the longest sequence
 * (base + modifier, or a single byte) wins, so "oâ" is ô but "ô" alone is ơ.
 */
export function vniMatchAt(text: string, i: number): { letter: string; length: number } | null {
  const pair = DECODE.get(text.slice(i, i + 2));
  if (pair !== undefined && text.length >= i + 2) return { letter: pair, length: 2 };
  const single = DECODE.get(text.charAt(i));
  return single !== undefined ? { letter: single, length: 1 } : null;
}

/** VNI text that was decoded as Latin-1/windows-1252 → Unicode (NFC). */
export function decodeVni(text: string): string {
  let out = '';
  for (let i = 0; i < text.length;) {
    const m = vniMatchAt(text, i);
    if (m) {
      out += m.letter;
      i += m.length;
    } else {
      out += text.charAt(i);
      i += 1;
    }
  }
  return out.normalize('NFC');
}
