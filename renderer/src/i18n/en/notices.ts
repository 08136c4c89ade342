// English notices of the processing ledger (see ../vi/notices.ts).
import type { Translation } from '../types.ts';
import type { noticesVi } from '../vi/notices.ts';

export const noticesEn: Translation<typeof noticesVi> = {
  open: 'Notices',
  unread_one: '{{count}} unread notice',
  unread_other: '{{count}} unread notices',
  title: 'Notices about the incoming register',
  empty: 'No notices yet.',
  markRead: 'Mark as read',
  clear: 'Clear the list',
  close: 'Close',
  urgent: 'Needs attention',
  kind: {
    assigned: 'Assigned to you: incoming no. {{number}}/{{year}}',
    dueTomorrow: 'Due tomorrow: incoming no. {{number}}/{{year}}',
    overdue: 'Overdue: incoming no. {{number}}/{{year}}',
    reopened: 'Returned for rework: incoming no. {{number}}/{{year}}',
    queueLost: 'Action not recorded: incoming no. {{number}}/{{year}}',
    queueApplied: 'Action taken offline now recorded: incoming no. {{number}}/{{year}}',
    digest: 'Register digest for {{day}}',
  },
  detail: {
    deadline: 'Deadline: {{deadline}}',
    by: 'By: {{by}}',
    winner: '{{by}} claimed it first.',
    reason: 'Reason: {{reason}}',
    digest:
      '{{newCount}} new, {{overdueCount}} overdue, {{dueTodayCount}} due today, {{dueTomorrowCount}} due the next working day',
  },
};
