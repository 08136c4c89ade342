import { foldText } from '../../../shared/text-fold.ts';

/** A parsed search: free text for the full-text index plus structured filters. */
export interface SearchQuery {
  /** Folded words and phrases over every field. */
  text: string[];
  from: string[];
  to: string[];
  subject: string[];
  hasAttachment: boolean;
  unread: boolean;
  flagged: boolean;
  /** Epoch ms, exclusive upper bound (start of the given day). */
  before: number | null;
  /** Epoch ms, inclusive lower bound. */
  after: number | null;
  folder: string | null;
}

const TOKEN = /(\w+:)?("([^"]*)"|\S+)/gu;

/**
 * Parses `from:lanhdao subject:"ke hoach" has:attachment is:unread before:2026-12-01 chi dao`.
 * Unknown operators are searched as plain text, so a colon in a subject still works.
 */
export function parseQuery(input: string, timeZoneOffsetMinutes = 7 * 60): SearchQuery {
  const q: SearchQuery = {
    text: [],
    from: [],
    to: [],
    subject: [],
    hasAttachment: false,
    unread: false,
    flagged: false,
    before: null,
    after: null,
    folder: null,
  };
  for (const m of input.matchAll(TOKEN)) {
    const op = m[1]?.slice(0, -1).toLowerCase();
    const raw = m[3] ?? m[2] ?? '';
    const value = raw.trim();
    if (!value) continue;
    switch (op) {
      case 'from':
        q.from.push(foldText(value));
        break;
      case 'to':
        q.to.push(foldText(value));
        break;
      case 'subject':
        q.subject.push(foldText(value));
        break;
      case 'has':
        if (/^(attachment|attachments|tep|dinhkem)$/i.test(foldText(value))) q.hasAttachment = true;
        else q.text.push(foldText(`${op}:${value}`));
        break;
      case 'is':
        if (/^(unread|chuadoc)$/i.test(foldText(value))) q.unread = true;
        else if (/^(flagged|starred|ganco)$/i.test(foldText(value))) q.flagged = true;
        else q.text.push(foldText(value));
        break;
      case 'before':
      case 'after': {
        const day = parseDay(value, timeZoneOffsetMinutes);
        if (day === null) q.text.push(foldText(value));
        else if (op === 'before') q.before = day;
        else q.after = day;
        break;
      }
      case 'folder':
      case 'in':
        q.folder = value;
        break;
      default:
        q.text.push(foldText(m[0].replace(/"/g, '')));
    }
  }
  return q;
}

/** YYYY-MM-DD (or DD/MM/YYYY, the Vietnamese order) at local midnight in the unit's zone. */
function parseDay(value: string, offsetMinutes: number): number | null {
  let y: number, mo: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (vn) [d, mo, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else return null;
  const t = Date.UTC(y, mo - 1, d) - offsetMinutes * 60_000;
  return Number.isFinite(t) && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 ? t : null;
}

/** Quotes one folded term for FTS5; words match as prefixes, phrases exactly. */
export function ftsTerm(term: string): string | null {
  const words = term.split(/[^\p{L}\p{N}@._-]+/u).filter(Boolean);
  if (words.length === 0) return null;
  if (words.length === 1) return `"${(words[0] as string).replace(/"/g, '')}"*`;
  return `"${words.join(' ').replace(/"/g, '')}"`;
}

/** The FTS5 MATCH expression for a query, or null when it has no text part. */
export function ftsExpression(q: SearchQuery): string | null {
  const parts: string[] = [];
  const add = (column: string | null, terms: string[]) => {
    for (const t of terms) {
      const e = ftsTerm(t);
      if (e) parts.push(column ? `${column} : ${e}` : e);
    }
  };
  add(null, q.text);
  add('sender', q.from);
  add('recipients', q.to);
  add('subject', q.subject);
  return parts.length ? parts.join(' AND ') : null;
}
