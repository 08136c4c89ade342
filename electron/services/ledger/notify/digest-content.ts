// The head's daily digest of a unit mailbox's ledger: entries registered since the previous
// working day, the overdue list, what is due today and on the next working day, and the open
// load per person; as data, as plain text and as HTML (every value escaped). Pure.
import type { Notice } from '../../../../shared/contract-notices.ts';
import { URGENCY_LABELS, isOverdue, vietnamDate } from '../../../../shared/ledger.ts';
import { dayNumber, isoFromDayNumber, type HolidayCalendar } from '../holiday-calendar.ts';
import type { BookEntry } from '../ledger-view.ts';
import { nextWorkingDay, viDate } from './notice-rules.ts';

export interface DigestLoad {
  person: string;
  open: number;
  overdue: number;
}

export interface DigestData {
  mailbox: string;
  /** The day of the digest (Vietnam), YYYY-MM-DD. */
  day: string;
  /** New entries are those registered from this day (the previous working day) until `day`. */
  since: string;
  tomorrow: string;
  newEntries: BookEntry[];
  overdue: BookEntry[];
  dueToday: BookEntry[];
  dueTomorrow: BookEntry[];
  load: DigestLoad[];
}

const OPEN = new Set(['da-vao-so', 'da-giao', 'dang-xu-ly']);

export function previousWorkingDay(day: string, calendar: HolidayCalendar): string {
  let n = dayNumber(day) - 1;
  while (!calendar.isWorkingDay(isoFromDayNumber(n))) n -= 1;
  return isoFromDayNumber(n);
}

export function buildDigest(
  mailbox: string,
  entries: readonly BookEntry[],
  now: Date,
  calendar: HolidayCalendar,
): DigestData {
  const day = vietnamDate(now);
  const since = previousWorkingDay(day, calendar);
  const tomorrow = nextWorkingDay(now, calendar);
  const open = entries.filter((e) => OPEN.has(e.status));
  const newEntries = entries.filter((e) => {
    const registered = vietnamDate(new Date(e.registeredAt));
    return registered >= since && registered < day;
  });
  const load = new Map<string, DigestLoad>();
  for (const e of open) {
    if (!e.handler) continue;
    const person = e.handler.toLowerCase();
    const l = load.get(person) ?? { person, open: 0, overdue: 0 };
    l.open += 1;
    if (isOverdue(e, now)) l.overdue += 1;
    load.set(person, l);
  }
  return {
    mailbox,
    day,
    since,
    tomorrow,
    newEntries,
    overdue: open.filter((e) => isOverdue(e, now)),
    dueToday: open.filter((e) => e.deadline === day),
    dueTomorrow: open.filter((e) => e.deadline === tomorrow),
    load: [...load.values()].sort((a, b) => b.open - a.open || a.person.localeCompare(b.person)),
  };
}

export function digestSubject(d: DigestData): string {
  return (
    `[Sổ văn bản đến] Tổng hợp ngày ${viDate(d.day)}: ${d.newEntries.length} văn bản mới, ` +
    `${d.overdue.length} quá hạn, ${d.dueToday.length} đến hạn hôm nay`
  );
}

const line = (e: BookEntry): string => {
  const what = [e.fields.tenLoai, e.fields.soKyHieu, e.fields.trichYeu].filter(Boolean).join(' ');
  const who = e.handler ? ` — ${e.handler}` : ' — chưa giao';
  const due = e.deadline ? `, hạn ${viDate(e.deadline)}` : '';
  return `Số ${e.number}/${e.year} [${URGENCY_LABELS[e.fields.urgency]}] ${what}${who}${due}`;
};

function sections(d: DigestData): Array<{ title: string; rows: string[] }> {
  return [
    { title: `Văn bản mới vào sổ (từ ${viDate(d.since)})`, rows: d.newEntries.map(line) },
    { title: 'Quá hạn xử lý', rows: d.overdue.map(line) },
    { title: `Đến hạn hôm nay (${viDate(d.day)})`, rows: d.dueToday.map(line) },
    { title: `Đến hạn ngày làm việc tới (${viDate(d.tomorrow)})`, rows: d.dueTomorrow.map(line) },
    {
      title: 'Việc đang xử lý theo người',
      rows: d.load.map((l) => `${l.person}: ${l.open} việc${l.overdue > 0 ? `, ${l.overdue} quá hạn` : ''}`),
    },
  ];
}

export function digestText(d: DigestData): string {
  const out = [`Sổ đăng ký văn bản đến — hộp thư ${d.mailbox}`, `Tổng hợp ngày ${viDate(d.day)}`, ''];
  for (const s of sections(d)) {
    out.push(`${s.title}: ${s.rows.length}`);
    out.push(...(s.rows.length > 0 ? s.rows.map((r) => `  - ${r}`) : ['  (không có)']));
    out.push('');
  }
  out.push('Thư này do ứng dụng Hộp thư đơn vị tạo trong hộp thư của đơn vị; không gửi ra ngoài.');
  out.push('Daily ledger digest written by the Unit Mailbox app into this mailbox; it was not sent anywhere.');
  return out.join('\n');
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function digestHtml(d: DigestData): string {
  const parts = [
    `<h2>Sổ đăng ký văn bản đến — ${esc(d.mailbox)}</h2>`,
    `<p>Tổng hợp ngày <strong>${esc(viDate(d.day))}</strong></p>`,
  ];
  for (const s of sections(d)) {
    parts.push(`<h3>${esc(s.title)}: ${s.rows.length}</h3>`);
    parts.push(
      s.rows.length > 0 ? `<ul>${s.rows.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>` : '<p><em>(không có)</em></p>',
    );
  }
  parts.push(
    '<p><small>Thư này do ứng dụng Hộp thư đơn vị tạo trong hộp thư của đơn vị; không gửi ra ngoài.</small></p>',
  );
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head><body>${parts.join('')}</body></html>`;
}

/** The in-app and desktop notice of a digest (one per account and day). */
export function digestNotice(accountId: string, d: DigestData, now: Date): Notice {
  return {
    id: `${accountId}:digest:${d.mailbox}:${d.day}`,
    accountId,
    mailbox: d.mailbox,
    kind: 'digest',
    at: now.toISOString(),
    urgent: d.overdue.length > 0,
    title: `Tổng hợp sổ văn bản đến ngày ${viDate(d.day)}`,
    body:
      `${d.newEntries.length} văn bản mới, ${d.overdue.length} quá hạn, ` +
      `${d.dueToday.length} đến hạn hôm nay, ${d.dueTomorrow.length} đến hạn ngày làm việc tới`,
    params: {
      day: d.day,
      newCount: d.newEntries.length,
      overdueCount: d.overdue.length,
      dueTodayCount: d.dueToday.length,
      dueTomorrowCount: d.dueTomorrow.length,
    },
  };
}
