/**
 * Vietnamese orthography: the letter repertoire and a syllable validator.
 *
 * The validator is what lets the legacy-font detector tell "mojibake that
 * turns into real Vietnamese" from French, German or Spanish text that merely
 * contains Latin-1 letters. It is deliberately strict about structure (onset,
 * vowel cluster, coda, tone/coda agreement) because each rule it enforces
 * removes a whole class of false positives.
 */

export type Tone = 'grave' | 'hook' | 'tilde' | 'acute' | 'dot';

/** Tone marks in the order TCVN3 lays out each vowel's row: huyền, hỏi, ngã, sắc, nặng. */
export const TONES: readonly Tone[] = ['grave', 'hook', 'tilde', 'acute', 'dot'];

export const TONE_MARK: Readonly<Record<Tone, string>> = {
  grave: '\u0300',
  hook: '\u0309',
  tilde: '\u0303',
  acute: '\u0301',
  dot: '\u0323',
};

const MARK_TONE = new Map<string, Tone>(TONES.map((t) => [TONE_MARK[t], t]));

/** The twelve vowel letters that carry tones, lowercase, precomposed. */
export const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const;

/**
 * All 134 precomposed Vietnamese letters that are not plain ASCII: every vowel
 * with each tone, the six modified vowels without tone, and đ; lowercase then
 * uppercase. Built by Unicode composition so it is independent of the legacy
 * tables it is used to check.
 */
export function vietnameseLetters(): { lower: string[]; upper: string[] } {
  const lower: string[] = [];
  for (const v of VOWELS) {
    if (v !== v.normalize('NFD')) lower.push(v);
    for (const t of TONES) lower.push((v + TONE_MARK[t]).normalize('NFC'));
  }
  lower.push('đ');
  return { lower, upper: lower.map((c) => c.toUpperCase()) };
}

/**
 * Characters only Vietnamese Unicode text has (never produced by decoding bytes
 * as Latin-1 or windows-1252): ă đ ĩ ũ ơ ư, the U+1EA0 block, and the tone
 * marks as combining characters.
 */
const VIETNAMESE_UNICODE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/u;
const TONE_MARKS = new Set(Object.values(TONE_MARK));

export function hasVietnameseUnicode(text: string): boolean {
  if (VIETNAMESE_UNICODE.test(text)) return true;
  for (const mark of TONE_MARKS) if (text.includes(mark)) return true;
  return false;
}

/** Splits a word into its toneless lowercase spelling and its tone marks. */
export function stripTones(word: string): { base: string; tones: Tone[] } {
  const tones: Tone[] = [];
  let rest = '';
  for (const ch of word.normalize('NFD')) {
    const tone = MARK_TONE.get(ch);
    if (tone) tones.push(tone);
    else rest += ch;
  }
  return { base: rest.normalize('NFC').toLowerCase(), tones };
}

const ONSETS = [
  'ngh',
  'ng',
  'gh',
  'gi',
  'kh',
  'ph',
  'th',
  'tr',
  'ch',
  'nh',
  'b',
  'c',
  'd',
  'đ',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'q',
  'r',
  's',
  't',
  'v',
  'x',
  '',
] as const;

const CODAS = ['ch', 'nh', 'ng', 'c', 'm', 'n', 'p', 't', ''] as const;
const STOP_CODAS = new Set(['c', 'ch', 'p', 't']);

/**
 * Vowel clusters (medial + nucleus + off-glide) and the codas each admits.
 * `open` marks clusters that may end the syllable; an empty coda list means
 * the cluster ends in a glide and takes no coda.
 */
interface Cluster {
  open: boolean;
  codas: readonly string[];
}

const ALL = ['c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't'];
const NO_PALATAL = ['c', 'm', 'n', 'ng', 'p', 't'];
const FRONT = ['ch', 'm', 'n', 'nh', 'p', 't'];
const GLIDE: Cluster = { open: true, codas: [] };

const CLUSTERS: Readonly<Record<string, Cluster>> = {
  a: { open: true, codas: ALL },
  ă: { open: false, codas: NO_PALATAL },
  â: { open: false, codas: NO_PALATAL },
  e: { open: true, codas: NO_PALATAL },
  ê: { open: true, codas: FRONT },
  i: { open: true, codas: FRONT },
  o: { open: true, codas: NO_PALATAL },
  ô: { open: true, codas: NO_PALATAL },
  ơ: { open: true, codas: ['m', 'n', 'p', 't'] },
  u: { open: true, codas: NO_PALATAL },
  ư: { open: true, codas: ['c', 'm', 'n', 'ng', 't'] },
  y: GLIDE,
  ai: GLIDE,
  ao: GLIDE,
  au: GLIDE,
  ay: GLIDE,
  âu: GLIDE,
  ây: GLIDE,
  eo: GLIDE,
  êu: GLIDE,
  ia: GLIDE,
  iu: GLIDE,
  oi: GLIDE,
  ôi: GLIDE,
  ơi: GLIDE,
  ui: { open: true, codas: ['t'] },
  ưa: GLIDE,
  ưi: GLIDE,
  ưu: GLIDE,
  iê: { open: false, codas: NO_PALATAL },
  yê: { open: false, codas: NO_PALATAL },
  iêu: GLIDE,
  yêu: GLIDE,
  oa: { open: true, codas: ALL },
  oă: { open: false, codas: ['c', 'm', 'n', 'ng', 't'] },
  oe: { open: true, codas: ['n', 't'] },
  oo: { open: false, codas: ['c', 'ng'] },
  oai: GLIDE,
  oao: GLIDE,
  oay: GLIDE,
  oeo: GLIDE,
  ua: GLIDE,
  uâ: { open: false, codas: ['n', 'ng', 't'] },
  uây: GLIDE,
  uê: { open: true, codas: ['ch', 'n', 'nh', 't'] },
  uô: { open: false, codas: ['c', 'm', 'n', 'ng', 't'] },
  uôi: GLIDE,
  uơ: GLIDE,
  uy: { open: true, codas: ['ch', 'n', 'nh', 'p', 't'] },
  uya: GLIDE,
  uyê: { open: false, codas: ['n', 't'] },
  uyu: GLIDE,
  ươ: { open: false, codas: ['c', 'm', 'n', 'ng', 'p', 't'] },
  ươi: GLIDE,
  ươu: GLIDE,
  // After q the u is the medial glide, spelled u where other onsets take o:
  // "quan", "quát" (cf. "hoan"), "quen", "quăng", "quai".
  'q:ua': { open: true, codas: ALL },
  'q:uă': { open: false, codas: ['c', 'm', 'n', 'ng', 'p', 't'] },
  'q:ue': { open: true, codas: ['n', 't'] },
  'q:ueo': GLIDE,
  'q:uai': GLIDE,
  'q:uao': GLIDE,
  'q:uay': GLIDE,
  'q:uau': GLIDE,
  'q:uêu': GLIDE,
};

const FRONT_VOWEL_START = /^[eêiy]/;

function onsetFits(onset: string, cluster: string): boolean {
  switch (onset) {
    case 'k':
    case 'gh':
    case 'ngh':
      return FRONT_VOWEL_START.test(cluster);
    case 'c':
    case 'ng':
      return !FRONT_VOWEL_START.test(cluster);
    case 'g':
      return !/^[eê]/.test(cluster);
    case 'gi':
      return !cluster.startsWith('i');
    case 'q':
      return cluster.length >= 2 && cluster.startsWith('u');
    default:
      // "yê" is the spelling without an onset; after a consonant it is "iê".
      return onset === '' || !cluster.startsWith('yê');
  }
}

function lookupCluster(onset: string, cluster: string): Cluster | undefined {
  if (onset === 'q') return CLUSTERS[`q:${cluster}`] ?? CLUSTERS[cluster];
  return CLUSTERS[cluster];
}

/** Mail repeats its words; detection asks about the same few hundred again and again. */
const syllableCache = new Map<string, boolean>();

/**
 * Whether `word` is a well-formed Vietnamese syllable (any case). One tone at
 * most; stop codas (c, ch, p, t) only with sắc or nặng.
 */
export function isVietnameseSyllable(word: string): boolean {
  if (word.length === 0 || word.length > 8) return false;
  let known = syllableCache.get(word);
  if (known === undefined) {
    if (syllableCache.size >= 20000) syllableCache.clear();
    known = checkSyllable(word);
    syllableCache.set(word, known);
  }
  return known;
}

function checkSyllable(word: string): boolean {
  const { base, tones } = stripTones(word);
  if (tones.length > 1) return false;
  if (!/^[a-zăâêôơưđ]+$/.test(base)) return false;
  for (const onset of ONSETS) {
    if (!base.startsWith(onset)) continue;
    const rest = base.slice(onset.length);
    for (const coda of CODAS) {
      if (!rest.endsWith(coda)) continue;
      const cluster = rest.slice(0, rest.length - coda.length);
      if (!cluster || !/^[aăâeêioôơuưy]+$/.test(cluster)) continue;
      const info = lookupCluster(onset, cluster);
      if (!info || !onsetFits(onset, cluster)) continue;
      if (coda === '' ? !info.open : !info.codas.includes(coda)) continue;
      const tone = tones[0];
      if (STOP_CODAS.has(coda) && tone !== undefined && tone !== 'acute' && tone !== 'dot') continue;
      if (STOP_CODAS.has(coda) && tone === undefined) continue;
      return true;
    }
  }
  return false;
}
