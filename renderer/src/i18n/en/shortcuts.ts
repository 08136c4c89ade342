// English strings of the keyboard shortcuts window; same shape as vi/shortcuts.ts (checked by the type).
import type { Translation } from '../types.ts';
import type { shortcutsVi } from '../vi/shortcuts.ts';

export const shortcutsEn: Translation<typeof shortcutsVi> = {
  shortcuts: {
    title: 'Keyboard shortcuts',
    intro: 'These keys work when the cursor is not in a text field. Press ? to open this list, Esc to close it.',
    close: 'Close',
    keysColumn: 'Keys',
    actionColumn: 'Action',
    or: 'or',
    group: {
      list: 'Moving in the message list',
      actions: 'Acting on messages',
      compose: 'Writing, replying and forwarding',
      general: 'Search and general',
    },
    key: {
      up: 'Up arrow',
      down: 'Down arrow',
      left: 'Left arrow',
      right: 'Right arrow',
    },
    action: {
      upDown: 'Select the message above / below',
      homeEnd: 'Go to the first / last message',
      page: 'Go up / down one page',
      extend: 'Extend the selection',
      cursor: 'Move without changing the selection',
      selectAll: 'Select all messages',
      open: 'Open the selected message',
      thread: 'Expand / fold a conversation',
      toggleRead: 'Toggle read / unread',
      markRead: 'Mark as read',
      markUnread: 'Mark as unread',
      flag: 'Flag / unflag',
      move: 'Move to folder…',
      trash: 'Move to Trash',
      undo: 'Undo the last action',
      search: 'Search messages',
      clearSearch: 'Clear the search (in the search box)',
      help: 'Open this list of shortcuts',
      close: 'Close the open dialog or list',
      tab: 'Next / previous button or field',
      newMessage: 'Write a new message',
      reply: 'Reply to the open message',
      replyAll: 'Reply all',
      forward: 'Forward the open message',
      send: 'Send the message being written',
      closeComposer: 'Close the message window (asks before discarding)',
    },
  },
};
