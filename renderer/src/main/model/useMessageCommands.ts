// What the toolbar, the reader's buttons and the shortcuts do to the target
// rows (the selection, else the open message): read/unread, flag, move and
// Thùng rác, through the mail actions. After a move the selection (and the
// reader) go to the message that took the place of the first one moved.
import type { RefObject } from 'react';
import { useStable } from '../../hooks/useStable.ts';
import { isFlagged, isUnread, withFlags, type ListRow } from '../../list/rows.ts';
import type { RowSource } from '../../list/sources.ts';
import type { VirtualListHandle } from '../../list/VirtualList.tsx';
import type { MailActions } from './useMailActions.ts';
import { replacementFor, targetRows } from './targetRows.ts';
import type { ListSelection } from './useListSelection.ts';
import type { OpenedMessage } from './useOpenedMessage.ts';

export interface MessageCommands {
  /** Marks the rows given, else the target rows, read or unread. */
  markRead(read: boolean, rows?: ListRow[]): Promise<void>;
  toggleRead(): Promise<void>;
  toggleFlag(rows?: ListRow[]): Promise<void>;
  trash(): Promise<void>;
  moveTo(target: string): Promise<void>;
}

export function useMessageCommands(opts: {
  source: RowSource;
  actions: MailActions;
  list: ListSelection;
  message: OpenedMessage;
  /** Whether the list shows a folder (it closes up after a move). */
  folderMode: boolean;
  listRef: RefObject<VirtualListHandle | null>;
}): MessageCommands {
  const { source, actions, list, message } = opts;
  const targets = () => targetRows(source, list.selection, list.known.current, message.row);

  /** Flags through the actions, keeping the rows remembered for a large selection in step. */
  const setFlags = useStable(async (rows: ListRow[], add: string[], remove: string[]) => {
    const done = actions.setFlags(rows, add, remove);
    const known = list.known.current;
    for (const r of rows) {
      const row = known.get(r.key);
      if (row) known.set(r.key, { ...row, msg: { ...row.msg, flags: withFlags(row.msg.flags, add, remove) } });
    }
    await done;
  });
  const markRead = useStable(async (read: boolean, rows?: ListRow[]) => {
    const chosen = rows ?? (await targets());
    await setFlags(chosen, read ? ['\\Seen'] : [], read ? [] : ['\\Seen']);
  });
  const toggleRead = useStable(async () => {
    const rows = await targets();
    await markRead(
      rows.some((r) => isUnread(r.msg)),
      rows,
    );
  });
  const toggleFlag = useStable(async (rows?: ListRow[]) => {
    const chosen = rows ?? (await targets());
    const flag = !chosen.every((r) => isFlagged(r.msg));
    await setFlags(chosen, flag ? ['\\Flagged'] : [], flag ? [] : ['\\Flagged']);
  });

  const reselect = useStable(async (gone: ListRow[]) => {
    const next = await replacementFor(source, list.selection, gone, message.opened?.key ?? null, opts.folderMode);
    list.set(next.selection);
    if (next.closeOpened) message.close();
    if (next.open) message.open(next.open);
  });
  const trash = useStable(async () => {
    const rows = await targets();
    if (await actions.trash(rows)) await reselect(rows);
  });
  const moveTo = useStable(async (target: string) => {
    const rows = await targets();
    if (await actions.move(rows, target)) await reselect(rows);
    opts.listRef.current?.focus();
  });
  return { markRead, toggleRead, toggleFlag, trash, moveTo };
}
