// The shortcuts window ("?") lists what the keys really do: every combination
// it shows for a message-list command is mapped by commandFor to that command,
// so the list cannot drift from list/shortcuts.ts. Its strings exist in both
// languages.
import { describe, expect, it } from 'vitest';
import { commandFor, type Command, type KeyLike } from '../../renderer/src/list/shortcuts.ts';
import { shortcutsEn } from '../../renderer/src/i18n/en/shortcuts.ts';
import { shortcutsVi } from '../../renderer/src/i18n/vi/shortcuts.ts';
import { SHORTCUT_GROUPS, type KeyToken, type ShortcutAction } from '../../renderer/src/shortcuts/shortcutList.ts';

/** What each listed action must do in the list (null: handled elsewhere — the search box, the window itself). */
const EXPECTED: Record<ShortcutAction, Partial<Command> | null> = {
  upDown: { type: 'move', extend: false, cursorOnly: false },
  homeEnd: { type: 'move', extend: false, cursorOnly: false },
  page: { type: 'move', extend: false, cursorOnly: false },
  extend: { type: 'move', extend: true },
  cursor: { type: 'move', cursorOnly: true, extend: false },
  selectAll: { type: 'selectAll' },
  open: { type: 'open' },
  thread: null, // → / ← with a conversation: checked below (expand / collapse)
  toggleRead: { type: 'toggleRead' },
  markRead: { type: 'markRead' },
  markUnread: { type: 'markUnread' },
  flag: { type: 'toggleFlag' },
  move: { type: 'moveMenu' },
  trash: { type: 'trash' },
  undo: { type: 'undo' },
  search: { type: 'search' },
  clearSearch: null,
  help: null,
  close: null,
  tab: null,
  // The composer's keys: compose/shortcuts.ts, checked in test/renderer/compose-pure.test.ts.
  newMessage: null,
  reply: null,
  replyAll: null,
  forward: null,
  send: null,
  closeComposer: null,
};

const KEY_NAMES: Record<string, string> = {
  up: 'ArrowUp',
  down: 'ArrowDown',
  left: 'ArrowLeft',
  right: 'ArrowRight',
  Esc: 'Escape',
};

/** The key event a combination such as ["Ctrl", "Shift", "V"] produces. */
function press(combo: KeyToken[]): KeyLike {
  const mods = new Set(combo.slice(0, -1));
  const last = combo[combo.length - 1] ?? '';
  return {
    key: KEY_NAMES[last] ?? last,
    ctrlKey: mods.has('Ctrl'),
    shiftKey: mods.has('Shift'),
    metaKey: false,
    altKey: false,
  };
}

const entries = SHORTCUT_GROUPS.flatMap((g) => g.entries);

describe('the shortcuts window', () => {
  it.each(entries.filter((e) => EXPECTED[e.action] !== null).map((e) => [e.action, e] as const))(
    '%s: every combination listed does it in the message list',
    (_action, entry) => {
      for (const combo of entry.combos) {
        const command = commandFor(press(combo), true, false);
        expect(command, combo.join('+')).toMatchObject(EXPECTED[entry.action] ?? {});
      }
    },
  );

  it('→ expands and ← folds a conversation', () => {
    const thread = entries.find((e) => e.action === 'thread');
    expect(thread?.combos.map((c) => commandFor(press(c), true, false)?.type)).toEqual(['expand', 'collapse']);
  });

  it('lists every command the list knows', () => {
    const listed = new Set(
      entries.flatMap((e) => e.combos.map((c) => commandFor(press(c), true, false)?.type)).filter(Boolean),
    );
    const all: Array<Command['type']> = [
      'move',
      'open',
      'trash',
      'undo',
      'toggleRead',
      'markRead',
      'markUnread',
      'toggleFlag',
      'moveMenu',
      'search',
      'selectAll',
      'expand',
      'collapse',
    ];
    expect([...listed].sort()).toEqual([...all].sort());
  });

  it('has a Vietnamese and an English text for every action and group', () => {
    for (const e of entries) {
      expect(shortcutsVi.shortcuts.action[e.action]).toMatch(/\S/);
      expect(shortcutsEn.shortcuts.action[e.action]).toMatch(/\S/);
      expect(shortcutsEn.shortcuts.action[e.action]).not.toBe(shortcutsVi.shortcuts.action[e.action]);
    }
    for (const g of SHORTCUT_GROUPS) expect(shortcutsVi.shortcuts.group[g.id]).toMatch(/\S/);
  });
});
