// The register table's choices mapped onto the ledger.book query (renderer/src/ledger/ledgerQuery.ts),
// checked against the contract's own schema: what the page sends is what main accepts; and who may
// do what (ledgerRules.ts), by the book's own rules (the UI suites check them against the fold).
import { describe, expect, it } from 'vitest';
import { ledgerBookQuery } from '../../shared/contract-ledger.ts';
import type { AccountSummary } from '../../shared/account.ts';
import type { EntryStatus } from '../../shared/ledger.ts';
import { bookOfMessage, ledgerBooks, offered } from '../../renderer/src/ledger/ledgerRules.ts';
import {
  DEFAULT_SORT,
  NO_FILTERS,
  PAGE_SIZE,
  ariaSort,
  bookQuery,
  lastPage,
  nextSort,
  pageRange,
  showDay,
  splitAddresses,
} from '../../renderer/src/ledger/ledgerQuery.ts';

const target = { accountId: 'acc-1', mailbox: 'vanphong@binhphuoc.gov.vn' };

describe('bookQuery', () => {
  it('no filter: the first page, newest first, nothing else', () => {
    const q = bookQuery(target, NO_FILTERS, DEFAULT_SORT, 0);
    expect(q).toEqual({ ...target, sort: 'number', descending: true, offset: 0, limit: PAGE_SIZE });
    expect(ledgerBookQuery.safeParse(q).success).toBe(true);
  });

  it('every filter, page 3; the address is lower-cased, a half-typed one is left out', () => {
    const filters = {
      status: 'qua-han' as const,
      assignee: ' CanBo1@BinhPhuoc.gov.vn ',
      urgency: 'khan' as const,
      deadlineTo: '2026-12-31',
      text: '  chuyển đổi số ',
    };
    const q = bookQuery(target, filters, { key: 'deadline', descending: false }, 2);
    expect(q).toEqual({
      ...target,
      status: 'qua-han',
      assignee: 'canbo1@binhphuoc.gov.vn',
      urgency: 'khan',
      deadlineTo: '2026-12-31',
      text: 'chuyển đổi số',
      sort: 'deadline',
      descending: false,
      offset: 2 * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    expect(ledgerBookQuery.safeParse(q).success).toBe(true);
    expect(bookQuery(target, { ...NO_FILTERS, assignee: 'canbo1@' }, DEFAULT_SORT, 0)).not.toHaveProperty('assignee');
    expect(bookQuery(target, { ...NO_FILTERS, assignee: 'me' }, DEFAULT_SORT, 0)).toMatchObject({ assignee: 'me' });
    expect(bookQuery(target, { ...NO_FILTERS, deadlineTo: '2026-1' }, DEFAULT_SORT, 0)).not.toHaveProperty(
      'deadlineTo',
    );
  });
});

describe('sorting, pages, days', () => {
  it('a column clicked again turns around; another starts in its natural direction', () => {
    expect(nextSort(DEFAULT_SORT, 'number')).toEqual({ key: 'number', descending: false });
    expect(nextSort(DEFAULT_SORT, 'deadline')).toEqual({ key: 'deadline', descending: false });
    expect(nextSort({ key: 'deadline', descending: false }, 'deadline')).toEqual({ key: 'deadline', descending: true });
    expect(nextSort({ key: 'deadline', descending: true }, 'number')).toEqual(DEFAULT_SORT);
    expect(ariaSort(DEFAULT_SORT, 'number')).toBe('descending');
    expect(ariaSort(DEFAULT_SORT, 'status')).toBe('none');
  });

  it('"from–to / total" and the last page', () => {
    expect(pageRange(20_000, 100, 50)).toEqual({ from: 101, to: 150 });
    expect(pageRange(0, 0, 0)).toBeNull();
    expect(lastPage(20_000)).toBe(399);
    expect(lastPage(50)).toBe(0);
    expect(lastPage(0)).toBe(0);
  });

  it('a register day shows as dd/mm/yyyy whatever the zone; co-handlers split on commas and spaces', () => {
    expect(showDay('2026-02-09')).toBe('09/02/2026');
    expect(showDay(null)).toBe('');
    expect(splitAddresses('A@so.vn, b@so.vn;c@so.vn  ')).toEqual(['a@so.vn', 'b@so.vn', 'c@so.vn']);
  });
});

describe('who may do what (the rules of ledger-fold.ts)', () => {
  const UNIT = 'vanphong@binhphuoc.gov.vn';
  const A = 'canbo1@binhphuoc.gov.vn';
  const B = 'canbo2@binhphuoc.gov.vn';
  type Case = { name: string; entry: Parameters<typeof offered>[0]; me: string; expected: string[] };
  const entry = (status: EntryStatus, handler: string | null, coHandlers: string[] = []) => ({
    status,
    handler,
    coHandlers,
  });
  const cases: Case[] = [
    { name: 'new, the head', entry: entry('da-vao-so', null), me: UNIT, expected: ['assign', 'claim', 'file'] },
    { name: 'new, a delegate', entry: entry('da-vao-so', null), me: A, expected: ['claim'] },
    { name: 'assigned to A, as A', entry: entry('da-giao', A), me: A, expected: ['start', 'done', 'file'] },
    {
      name: 'assigned to A, as co-handler B',
      entry: entry('da-giao', A, [B]),
      me: B,
      expected: ['start', 'done', 'file'],
    },
    { name: 'assigned to A, as B', entry: entry('da-giao', A), me: B, expected: [] },
    { name: 'claimed by A, the head', entry: entry('dang-xu-ly', A), me: UNIT, expected: ['assign', 'done', 'file'] },
    { name: 'done by A, as A', entry: entry('da-xu-ly', A), me: A, expected: ['reopen'] },
    { name: 'filed, the head', entry: entry('luu', null), me: UNIT, expected: ['reopen'] },
    { name: 'done by A, as B', entry: entry('da-xu-ly', A), me: B, expected: [] },
  ];

  it.each(cases)('$name: offers $expected', ({ entry: e, me, expected }) => {
    const can = offered(e, me, UNIT);
    expect(Object.keys(can).filter((k) => can[k as keyof typeof can])).toEqual(expected);
  });

  it('the books an account opens, and the book of a message', () => {
    const unit = account('unit', UNIT);
    const person = account('personal', A);
    expect(ledgerBooks(unit, [])).toEqual([null]);
    expect(ledgerBooks(unit, [UNIT, 'other@binhphuoc.gov.vn'])).toEqual([null, 'other@binhphuoc.gov.vn']);
    expect(ledgerBooks(person, [UNIT])).toEqual([UNIT]);
    const units = [{ owner: UNIT, prefix: `shared/${UNIT}/`, lost: false, folders: [] }];
    expect(bookOfMessage(person, units, `shared/${UNIT}/INBOX`)).toBe(UNIT);
    expect(bookOfMessage(person, units, 'INBOX')).toBeUndefined();
    expect(bookOfMessage(unit, [], 'INBOX')).toBeNull();
    expect(bookOfMessage(person, [{ ...units[0]!, lost: true }], `shared/${UNIT}/INBOX`)).toBeUndefined();
  });
});

function account(kind: 'unit' | 'personal', email: string): AccountSummary {
  return {
    id: `acc-${email}`,
    kind,
    displayName: email,
    email,
    username: email,
    imap: { host: 'mail.binhphuoc.gov.vn', port: 993, security: 'tls' },
    smtp: { host: 'mail.binhphuoc.gov.vn', port: 587, security: 'starttls' },
    hasCustomCa: false,
    insecure: false,
  };
}
