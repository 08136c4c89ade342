// The words of a notice in the UI language, from its kind and parameters (the `title`/`body` main
// sends are the Vietnamese desktop text; the app words it itself so English works too).
import type { Notice, NoticeKind } from '../../../shared/contract-notices.ts';
import type { TFor } from '../i18n/useT.ts';

const KIND_KEYS = {
  assigned: 'notices.kind.assigned',
  'due-tomorrow': 'notices.kind.dueTomorrow',
  overdue: 'notices.kind.overdue',
  reopened: 'notices.kind.reopened',
  'queue-lost': 'notices.kind.queueLost',
  'queue-applied': 'notices.kind.queueApplied',
  digest: 'notices.kind.digest',
} as const satisfies Record<NoticeKind, string>;

/** YYYY-MM-DD in the UI's locale, as a calendar day (no time zone shift). */
export function dayLabel(iso: string, locale: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(locale, { timeZone: 'UTC' });
}

export function noticeTitle(n: Notice, t: TFor<'app'>, locale: string): string {
  const p = n.params;
  return t(KIND_KEYS[n.kind], {
    number: p.number ?? '',
    year: p.year ?? '',
    day: p.day ? dayLabel(p.day, locale) : '',
  });
}

/** The lines under the title: subject, deadline, who, why. */
export function noticeLines(n: Notice, t: TFor<'app'>, locale: string): string[] {
  const p = n.params;
  if (n.kind === 'digest') {
    return [
      t('notices.detail.digest', {
        newCount: p.newCount ?? 0,
        overdueCount: p.overdueCount ?? 0,
        dueTodayCount: p.dueTodayCount ?? 0,
        dueTomorrowCount: p.dueTomorrowCount ?? 0,
      }),
    ];
  }
  const lines: string[] = [];
  if (p.subject) lines.push(p.subject);
  if (p.deadline && n.kind !== 'queue-lost')
    lines.push(t('notices.detail.deadline', { deadline: dayLabel(p.deadline, locale) }));
  if (n.kind === 'queue-lost' && p.by) lines.push(t('notices.detail.winner', { by: p.by }));
  else if (p.by) lines.push(t('notices.detail.by', { by: p.by }));
  if (p.reason) lines.push(t('notices.detail.reason', { reason: p.reason }));
  return lines;
}
