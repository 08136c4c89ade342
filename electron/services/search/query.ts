import { foldText } from '../../../shared/text-fold.ts';
import { AppError } from '../errors/app-error.ts';

/** Where a text clause looks: every field, or one of them. */
export type SearchField = 'any' | 'from' | 'to' | 'cc' | 'subject' | 'body' | 'attachment';

/** One word or quoted phrase of a query. */
export interface SearchTerm {
  /** The value as typed (NFC, without quotes or `*`): what the server's SEARCH is sent. */
  raw: string;
  /** Words as typed, lower-case NFC (a phrase has several). */
  words: string[];
  /** The same words folded (no tone or vowel marks, đ → d). */
  folded: string[];
  /** Quoted: the words must be adjacent, in order. */
  phrase: boolean;
  /** The last word matches as a prefix (typed `*`, or the word being typed in the box). */
  prefix: boolean;
  /** Typed with diacritics: matches exactly those words; otherwise folded (both spellings). */
  exact: boolean;
}

export interface TextClause {
  field: SearchField;
  term: SearchTerm;
}

/** A parsed search: text clauses for the full-text index plus structured filters. */
export interface SearchQuery {
  clauses: TextClause[];
  hasAttachment: boolean;
  /** true = must be set, false = must not be set, absent = either. */
  seen?: boolean;
  flagged?: boolean;
  answered?: boolean;
  /** Epoch ms, exclusive upper bound. */
  before: number | null;
  /** Epoch ms, inclusive lower bound. */
  after: number | null;
  folder: string | null;
}

export interface ParseOptions {
  /** The unit's time zone (dates are local days); Việt Nam, UTC+7, by default. */
  timeZoneOffsetMinutes?: number;
  /** The search box: the last bare word is still being typed, so it matches as a prefix. */
  typing?: boolean;
}

const TEXT_FIELDS: Record<string, SearchField> = {
  from: 'from',
  to: 'to',
  cc: 'cc',
  subject: 'subject',
  body: 'body',
  attachment: 'attachment',
};
const IS_VALUES: Record<string, ['seen' | 'flagged' | 'answered', boolean]> = {
  read: ['seen', true],
  seen: ['seen', true],
  dadoc: ['seen', true],
  unread: ['seen', false],
  unseen: ['seen', false],
  chuadoc: ['seen', false],
  flagged: ['flagged', true],
  starred: ['flagged', true],
  ganco: ['flagged', true],
  unflagged: ['flagged', false],
  answered: ['answered', true],
  replied: ['answered', true],
  datraloi: ['answered', true],
  unanswered: ['answered', false],
};
const OPERATORS = [...Object.keys(TEXT_FIELDS), 'has', 'is', 'before', 'after', 'on', 'in', 'folder'];
const DAY_MS = 86_400_000;

// An operator is letters then a colon ("10:30" and "V/v:" are text); a value is quoted or up to a space.
const TOKEN = /(?:^|(?<=\s))(?:([A-Za-z]+):)?(?:"([^"]*)"?(\*?)|(\S+))/gu;

const usage = (detail: string, messageVi: string) => new AppError('VALIDATION', detail, { messageVi });

/**
 * Parses `from:lanhdao subject:"kế hoạch" has:attachment is:unread before:01/12/2026 chi dao`.
 * An unknown operator or a bad date is an error (said in Vietnamese and English), never text.
 */
export function parseQuery(input: string, options: ParseOptions = {}): SearchQuery {
  const offset = options.timeZoneOffsetMinutes ?? 7 * 60;
  const q: SearchQuery = { clauses: [], hasAttachment: false, before: null, after: null, folder: null };
  let lastBare: TextClause | null = null;
  for (const m of input.normalize('NFC').matchAll(TOKEN)) {
    const op = m[1]?.toLowerCase();
    const quoted = m[2] !== undefined;
    const value = (m[2] ?? m[4] ?? '').trim();
    if (op === undefined || op in TEXT_FIELDS) {
      const field = op === undefined ? 'any' : (TEXT_FIELDS[op] as SearchField);
      const terms = textTerms(value, quoted, m[3] === '*');
      q.clauses.push(...terms.map((term) => ({ field, term })));
      lastBare = !quoted && terms.length > 0 ? (q.clauses.at(-1) as TextClause) : null;
      continue;
    }
    lastBare = null;
    applyOperator(q, op, value, offset);
  }
  // Only the word at the very end of the box is unfinished.
  if (options.typing && lastBare && !/\s$/u.test(input)) lastBare.term.prefix = true;
  return q;
}

function applyOperator(q: SearchQuery, op: string, value: string, offset: number): void {
  const v = foldText(value);
  switch (op) {
    case 'has':
      if (!/^(attachment|attachments|tep|dinhkem|tepdinhkem)$/.test(v))
        throw usage(
          `has:${value} is not understood (use has:attachment)`,
          `Không hiểu "has:${value}" (dùng has:attachment).`,
        );
      q.hasAttachment = true;
      return;
    case 'is': {
      const known = IS_VALUES[v];
      if (!known)
        throw usage(
          `is:${value} is not understood (use is:read, unread, flagged, unflagged, answered or unanswered)`,
          `Không hiểu "is:${value}" (dùng is:read, unread, flagged, unflagged, answered hoặc unanswered).`,
        );
      q[known[0]] = known[1];
      return;
    }
    case 'before':
    case 'after':
    case 'on': {
      const day = parseDay(value, offset);
      if (op === 'before') q.before = day;
      else if (op === 'after') q.after = day;
      else [q.after, q.before] = [day, day + DAY_MS];
      return;
    }
    case 'in':
    case 'folder':
      if (!value) throw usage(`${op}: needs a folder name`, `"${op}:" cần tên thư mục.`);
      q.folder = value;
      return;
    default:
      throw usage(
        `unknown search operator "${op}:" (known: ${OPERATORS.join(', ')}; quote text that contains a colon)`,
        `Không hiểu toán tử tìm kiếm "${op}:" (dùng: ${OPERATORS.join(', ')}; đặt chữ có dấu hai chấm trong ngoặc kép).`,
      );
  }
}

/** Splits a value into index words: letters and digits (with their marks); everything else separates. */
export function indexWords(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter(Boolean);
}

/**
 * A quoted value is one phrase; a bare value is one term (several words when it holds
 * punctuation: `lanhdao@binhphuoc.gov.vn` is the phrase of its parts); `word*` is a prefix.
 */
function textTerms(value: string, quoted: boolean, quotedStar: boolean): SearchTerm[] {
  let prefix = quotedStar;
  let text = value;
  if (!quoted && text.endsWith('*')) {
    prefix = true;
    text = text.replace(/\*+$/u, '');
  }
  const words = indexWords(text);
  if (words.length === 0) return [];
  const folded = words.map(foldText);
  const exact = words.some((w, i) => w !== folded[i]);
  return [{ raw: text.trim(), words, folded, phrase: words.length > 1, prefix, exact }];
}

/** dd/mm/yyyy (the Vietnamese order) or yyyy-mm-dd, at local midnight in the unit's zone; else an error. */
export function parseDay(value: string, offsetMinutes = 7 * 60): number {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/u.exec(value);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u.exec(value);
  const [y, mo, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : vn
      ? [Number(vn[3]), Number(vn[2]), Number(vn[1])]
      : [NaN, NaN, NaN];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (!Number.isFinite(probe.getTime()) || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d)
    throw usage(
      `"${value}" is not a date (use dd/mm/yyyy or yyyy-mm-dd)`,
      `"${value}" không phải là ngày (dùng dd/mm/yyyy hoặc yyyy-mm-dd).`,
    );
  return probe.getTime() - offsetMinutes * 60_000;
}

/** True when the query asks for nothing (no text and no filter). */
export function isEmptyQuery(q: SearchQuery): boolean {
  return (
    q.clauses.length === 0 &&
    !q.hasAttachment &&
    q.seen === undefined &&
    q.flagged === undefined &&
    q.answered === undefined &&
    q.before === null &&
    q.after === null &&
    q.folder === null
  );
}
