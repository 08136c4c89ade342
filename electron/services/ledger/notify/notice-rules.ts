// Which notices a book gives one person now: entries assigned to them, due on the next working
// day, overdue, returned to them for rework. Pure: the book, the person, the clock's now and the
// holiday calendar in, notices out; each notice's id names the fact (the record, the deadline),
// so the same fact is recognised as already notified after a restart or on a re-read.
import type { Notice, NoticeKind } from '../../../../shared/contract-notices.ts';
import { isOverdue, vietnamDate, type EntryEvent } from '../../../../shared/ledger.ts';
import type { HolidayCalendar } from '../holiday-calendar.ts';
import type { BookEntry } from '../ledger-view.ts';

export interface NoticeScope {
  accountId: string;
  /** The unit mailbox the book is of. */
  mailbox: string;
  /** The person: the account's own address, lower case. */
  me: string;
}

const OPEN = new Set(['da-giao', 'dang-xu-ly']);

/** The next working day after the day of `now` in Vietnam (Friday → Monday, across Tết). */
export function nextWorkingDay(now: Date, calendar: HolidayCalendar): string {
  return calendar.addWorkingDays(vietnamDate(now), 1);
}

export function ledgerNotices(
  scope: NoticeScope,
  entries: readonly BookEntry[],
  now: Date,
  calendar: HolidayCalendar,
): Notice[] {
  const me = scope.me.toLowerCase();
  const tomorrow = nextWorkingDay(now, calendar);
  const out: Notice[] = [];
  for (const e of entries) {
    const mine = e.handler?.toLowerCase() === me || e.coHandlers.some((c) => c.toLowerCase() === me);
    if (!mine || !OPEN.has(e.status)) continue;
    const make = (kind: NoticeKind, fact: string, by?: string) => out.push(notice(scope, e, kind, fact, now, by));
    const last = lastAccepted(e.history);
    const assign = lastAccepted(e.history.filter((h) => h.type === 'assign'));
    if (assign && assign.by.toLowerCase() !== me) make('assigned', `assign:${assign.uid}`, assign.by);
    if (last?.type === 'reopen' && last.by.toLowerCase() !== me) make('reopened', `reopen:${last.uid}`, last.by);
    if (e.deadline && isOverdue(e, now)) make('overdue', `deadline:${e.deadline}`);
    else if (e.deadline && e.deadline === tomorrow) make('due-tomorrow', `deadline:${e.deadline}`);
  }
  return out;
}

function lastAccepted(history: readonly EntryEvent[]): EntryEvent | undefined {
  return history.filter((h) => h.accepted).at(-1);
}

function notice(scope: NoticeScope, e: BookEntry, kind: NoticeKind, fact: string, now: Date, by?: string): Notice {
  const label = `${e.number}/${e.year}`;
  const subject = [e.fields.tenLoai, e.fields.soKyHieu, e.fields.trichYeu].filter(Boolean).join(' ');
  const due = e.deadline ? ` — hạn ${viDate(e.deadline)}` : '';
  const urgent = kind === 'overdue' || e.fields.urgency === 'hoa-toc' || e.fields.urgency === 'thuong-khan';
  const titles: Record<string, string> = {
    assigned: `Được giao xử lý: văn bản số đến ${label}`,
    reopened: `Trả lại để xử lý lại: văn bản số đến ${label}`,
    overdue: `Quá hạn xử lý: văn bản số đến ${label}`,
    'due-tomorrow': `Đến hạn ngày mai: văn bản số đến ${label}`,
  };
  const from = by ? ` (${by})` : '';
  return {
    id: `${scope.accountId}:${scope.mailbox}:${kind}:${e.messageId}:${fact}`,
    accountId: scope.accountId,
    mailbox: scope.mailbox,
    kind,
    at: now.toISOString(),
    urgent,
    title: titles[kind] ?? label,
    body: `${subject}${due}${from}`,
    params: {
      number: e.number,
      year: e.year,
      subject,
      deadline: e.deadline,
      ...(by ? { by } : {}),
    },
  };
}

/** DD/MM/YYYY, as Vietnamese readers write a date. */
export function viDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
