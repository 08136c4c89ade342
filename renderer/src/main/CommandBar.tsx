// The command bar over the panes: the toolbar acting on the selection (else
// the open message) and, under its "move" button, the folder picker.
import { useMemo } from 'react';
import type { UiPrefs } from '../prefs/uiPrefs.ts';
import type { Mailbox } from './model/useMailbox.ts';
import { MoveMenu } from './MoveMenu.tsx';
import { SelectionToolbar } from './SelectionBars.tsx';

export function CommandBar({
  box,
  prefs,
  onPrefs,
}: {
  box: Mailbox;
  prefs: UiPrefs;
  onPrefs(patch: Partial<UiPrefs>): void;
}) {
  const { source, list, commands, moveMenu } = box;
  const { selection } = list;
  const shown = box.view.shownFolder;
  const exclude = useMemo(() => new Set(shown !== null ? [shown] : []), [shown]);
  const menu = moveMenu.open ? (
    <MoveMenu
      folders={box.folders.shared.moveTargets(shown)}
      exclude={exclude}
      count={Math.max(1, selection.all ? (source.total() ?? 0) - selection.keys.size : selection.keys.size)}
      onPick={box.moveTo}
      onClose={moveMenu.close}
    />
  ) : null;
  return (
    <SelectionToolbar
      source={source}
      selection={selection}
      openedRow={box.message.row}
      actions={box.actions}
      prefs={prefs}
      onPrefs={onPrefs}
      onMarkRead={() => void commands.markRead(true)}
      onMarkUnread={() => void commands.markRead(false)}
      onToggleFlag={() => void commands.toggleFlag()}
      onMove={moveMenu.toggle}
      onTrash={() => void commands.trash()}
      permits={box.rights.permits}
      moveMenu={menu}
    />
  );
}
