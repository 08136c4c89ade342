import { afterEach, describe, expect, it } from 'vitest';
import { LedgerCache, type PageQuery } from '../../electron/services/ledger/ledger-cache.ts';
import { pageOf } from '../../electron/services/ledger/ledger-query.ts';
import { withOverdue } from '../../electron/services/ledger/ledger-view.ts';
import { syntheticBook, syntheticEntry } from '../support/ledger-entries.ts';
import { tempDir } from '../support/temp-dir.ts';

const dirs: Array<{ cleanup: () => void }> = [];
const open = () => {
  const d = tempDir('um-ledger-cache-');
  dirs.push(d);
  return new LedgerCache(`${d.dir}/ledger.sqlite`);
};
afterEach(() => {
  for (const d of dirs.splice(0)) d.cleanup();
});

const TODAY = '2026-03-15';
const q = (extra: Partial<PageQuery> = {}): PageQuery => ({ offset: 0, limit: 50, ...extra });

describe('LedgerCache (the local copy of a book)', () => {
  it('answers the same pages as the book itself, for every filter', () => {
    const cache = open();
    const book = syntheticBook(300);
    expect(cache.page('k', q(), TODAY)).toBeNull();
    expect(cache.store('k', book)).toBe(true);
    const now = new Date(`${TODAY}T05:00:00Z`);
    const entries = book.entries.map((e) => withOverdue(e, now));
    const filters: Array<Partial<PageQuery>> = [
      {},
      { status: 'moi' },
      { status: 'da-xu-ly' },
      { status: 'qua-han' },
      { assignee: 'a@so.vn' },
      { assignee: 'd@so.vn' },
      { text: 'chuyen doi so' },
      { text: 'Báo cáo', status: 'da-giao', offset: 10, limit: 5 },
      { year: 2025 },
    ];
    for (const f of filters) {
      const query = q(f);
      const expected = pageOf(book.mailbox, entries, query, query, true);
      expect(cache.page('k', query, TODAY), JSON.stringify(f)).toEqual(
        f.year === 2025 ? { ...expected, total: 0, rows: [] } : expected,
      );
    }
    cache.close();
  });

  it('stores only entries touched by newer records; nothing new is no change', () => {
    const cache = open();
    const book = syntheticBook(20);
    cache.store('k', book);
    expect(cache.store('k', book)).toBe(false);
    const done = { ...syntheticEntry(2026, 3), status: 'da-xu-ly' as const };
    done.history = [...done.history, { ...done.history[0]!, uid: 500, type: 'register' }];
    const next = { ...book, entries: book.entries.map((e) => (e.number === 3 ? done : e)), lastUid: 500 };
    expect(cache.store('k', next)).toBe(true);
    expect(cache.page('k', q({ status: 'da-xu-ly' }), TODAY)!.rows.map((r) => r.number)).toContain(3);
    cache.close();
  });

  it('starts the book again on a new UIDVALIDITY or a book that shrank', () => {
    const cache = open();
    cache.store('k', syntheticBook(20));
    cache.store('k', syntheticBook(5, { uidValidity: 99 }));
    expect(cache.page('k', q(), TODAY)!.total).toBe(5);
    const shrunk = syntheticBook(3, { uidValidity: 99 });
    cache.store('k', { ...shrunk, lastUid: 1000 });
    expect(cache.page('k', q(), TODAY)!.total).toBe(3);
    cache.close();
  });
});
