import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { ftsExpressions } from '../../electron/services/search/fts.ts';
import { isEmptyQuery, parseDay, parseQuery } from '../../electron/services/search/query.ts';

const VN = 7 * 3_600_000;
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - VN;

function failure(input: string): AppError {
  try {
    parseQuery(input);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error(`"${input}" parsed without an error`);
}

describe('search query: words, phrases, prefixes and diacritics', () => {
  it('reads bare words as whole words, folded when typed without diacritics', () => {
    const q = parseQuery('chi dao');
    expect(q.clauses.map((c) => [c.field, c.term.words, c.term.prefix, c.term.exact])).toEqual([
      ['any', ['chi'], false, false],
      ['any', ['dao'], false, false],
    ]);
    expect(ftsExpressions(q)).toEqual({ folded: '"chi" AND "dao"', exact: [], implied: false });
  });

  it('sends words typed with diacritics to the exact index, as written (lower-case NFC)', () => {
    const q = parseQuery('Chỉ ĐẠO ke');
    expect(q.clauses.map((c) => [c.term.words, c.term.folded, c.term.exact])).toEqual([
      [['chỉ'], ['chi'], true],
      [['đạo'], ['dao'], true],
      [['ke'], ['ke'], false],
    ]);
    // Every term is ranked by the folded index; the words with diacritics must also be there as written.
    expect(ftsExpressions(q)).toEqual({
      folded: '"chi" AND "dao" AND "ke"',
      exact: [{ kind: 'words', match: '"chỉ" AND "đạo"' }],
      implied: false,
    });
    // Only single words with diacritics: the exact conditions select by themselves.
    expect(ftsExpressions(parseQuery('chỉ đạo')).implied).toBe(true);
    expect(ftsExpressions(parseQuery('body:khẩn')).implied).toBe(false);
    // Decomposed input (windows-1258 style) is the same query.
    expect(parseQuery('Chi\u0309').clauses[0]?.term.words).toEqual(['chỉ']);
  });

  it('keeps quoted phrases together and splits punctuated values into a phrase', () => {
    const q = parseQuery('"kế hoạch số 12" lanhdao@binhphuoc.gov.vn');
    expect(q.clauses.map((c) => [c.term.words, c.term.phrase])).toEqual([
      [['kế', 'hoạch', 'số', '12'], true],
      [['lanhdao', 'binhphuoc', 'gov', 'vn'], true],
    ]);
    // The server's SEARCH gets the value as typed (it does not fold, and it matches substrings).
    expect(q.clauses.map((c) => c.term.raw)).toEqual(['kế hoạch số 12', 'lanhdao@binhphuoc.gov.vn']);
    // The exact index keeps no positions: a phrase with diacritics is the folded phrase plus its
    // words typed with marks as written ("12" has none: the folded phrase is all it needs).
    expect(ftsExpressions(q)).toEqual({
      folded: '"ke hoach so 12" AND "lanhdao binhphuoc gov vn"',
      exact: [{ kind: 'words', match: '("kế" AND "hoạch" AND "số")' }],
      implied: false,
    });
  });

  it('matches a prefix only for an explicit * or the word being typed', () => {
    expect(ftsExpressions(parseQuery('bao cao*')).folded).toBe('"bao" AND "cao"*');
    expect(ftsExpressions(parseQuery('"ke hoach"*')).folded).toBe('"ke hoach"*');
    expect(ftsExpressions(parseQuery('bao ca', { typing: true })).folded).toBe('"bao" AND "ca"*');
    // A space after the last word: it is finished.
    expect(ftsExpressions(parseQuery('bao ca ', { typing: true })).folded).toBe('"bao" AND "ca"');
    // A quoted phrase or an operator value at the end is not being typed as a word.
    expect(ftsExpressions(parseQuery('"bao ca"', { typing: true })).folded).toBe('"bao ca"');
    expect(ftsExpressions(parseQuery('is:unread', { typing: true })).folded).toBeNull();
  });

  it('treats colons inside words and times as text, not operators', () => {
    expect(parseQuery('V/v: triển khai 10:30').clauses.map((c) => c.term.words)).toEqual([
      ['v', 'v'],
      ['triển'],
      ['khai'],
      ['10', '30'],
    ]);
  });
});

describe('search query: operators', () => {
  it('maps field operators to index columns', () => {
    const q = parseQuery('from:lanhdao to:"Văn phòng" cc:ketoan subject:"ke hoach" body:hop attachment:quyetdinh');
    expect(q.clauses.map((c) => c.field)).toEqual(['from', 'to', 'cc', 'subject', 'body', 'attachment']);
    expect(ftsExpressions(q)).toEqual({
      folded:
        '{sender} : "lanhdao" AND {to_addr} : "van phong" AND {cc_addr} : "ketoan" AND {subject} : "ke hoach" AND {body} : "hop" AND {attachment} : "quyetdinh"',
      exact: [{ kind: 'header', column: 'to_json', words: ['văn', 'phòng'], prefix: false }],
      implied: false,
    });
  });

  it('reads flags, attachments and folders', () => {
    expect(parseQuery('is:read')).toMatchObject({ seen: true });
    expect(parseQuery('is:unread')).toMatchObject({ seen: false });
    expect(parseQuery('is:flagged is:answered')).toMatchObject({ flagged: true, answered: true });
    expect(parseQuery('is:unanswered')).toMatchObject({ answered: false });
    expect(parseQuery('has:attachment')).toMatchObject({ hasAttachment: true });
    expect(parseQuery('in:"Chỉ đạo/2026"')).toMatchObject({ folder: 'Chỉ đạo/2026' });
    expect(parseQuery('folder:INBOX')).toMatchObject({ folder: 'INBOX' });
    expect(parseQuery('is:read').clauses).toEqual([]);
  });

  it('reads dates as local days, dd/mm/yyyy or yyyy-mm-dd', () => {
    expect(parseQuery('before:2026-12-01')).toMatchObject({ before: day(2026, 12, 1), after: null });
    expect(parseQuery('after:01/11/2026')).toMatchObject({ after: day(2026, 11, 1), before: null });
    expect(parseQuery('on:5/2/2024')).toMatchObject({ after: day(2024, 2, 5), before: day(2024, 2, 6) });
    expect(parseQuery('on:2024-02-29').after).toBe(day(2024, 2, 29));
    expect(parseDay('2026-01-01', 0)).toBe(Date.UTC(2026, 0, 1));
  });

  it('refuses a bad date with a Vietnamese and an English message', () => {
    for (const bad of ['before:someday', 'after:31/02/2026', 'on:2025-02-29', 'before:2026-13-01', 'after:1/1/26']) {
      const e = failure(bad);
      expect(e.code).toBe('VALIDATION');
      expect(e.messageVi).toMatch(/không phải là ngày/);
      expect(e.detail).toMatch(/is not a date/);
    }
  });

  it('refuses an unknown operator or value instead of searching it as text', () => {
    expect(failure('tu:lanhdao').messageVi).toMatch(/Không hiểu toán tử tìm kiếm "tu:"/);
    expect(failure('tu:lanhdao').detail).toMatch(/unknown search operator "tu:"/);
    expect(failure('is:important').detail).toMatch(/is:important is not understood/);
    expect(failure('has:link').messageVi).toMatch(/has:link/);
  });

  it('knows an empty query', () => {
    expect(isEmptyQuery(parseQuery('   '))).toBe(true);
    expect(isEmptyQuery(parseQuery('*'))).toBe(true);
    expect(isEmptyQuery(parseQuery('is:unread'))).toBe(false);
  });
});
