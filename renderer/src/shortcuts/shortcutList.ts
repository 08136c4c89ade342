// What the shortcuts window lists: the keys of list/shortcuts.ts (Thunderbird
// and Outlook habits, see README "Keyboard") and of the window itself, by
// group. Pure data; the words are in the catalogues (shortcuts.*).

/** An arrow key, named in words for screen readers; any other key is shown as written. */
export type Arrow = 'up' | 'down' | 'left' | 'right';
export type KeyToken = Arrow | (string & {});

export type ShortcutGroupId = 'list' | 'actions' | 'compose' | 'general';
export type ShortcutAction =
  | 'upDown'
  | 'homeEnd'
  | 'page'
  | 'extend'
  | 'cursor'
  | 'selectAll'
  | 'open'
  | 'thread'
  | 'toggleRead'
  | 'markRead'
  | 'markUnread'
  | 'flag'
  | 'move'
  | 'trash'
  | 'undo'
  | 'search'
  | 'clearSearch'
  | 'help'
  | 'close'
  | 'tab'
  | 'newMessage'
  | 'reply'
  | 'replyAll'
  | 'forward'
  | 'send'
  | 'closeComposer';

export interface ShortcutEntry {
  action: ShortcutAction;
  /** Key combinations, each pressed together (["Ctrl", "Z"]). */
  combos: KeyToken[][];
  /** 'pair': the combos go with the action's two halves in order ("↑ / ↓"); 'or': any of them. */
  join: 'pair' | 'or';
}

const entry = (action: ShortcutAction, join: 'pair' | 'or', ...combos: KeyToken[][]): ShortcutEntry => ({
  action,
  combos,
  join,
});

export const ARROWS: Record<Arrow, string> = { up: '↑', down: '↓', left: '←', right: '→' };
export const isArrow = (key: KeyToken): key is Arrow => key in ARROWS;

export const SHORTCUT_GROUPS: ReadonlyArray<{ id: ShortcutGroupId; entries: ShortcutEntry[] }> = [
  {
    id: 'list',
    entries: [
      entry('upDown', 'pair', ['up'], ['down']),
      entry('homeEnd', 'pair', ['Home'], ['End']),
      entry('page', 'pair', ['PageUp'], ['PageDown']),
      entry('extend', 'or', ['Shift', 'up'], ['Shift', 'down']),
      entry('cursor', 'or', ['Ctrl', 'up'], ['Ctrl', 'down']),
      entry('selectAll', 'or', ['Ctrl', 'A']),
      entry('open', 'or', ['Enter']),
      entry('thread', 'pair', ['right'], ['left']),
    ],
  },
  {
    id: 'actions',
    entries: [
      entry('toggleRead', 'or', ['M']),
      entry('markRead', 'or', ['Ctrl', 'Q']),
      entry('markUnread', 'or', ['Ctrl', 'U']),
      entry('flag', 'or', ['S'], ['*'], ['Insert']),
      entry('move', 'or', ['Ctrl', 'Shift', 'V']),
      entry('trash', 'or', ['Delete']),
      entry('undo', 'or', ['Ctrl', 'Z']),
    ],
  },
  {
    // Handled by compose/shortcuts.ts (composeCommandFor) and the composer itself.
    id: 'compose',
    entries: [
      entry('newMessage', 'or', ['Ctrl', 'N']),
      entry('reply', 'or', ['Ctrl', 'R']),
      entry('replyAll', 'or', ['Ctrl', 'Shift', 'R']),
      entry('forward', 'or', ['Ctrl', 'L'], ['Ctrl', 'Shift', 'F']),
      entry('send', 'or', ['Ctrl', 'Enter']),
      entry('closeComposer', 'or', ['Esc']),
    ],
  },
  {
    id: 'general',
    entries: [
      entry('search', 'or', ['/'], ['Ctrl', 'F'], ['Ctrl', 'E']),
      entry('clearSearch', 'or', ['Esc']),
      entry('help', 'or', ['?']),
      entry('close', 'or', ['Esc']),
      entry('tab', 'pair', ['Tab'], ['Shift', 'Tab']),
    ],
  },
];
