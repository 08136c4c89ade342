// The written signs of an official document (Decree 30/2020/NĐ-CP): urgency marks, the document
// number (số ký hiệu), the document type, and the header area of the document at the top of the
// body. Pure string code, used by directive-rules.ts.
import { foldText } from '../../../shared/text-fold.ts';

/** Urgency of an official document, from the marks Vietnamese administrations use (Decree 30/2020). */
export const URGENCY = { normal: 0, urgent: 1, veryUrgent: 2, flash: 3 } as const;
export type Urgency = (typeof URGENCY)[keyof typeof URGENCY];

const NOT_LETTER = '(?:^|[^\\p{L}\\p{N}])';
const END = '(?=[^\\p{L}\\p{N}]|$)';
// "khẩn trương" (promptly), "khẩn cấp" (emergency), "khẩn thiết" (earnest)… are words of their own, not the mark.
const KHAN_COMPOUNDS = 'trương|cấp|thiết|khoản|hoang|nài|cầu|gấp';
const KHAN_COMPOUNDS_FOLDED = 'truong|cap|thiet|khoan|hoang|nai|cau|gap';

/** Marks matched with diacritics when the text has any ("khăn" is not "khẩn"), folded otherwise. */
const MARKS: Array<{ exact: RegExp; folded: RegExp; level: Urgency; label: string }> = [
  {
    exact: new RegExp(`${NOT_LETTER}h(?:ỏa|oả)[\\s-]+tốc${END}`, 'u'),
    folded: new RegExp(`${NOT_LETTER}hoa[\\s-]+toc${END}`, 'u'),
    level: URGENCY.flash,
    label: 'Hỏa tốc',
  },
  {
    exact: new RegExp(`${NOT_LETTER}thượng[\\s-]+khẩn${END}`, 'u'),
    folded: new RegExp(`${NOT_LETTER}thuong[\\s-]+khan${END}`, 'u'),
    level: URGENCY.veryUrgent,
    label: 'Thượng khẩn',
  },
  {
    exact: new RegExp(`${NOT_LETTER}khẩn(?![\\s-]+(?:${KHAN_COMPOUNDS})${END})${END}`, 'u'),
    folded: new RegExp(`${NOT_LETTER}khan(?![\\s-]+(?:${KHAN_COMPOUNDS_FOLDED})${END})${END}`, 'u'),
    level: URGENCY.urgent,
    label: 'Khẩn',
  },
];

/** The highest urgency mark written in `text` (a subject, or one line of the header area). */
export function urgencyMark(text: string): { level: Urgency; label: string } | null {
  const exact = text.normalize('NFC').toLowerCase();
  const folded = foldText(text);
  const hasMarks = exact !== folded;
  for (const m of MARKS) if ((hasMarks ? m.exact : m.folded).test(hasMarks ? exact : folded)) return m;
  return null;
}

/**
 * Số ký hiệu: number, optional year, then the type and issuer codes joined by dashes —
 * "123/UBND-VX", "45/QĐ-UBND", "12/2024/QĐ-UBND", "07/GM-VP"; without a dash only a known code ("45/UBND").
 */
const DOCUMENT_NUMBER =
  /(?:^|[^\p{L}\p{N}/])(\d{1,5})(?:\/(?:19|20)\d{2})?\/([A-ZĐ][A-Za-zĐđ]{0,7})((?:-[A-ZĐ0-9][A-Za-zĐđ0-9]{0,11}){0,3})(?=[^\p{L}\p{N}]|$)/u;

const BARE_CODES = new Set(['UBND', 'HĐND', 'QĐ', 'CT', 'KH', 'TB', 'CĐ', 'HD', 'BC', 'TTr', 'GM', 'NQ', 'CV', 'VP']);

/** The document number in `text`, with the type code (QĐ, CT, GM, UBND…), or null. */
export function documentNumber(text: string): { number: string; typeCode: string } | null {
  const m = DOCUMENT_NUMBER.exec(text.normalize('NFC'));
  // Without an issuer code the type code alone must be a known one ("45/UBND", "12/QĐ").
  if (!m || (m[3] === '' && !BARE_CODES.has(m[2] as string))) return null;
  return { number: `${m[1]}/${m[2]}${m[3]}`, typeCode: m[2] as string };
}

/** Reply and forward prefixes, in the languages Vietnamese mail clients use. */
const REPLY = /^\s*(?:re|tl|trả lời|tra loi|aw|sv|antw)\s*(?:\[\d+\])?\s*:\s*/iu;
const FORWARD = /^\s*(?:fw|fwd|tr|chuyển tiếp|chuyen tiep|pd|wg)\s*(?:\[\d+\])?\s*:\s*/iu;

/** Strips reply/forward prefixes; tells which came first (the outermost is what this message is). */
export function stripPrefixes(subject: string): { rest: string; reply: boolean; forward: boolean } {
  let rest = subject.normalize('NFC');
  let reply = false;
  let forward = false;
  let first = true;
  for (;;) {
    const r = REPLY.exec(rest);
    const f = r ? null : FORWARD.exec(rest);
    if (!r && !f) break;
    if (first) {
      reply = r !== null;
      forward = f !== null;
    }
    first = false;
    rest = rest.slice((r ?? f)?.[0].length ?? 0);
  }
  return { rest, reply, forward };
}

/** Leading decoration before the document type: marks, brackets, dashes ("[KHẨN] - ", "(Hỏa tốc): "). */
const LEADING_MARKS =
  /^(?:\s*[[(]?\s*(?:h(?:ỏa|oả)[\s-]+tốc|thượng[\s-]+khẩn|khẩn|hoa[\s-]+toc|thuong[\s-]+khan|khan)\s*[\])]?\s*[:\-–—|,.]?\s*)+/iu;

/** The subject with reply prefixes and leading urgency marks removed, folded: where the type word stands. */
export function subjectStem(rest: string): string {
  return foldText(rest.replace(LEADING_MARKS, '')).trim();
}

/** Compiles "Công văn" into a folded pattern anchored at the start of the stem or anywhere at a word start. */
export function wordPattern(word: string, anchored: boolean): RegExp {
  const escaped = foldText(word).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`${anchored ? '^' : NOT_LETTER}${escaped}${END}`, 'u');
}

/** Lines that start the body of the document: the trích yếu and the address line end the header area. */
const HEAD_END = /^\s*(?:v\/v|về việc|ve viec|kính gửi|kinh gui|kính gởi|trích yếu|trich yeu)\b/iu;
const HEAD_MAX_LINES = 14;
const HEAD_MAX_CHARS = 800;

/**
 * The header area of the document at the top of a body: its lines before the trích yếu (V/v …)
 * or the address line (Kính gửi …), at most 14 non-empty lines / 800 characters.
 */
export function headerArea(body: string): string {
  const lines: string[] = [];
  let chars = 0;
  for (const raw of body.normalize('NFC').split(/\r?\n/)) {
    const line = raw.trim();
    // Quoted text is another message's document, not this one's.
    if (line === '' || line.startsWith('>')) continue;
    if (HEAD_END.test(line) || lines.length >= HEAD_MAX_LINES || chars + line.length > HEAD_MAX_CHARS) break;
    lines.push(line);
    chars += line.length + 1;
  }
  return lines.join('\n');
}

/**
 * The mark as the document carries it: a line of its own ("HỎA TỐC", "(KHẨN)") or a "Độ khẩn:"
 * field. A sentence that merely uses the word ("đề nghị thực hiện khẩn…") is not a mark.
 */
export function headerAreaMark(head: string): { level: Urgency; label: string } | null {
  let best: { level: Urgency; label: string } | null = null;
  for (const line of head.split('\n')) {
    const field = /^\s*(?:độ khẩn|do khan|mức độ khẩn|muc do khan)\s*:\s*(.+)$/iu.exec(line);
    const candidate = field ? (field[1] as string) : line;
    const bare = candidate.replace(/[\s[\]().:*\-–—|!]+/gu, ' ').trim();
    if (bare.split(' ').length > 3) continue;
    const mark = urgencyMark(bare);
    if (mark && (!best || mark.level > best.level)) best = mark;
  }
  return best;
}
