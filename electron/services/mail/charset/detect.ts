import { TCVN3_CHARS, decodeTcvn3, tcvn3Decodes } from './tcvn3.ts';
import { tokenize } from './tokens.ts';
import { VNI_CHARS, decodeVni, vniMatchAt } from './vni.ts';
import { hasVietnameseUnicode, isVietnameseSyllable } from './vietnamese.ts';

export type LegacyEncoding = 'tcvn3' | 'vni';

export const LEGACY_ENCODINGS: readonly LegacyEncoding[] = ['tcvn3', 'vni'];

export interface LegacyDetection {
  encoding: LegacyEncoding | null;
  /** Share of the non-ASCII words that become Vietnamese syllables (0 when nothing was found). */
  confidence: number;
}

/** Word counts behind a detection; summed across the parts of one message. */
export interface LegacyScore {
  /**
   * Words with a non-ASCII character, on lines that are not already Vietnamese
   * Unicode, except those that are Vietnamese syllables both before and after.
   */
  relevant: number;
  /** Of those, words that become Vietnamese syllables only after conversion. */
  good: number;
}

/**
 * Thresholds, and the evidence for them. Encoded to TCVN3 and to VNI, every
 * one of the 135 Vietnamese man pages in Debian's manpages-vi is detected
 * (lowest page confidence 0.74) and 99% of its lines with three or more
 * accented words are detected on their own. Of 615,000 accented words from
 * the French, German, Spanish, Italian, Portuguese, Dutch, Swedish and Catalan
 * word lists, at most 0.14% per language turn into Vietnamese (Swedish "så",
 * "då"; Spanish "sí" is "sợ" but is Vietnamese as it stands, so neutral), and
 * none of 900,000 random 1-10 word texts built from them is detected.
 * A single word is never enough on its own, only with a hint.
 */
const MIN_CONFIDENCE = 0.6;
const MIN_GOOD = 3;
const SHORT_MIN_GOOD = 2;
const SHORT_MIN_CONFIDENCE = 0.8;
/** Once another part of the same message was detected, one word settles a subject. */
const HINTED_MIN_GOOD = 1;
const HINTED_MIN_CONFIDENCE = 0.5;
/** Enough evidence to decide; keeps detection cheap on huge bodies. */
const MAX_RELEVANT_WORDS = 1500;
const MAX_SCORED_CHARS = 256 * 1024;

const WORD_CHARS: Readonly<Record<LegacyEncoding, ReadonlySet<string>>> = { tcvn3: TCVN3_CHARS, vni: VNI_CHARS };

function convertWord(word: string, encoding: LegacyEncoding): { text: string; unmapped: boolean } {
  let text = '';
  let unmapped = false;
  if (encoding === 'tcvn3') {
    for (const ch of word) {
      const letter = tcvn3Decodes(ch);
      if (letter === undefined && ch.charCodeAt(0) >= 0x80) unmapped = true;
      text += letter ?? ch;
    }
    return { text, unmapped };
  }
  for (let i = 0; i < word.length;) {
    const m = vniMatchAt(word, i);
    if (m) {
      text += m.letter;
      i += m.length;
    } else {
      if (word.charCodeAt(i) >= 0x80) unmapped = true;
      text += word.charAt(i);
      i += 1;
    }
  }
  return { text, unmapped };
}

/** Lines that could be mis-decoded legacy text: none of Unicode's own Vietnamese letters. */
export function isLegacyCandidate(line: string): boolean {
  return !hasVietnameseUnicode(line);
}

export function scoreLegacy(text: string, encoding: LegacyEncoding): LegacyScore {
  let relevant = 0;
  let good = 0;
  // Both encodings live in 0xA0-0xFF; most mail has nothing there and is done here.
  if (!/[\u00a0-\u00ff]/.test(text)) return { relevant, good };
  for (const line of text.slice(0, MAX_SCORED_CHARS).split('\n')) {
    if (!isLegacyCandidate(line)) continue;
    for (const token of tokenize(line, WORD_CHARS[encoding])) {
      if (!token.word || !/[^\0-\x7f]/.test(token.text)) continue;
      const converted = convertWord(token.text, encoding);
      const after = !converted.unmapped && converted.text !== token.text && isVietnameseSyllable(converted.text);
      const before = isVietnameseSyllable(token.text);
      // A word that is Vietnamese both ways says nothing: TCVN3 "sè" is "số" but also "sè",
      // and a Unicode "Tôi" read as TCVN3 is "Tụi". It counts neither for nor against.
      if (after && before) continue;
      relevant++;
      if (after) good++;
      if (relevant >= MAX_RELEVANT_WORDS) return { relevant, good };
    }
  }
  return { relevant, good };
}

export function confidenceOf(score: LegacyScore): number {
  return score.relevant === 0 ? 0 : score.good / score.relevant;
}

/** Whether a score is enough on its own, or with a hint from another part of the message. */
export function passes(score: LegacyScore, hinted = false): boolean {
  const confidence = confidenceOf(score);
  if (hinted) return score.good >= HINTED_MIN_GOOD && confidence >= HINTED_MIN_CONFIDENCE;
  return (
    (score.good >= MIN_GOOD && confidence >= MIN_CONFIDENCE) ||
    (score.good >= SHORT_MIN_GOOD && confidence >= SHORT_MIN_CONFIDENCE)
  );
}

/** Picks the encoding with the most evidence among those that pass. */
export function chooseEncoding(
  scores: Readonly<Record<LegacyEncoding, LegacyScore>>,
  hint: LegacyEncoding | null = null,
): LegacyDetection {
  let best: LegacyDetection = { encoding: null, confidence: 0 };
  let bestGood = 0;
  for (const encoding of LEGACY_ENCODINGS) {
    const score = scores[encoding];
    if (!passes(score, hint === encoding)) continue;
    const confidence = confidenceOf(score);
    if (score.good > bestGood || (score.good === bestGood && confidence > best.confidence)) {
      best = { encoding, confidence };
      bestGood = score.good;
    }
  }
  return best;
}

/**
 * Decides whether text that was decoded as Latin-1/windows-1252 (or had no
 * charset) is really TCVN3 or VNI. `hint` lowers the bar for an encoding that
 * another part of the same message was already found to use.
 */
export function detectLegacyEncoding(text: string, options: { hint?: LegacyEncoding | null } = {}): LegacyDetection {
  const nfc = text.normalize('NFC');
  return chooseEncoding({ tcvn3: scoreLegacy(nfc, 'tcvn3'), vni: scoreLegacy(nfc, 'vni') }, options.hint ?? null);
}

/**
 * Converts legacy text to Unicode NFC, line by line; lines that already hold
 * Vietnamese Unicode (a quoted modern reply, say) are left alone.
 */
export function convertLegacyText(text: string, encoding: LegacyEncoding): string {
  const decode = encoding === 'tcvn3' ? decodeTcvn3 : decodeVni;
  return text
    .split('\n')
    .map((line) => (isLegacyCandidate(line) ? decode(line) : line))
    .join('\n')
    .normalize('NFC');
}
