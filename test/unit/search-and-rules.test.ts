import { describe, expect, it } from 'vitest';
import { MailCache, type CachedHeader } from '../../electron/services/cache/mail-cache.ts';
import {
  classifyDirective,
  DEFAULT_DIRECTIVE_RULES,
  URGENCY,
} from '../../electron/services/directives/directive-rules.ts';
import { ftsExpression, parseQuery } from '../../electron/services/search/query.ts';
import { uidSet } from '../../electron/services/sync/folder-sync.ts';
import { foldText } from '../../shared/text-fold.ts';

describe('Vietnamese folding', () => {
  it('strips tones and vowel marks and maps đ to d, in both directions', () => {
    expect(foldText('Chỉ đạo KHẨN')).toBe('chi dao khan');
    expect(foldText('ĐỀ NGHỊ')).toBe(foldText('de nghi'));
    // Decomposed input (as windows-1258 produces) folds the same.
    expect(foldText('Chi\u0309 đa\u0323o')).toBe('chi dao');
  });
});

describe('query parser', () => {
  it('reads operators, phrases and free text', () => {
    const q = parseQuery(
      'from:lanhdao subject:"kế hoạch" has:attachment is:unread before:2026-12-01 after:01/11/2026 folder:"Chỉ đạo" chi đạo',
    );
    expect(q).toMatchObject({
      from: ['lanhdao'],
      subject: ['ke hoach'],
      hasAttachment: true,
      unread: true,
      folder: 'Chỉ đạo',
      text: ['chi', 'dao'],
    });
    expect(q.before).toBe(Date.UTC(2026, 11, 1) - 7 * 3_600_000);
    expect(q.after).toBe(Date.UTC(2026, 10, 1) - 7 * 3_600_000);
    expect(ftsExpression(q)).toBe('"chi"* AND "dao"* AND sender : "lanhdao"* AND subject : "ke hoach"');
  });

  it('keeps unknown operators and bad dates as text instead of failing', () => {
    expect(parseQuery('V/v: triển khai').text).toEqual(['v/v:', 'trien', 'khai']);
    expect(parseQuery('before:someday').text).toEqual(['someday']);
  });
});

describe('directive rules', () => {
  const rules = { ...DEFAULT_DIRECTIVE_RULES, leadership: ['chutich@binhphuoc.gov.vn', '@vpubnd.binhphuoc.gov.vn'] };
  it('recognises subject patterns, leadership senders and urgency markers', () => {
    expect(classifyDirective({ fromAddress: 'x@y.vn', subject: 'V/v triển khai kế hoạch' }, rules)).toMatchObject({
      isDirective: true,
      urgency: URGENCY.normal,
    });
    expect(classifyDirective({ fromAddress: 'x@y.vn', subject: 'HỎA TỐC: ứng phó bão' }, rules)).toMatchObject({
      isDirective: true,
      urgency: URGENCY.flash,
    });
    expect(classifyDirective({ fromAddress: 'x@y.vn', subject: 'Thượng khẩn - họp' }, rules).urgency).toBe(
      URGENCY.veryUrgent,
    );
    expect(classifyDirective({ fromAddress: 'a@vpubnd.binhphuoc.gov.vn', subject: 'họp' }, rules).isDirective).toBe(
      true,
    );
    expect(classifyDirective({ fromAddress: 'x@y.vn', subject: 'hello', importance: 'High' }, rules)).toMatchObject({
      isDirective: true,
      urgency: URGENCY.urgent,
    });
    expect(classifyDirective({ fromAddress: 'x@y.vn', subject: 'Chúc mừng sinh nhật' }, rules).isDirective).toBe(false);
    // "khăn" (towel) folds like "khẩn" (urgent): with diacritics present, they are told apart.
    expect(classifyDirective({ fromAddress: 'x@y.vn', subject: 'Mua khăn trải bàn' }, rules).urgency).toBe(
      URGENCY.normal,
    );
    expect(classifyDirective({ fromAddress: 'x@y.vn', subject: 'KHAN: hop gap' }, rules).urgency).toBe(URGENCY.urgent);
    expect(classifyDirective({ fromAddress: 'x@y.vn', subject: 'Hoả tốc - ứng phó' }, rules).urgency).toBe(
      URGENCY.flash,
    );
  });
});

describe('UID sets', () => {
  it('compresses runs', () => {
    expect(uidSet([5, 1, 2, 3, 9, 10, 7])).toBe('1:3,5,7,9:10');
    expect(uidSet([42])).toBe('42');
  });
});

describe('cache list and search (in memory)', () => {
  const header = (uid: number, subject: string, daysAgo: number, extra: Partial<CachedHeader> = {}): CachedHeader => ({
    uid,
    modseq: 1n,
    flags: [],
    date: Date.UTC(2026, 10, 28) - daysAgo * 86_400_000,
    internalDate: null,
    size: 100,
    subject,
    from: [{ name: 'Lãnh đạo', address: 'lanhdao@binhphuoc.gov.vn' }],
    to: [],
    cc: [],
    messageId: `<${uid}@x>`,
    inReplyTo: null,
    references: [],
    hasAttachments: false,
    attachmentNames: [],
    ...extra,
  });

  it('sorts, filters, threads and ranks search results by date', () => {
    const cache = new MailCache(':memory:');
    cache.saveHeaders('INBOX', [
      header(1, 'Chỉ đạo về phòng chống dịch', 5),
      header(2, 'Re: Chỉ đạo về phòng chống dịch', 1, { references: ['<1@x>'], flags: ['\\Seen'] }),
      header(3, 'Báo cáo tuần', 3, { hasAttachments: true, attachmentNames: ['bao-cao.pdf'] }),
    ]);
    expect(cache.list({ folder: 'INBOX' }).rows.map((r) => r.uid)).toEqual([2, 3, 1]);
    expect(cache.list({ folder: 'INBOX', sort: 'subject', descending: false }).rows.map((r) => r.uid)).toEqual([
      3, 1, 2,
    ]);
    expect(cache.list({ folder: 'INBOX', unread: true }).total).toBe(2);
    expect(cache.list({ folder: 'INBOX', withAttachments: true }).rows.map((r) => r.uid)).toEqual([3]);
    const [reply] = cache.list({ folder: 'INBOX', limit: 1 }).rows;
    expect(cache.thread(reply!.threadId).map((r) => r.uid)).toEqual([1, 2]);
    expect(cache.search(parseQuery('chi dao')).map((r) => r.uid)).toEqual([2, 1]);
    expect(cache.search(parseQuery('bao-cao.pdf')).map((r) => r.uid)).toEqual([3]);
    expect(cache.search(parseQuery('is:unread chỉ đạo')).map((r) => r.uid)).toEqual([1]);
    // Re-saving a known UID refreshes flags only, without duplicating it.
    cache.saveHeaders('INBOX', [header(1, 'ignored', 5, { flags: ['\\Flagged'] })]);
    expect(cache.count('INBOX')).toBe(3);
    expect(cache.list({ folder: 'INBOX', flagged: true }).rows.map((r) => [r.uid, r.subject])).toEqual([
      [1, 'Chỉ đạo về phòng chống dịch'],
    ]);
    cache.close();
  });
});
