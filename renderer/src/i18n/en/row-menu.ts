// English catalogue of the message list's context menu (see vi/row-menu.ts).
import type { Translation } from '../types.ts';
import type { rowMenuVi } from '../vi/row-menu.ts';

export const rowMenuEn: Translation<typeof rowMenuVi> = {
  rowMenu: {
    label: 'Actions for "{{subject}}"',
    noSubject: '(No subject)',
    reply: 'Reply',
    'reply-all': 'Reply all',
    forward: 'Forward',
    'forward-attachment': 'Forward as attachment',
    markRead: 'Mark as read',
    markUnread: 'Mark as unread',
    flag: 'Flag',
    unflag: 'Remove flag',
    move: 'Move to…',
    trash: 'Delete',
  },
};
