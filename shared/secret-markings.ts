// State-secret markings (độ mật: Mật, Tối mật, Tuyệt mật). Documents so marked must not travel
// over ordinary e-mail (Luật Bảo vệ bí mật nhà nước 2018), so the composer warns before sending.
// The word "mật" is also part of everyday words ("mật khẩu", "bí mật", "mật thiết", "mật độ"),
// so a single-word marking counts only where a classification stamp stands: in brackets
// ("[MẬT]"), after "Độ mật:", alone on a line, written in capitals apart from other capitalised
// words ("văn bản MẬT số 12", not "ĐỔI MẬT KHẨU"), or leading the subject ("Mật - V/v …").
// Multi-word markings ("Tối mật", "Tuyệt mật") are unambiguous and count anywhere.

export const DEFAULT_SECRET_MARKINGS: readonly string[] = ['Tuyệt mật', 'Tối mật', 'Mật'];

export interface SecretMarkingHit {
  /** The marking as the policy spells it, e.g. "Tối mật". */
  marking: string;
  where: 'subject' | 'text' | 'attachment';
  /** The subject, the line of text (shortened) or the attachment name where it was found. */
  excerpt: string;
}

/** Words that, right after "mật", make an ordinary word rather than a marking. */
const ORDINARY_FOLLOWERS = new Set(
  ['khẩu', 'thiết', 'mã', 'ong', 'thám', 'báo', 'vụ', 'danh', 'ngọt', 'đàm', 'ước', 'lệnh', 'hiệu', 'độ', 'mía', 'gấu']
    .flatMap((w) => [w, fold(w)])
    .map((w) => w.toLowerCase()),
);

const START = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{N}])';
const EXCERPT_MAX = 160;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes tone and vowel marks, keeping case (đ → d, Đ → D): file names often lose them. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

function wordsPattern(marking: string): string {
  return marking.trim().split(/\s+/).map(escape).join('[\\s_-]+');
}

function isCapitalWord(word: string): boolean {
  return /^\p{L}{2,}$/u.test(word) && word === word.toUpperCase() && word !== word.toLowerCase();
}

function followedByOrdinaryWord(text: string, end: number): boolean {
  const next = /^\s+(\p{L}+)/u.exec(text.slice(end, end + 40));
  return next !== null && ORDINARY_FOLLOWERS.has((next[1] ?? '').toLowerCase());
}

/** Capitals standing apart: the words around are not capitalised words themselves. */
function standsApart(text: string, start: number, end: number): boolean {
  const before = /(\p{L}+)[\s\-–—_./]+$/u.exec(text.slice(Math.max(0, start - 40), start));
  const after = /^[\s\-–—_./]+(\p{L}+)/u.exec(text.slice(end, end + 40));
  return !(before && isCapitalWord(before[1] ?? '')) && !(after && isCapitalWord(after[1] ?? ''));
}

/** Ranges of `text` where `marking` counts as a classification marking. */
interface ScanMode {
  /** Subject and file names: a marking may lead them ("Mật - V/v …"). */
  leading: boolean;
  /** Text without diacritics (file names): multi-word markings count only in capitals ("TOI MAT"). */
  folded: boolean;
}

function markingRanges(text: string, marking: string, mode: ScanMode): Array<[number, number]> {
  const words = wordsPattern(marking);
  const ranges: Array<[number, number]> = [];
  const add = (re: RegExp, accept: (m: RegExpExecArray) => boolean = () => true): void => {
    for (const m of text.matchAll(re)) {
      if (accept(m)) ranges.push([m.index, m.index + m[0].length]);
    }
  };
  const notOrdinary = (m: RegExpExecArray): boolean => !followedByOrdinaryWord(text, m.index + m[0].length);
  add(new RegExp(`[\\[(«]\\s*${words}\\s*[\\])»]`, 'giu'));
  add(new RegExp(`độ[\\s_-]+mật\\s*[:：\\-–]\\s*${words}${END}`, 'giu'));
  add(new RegExp(`${START}do[\\s_-]+mat\\s*[:：\\-–]\\s*${words}${END}`, 'giu'));
  if (marking.trim().includes(' ')) {
    const anywhere = mode.folded ? `${START}${wordsPattern(marking.toUpperCase())}${END}` : `${START}${words}${END}`;
    add(new RegExp(anywhere, mode.folded ? 'gu' : 'giu'), notOrdinary);
    return ranges;
  }
  // Without diacritics "mat" is also "mặt", "mất": only capitals standing apart count there.
  if (!mode.folded) add(new RegExp(`^[\\s\\p{P}\\p{S}]*${words}[\\s\\p{P}\\p{S}]*$`, 'gimu'));
  add(
    new RegExp(`${START}${wordsPattern(marking.toUpperCase())}${END}`, 'gu'),
    (m) => notOrdinary(m) && standsApart(text, m.index, m.index + m[0].length),
  );
  if (mode.leading && !mode.folded) add(new RegExp(`^[\\s\\p{P}]*${words}\\s*[:\\-–—|/]`, 'giu'));
  return ranges;
}

/** The markings found in one piece of text, longest first; a longer one hides the shorter inside it. */
function scan(text: string, markings: readonly string[], mode: ScanMode): string[] {
  const found: string[] = [];
  let rest = text;
  const ordered = [...markings].sort((a, b) => b.trim().split(/\s+/).length - a.trim().split(/\s+/).length);
  for (const marking of ordered) {
    const ranges = markingRanges(rest, marking.normalize('NFC'), mode);
    if (ranges.length === 0) continue;
    found.push(marking);
    for (const [s, e] of ranges) rest = rest.slice(0, s) + ' '.repeat(e - s) + rest.slice(e);
  }
  return found;
}

function shorten(line: string): string {
  const t = line.trim();
  return t.length > EXCERPT_MAX ? `${t.slice(0, EXCERPT_MAX - 1)}…` : t;
}

/**
 * Secret markings in a message about to be sent: in the subject, each line of the text, and the
 * attachment names (also without diacritics and with "_" as spaces, as file names are often written).
 * `markings` comes from the sending policy; the default is Mật, Tối mật, Tuyệt mật.
 */
export function findSecretMarkings(
  subject: string,
  text: string,
  attachmentNames: readonly string[],
  markings: readonly string[] = DEFAULT_SECRET_MARKINGS,
): SecretMarkingHit[] {
  const hits: SecretMarkingHit[] = [];
  const s = subject.normalize('NFC');
  for (const marking of scan(s, markings, { leading: true, folded: false })) {
    hits.push({ marking, where: 'subject', excerpt: shorten(s) });
  }
  // Only lines holding a marking's last word ("mật") are scanned in full.
  const needles = markings.map((m) => (m.trim().split(/\s+/).pop() ?? m).normalize('NFC').toLowerCase());
  const seen = new Set<string>();
  for (const line of text.normalize('NFC').split(/\r?\n/)) {
    const lower = line.toLowerCase();
    if (!needles.some((n) => lower.includes(n))) continue;
    for (const marking of scan(line, markings, { leading: false, folded: false })) {
      if (seen.has(marking)) continue;
      seen.add(marking);
      hits.push({ marking, where: 'text', excerpt: shorten(line) });
    }
  }
  const folded = markings.map(fold);
  for (const name of attachmentNames) {
    const base = name
      .normalize('NFC')
      .replace(/\.[^.\s]{1,8}$/, '')
      .replace(/_+/g, ' ');
    const found = new Set([
      ...scan(base, markings, { leading: true, folded: false }),
      ...scan(fold(base), folded, { leading: true, folded: true }).map((f) => markings[folded.indexOf(f)] ?? f),
    ]);
    for (const marking of found) hits.push({ marking, where: 'attachment', excerpt: name });
  }
  return hits;
}
