// What each keyboard command does in the mail view (list/shortcuts.ts maps
// keys to commands). A command the folder's rights refuse does nothing but
// say so.
import type { RefObject } from 'react';
import { useStable } from '../../hooks/useStable.ts';
import type { Command } from '../../list/shortcuts.ts';
import type { RowSource } from '../../list/sources.ts';
import type { MailActions } from './useMailActions.ts';
import type { ListSelection } from './useListSelection.ts';
import type { MessageCommands } from './useMessageCommands.ts';
import type { OpenedMessage } from './useOpenedMessage.ts';

export function useCommandRunner(opts: {
  source: RowSource;
  list: ListSelection;
  message: OpenedMessage;
  commands: MessageCommands;
  actions: MailActions;
  allows(command: Command['type']): boolean;
  openMoveMenu(): void;
  searchRef: RefObject<HTMLInputElement | null>;
}): (command: Command) => void {
  return useStable((cmd: Command) => {
    const { source, list, commands } = opts;
    if (!opts.allows(cmd.type)) return;
    switch (cmd.type) {
      case 'move':
        return void list.moveCursor(cmd.to, cmd.extend, cmd.cursorOnly);
      case 'open': {
        const row = list.focusedRow();
        if (row) opts.message.open(row);
        return;
      }
      case 'trash':
        return void commands.trash();
      case 'undo':
        return void opts.actions.undo();
      case 'toggleRead':
        return void commands.toggleRead();
      case 'markRead':
        return void commands.markRead(true);
      case 'markUnread':
        return void commands.markRead(false);
      case 'toggleFlag':
        return void commands.toggleFlag();
      case 'moveMenu':
        return opts.openMoveMenu();
      case 'search':
        opts.searchRef.current?.focus();
        opts.searchRef.current?.select();
        return;
      case 'selectAll':
        return list.selectAll();
      case 'expand':
      case 'collapse': {
        const row = list.focusedRow();
        if (row && source.toggleThread) void source.toggleThread(row.key, cmd.type === 'expand');
        return;
      }
    }
  });
}
