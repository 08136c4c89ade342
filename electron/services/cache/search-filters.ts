// The conditions of a search on the message row (m) and its folder (f): the operators that are
// not words (has:attachment, is:…, before:/after:, in:), and a term typed with marks in a header
// field, checked in place on the field's text by um_has_words (registered by search-index.ts).
import { isRecordFolder } from '../../../shared/records.ts';
import { foldText } from '../../../shared/text-fold.ts';
import type { ExactCondition } from '../search/fts.ts';
import { indexWords, type SearchQuery } from '../search/query.ts';
import type { Prepare } from './prepare.ts';

/** Adds the operators' conditions of `q` to `where` and `args`. */
export function filters(
  prepare: Prepare,
  q: SearchQuery,
  where: string[],
  args: Array<string | number>,
  textSearch: boolean,
): void {
  // The record folders' messages are never in the text index; a search by filters alone leaves them out here.
  const records = textSearch
    ? []
    : (prepare('SELECT id, path, delimiter FROM folders').all() as Array<Record<string, string>>)
        .filter((f) => isRecordFolder(f.path as string, f.delimiter as string))
        .map((f) => Number(f.id));
  if (records.length) {
    where.push('m.folder_id NOT IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(records));
  }
  if (q.hasAttachment) where.push('m.has_attachments = 1');
  if (q.seen !== undefined) where.push(`m.seen = ${q.seen ? 1 : 0}`);
  if (q.flagged !== undefined) where.push(`m.flagged = ${q.flagged ? 1 : 0}`);
  if (q.answered !== undefined) where.push(`(instr(m.flags, '\\\\Answered') > 0) = ${q.answered ? 1 : 0}`);
  if (q.before !== null) {
    where.push('m.date < ?');
    args.push(q.before);
  }
  if (q.after !== null) {
    where.push('m.date >= ?');
    args.push(q.after);
  }
  if (q.folder !== null) {
    const folder = q.folder.toUpperCase() === 'INBOX' ? 'INBOX' : q.folder;
    where.push('(f.path = ? OR (substr(f.path, 1, length(?)) = ? AND substr(f.path, length(?) + 1, 1) = f.delimiter))');
    args.push(folder, folder, folder, folder);
  }
}

/** A term typed with marks in a header field, checked in place on the field's text (see ExactCondition). */
export function headerWhere(
  c: Extract<ExactCondition, { kind: 'header' }>,
  where: string[],
  args: Array<string | number>,
): void {
  where.push(`um_has_words(${c.column === 'subject' ? 'm.subject' : `um_people(m.${c.column})`}, ?)`);
  args.push(JSON.stringify({ words: c.words, prefix: c.prefix } satisfies HeaderWords));
}

export interface HeaderWords {
  /** The term's words as typed (lower-case NFC). */
  words: string[];
  /** The last word may begin a longer one. */
  prefix: boolean;
}

/**
 * Whether a header's text holds the words in a row: a word typed with a mark (or đ) as written,
 * one typed without either way (whole words; the last a prefix when asked).
 */
export function hasWords(text: string, { words, prefix }: HeaderWords): boolean {
  const have = indexWords(text);
  const want = words.map((w) => ({ w, marked: foldText(w) !== w }));
  for (let start = 0; start + want.length <= have.length; start++) {
    const here = want.every(({ w, marked }, k) => {
      const t = marked ? (have[start + k] as string) : foldText(have[start + k] as string);
      return prefix && k === want.length - 1 ? t.startsWith(w) : t === w;
    });
    if (here) return true;
  }
  return false;
}
