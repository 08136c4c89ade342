// The message list's context menu: which row it is for and where it shows, opened by a right
// click on a row, or by Shift+F10 / the Menu key on the row under the keyboard cursor. A row
// outside the selection becomes the selection (and opens), as in Outlook; a row inside a larger
// selection keeps it, so "Đánh dấu đã đọc", "Gắn cờ", "Chuyển tới…" and "Xóa" act on all of it.
// Replies need the message itself: when the row is not the open one yet, it is opened and the
// composer follows once its details arrive.
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { ReplyMode } from '../../compose/prefill.ts';
import type { ReplyCommands } from '../../compose/useReplyCommands.ts';
import { useStable } from '../../hooks/useStable.ts';
import type { ListRow } from '../../list/rows.ts';
import { isSelected, selectOnly } from '../../list/selection.ts';
import { rowDomId } from '../MessageRow.tsx';
import type { Mailbox } from './useMailbox.ts';

export type RowAction = ReplyMode | 'markRead' | 'markUnread' | 'toggleFlag' | 'moveMenu' | 'trash';

export interface RowMenuState {
  row: ListRow;
  x: number;
  y: number;
}

export interface RowMenuApi {
  state: RowMenuState | null;
  onContextMenu(e: MouseEvent): void;
  onKeyDown(e: KeyboardEvent): void;
  /** Closes the menu; the focus goes back to the list. */
  close(): void;
  run(action: RowAction): void;
}

export const isMenuKey = (e: { key: string; shiftKey: boolean }) =>
  e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10');

export function useRowMenu(box: Mailbox, replies: ReplyCommands): RowMenuApi {
  const [state, setState] = useState<RowMenuState | null>(null);
  /** A reply chosen for a row whose message is still loading: done when it arrives. */
  const pending = useRef<{ key: string; mode: ReplyMode } | null>(null);
  const detail = box.message.detail.state;
  const openedKey = box.message.opened?.key ?? null;

  useEffect(() => {
    const wanted = pending.current;
    if (!wanted || openedKey !== wanted.key || detail.status === 'loading') return;
    pending.current = null;
    if (detail.status === 'ok') replies.reply(wanted.mode);
  }, [openedKey, detail.status, replies]);

  const show = useStable((index: number, row: ListRow, x: number, y: number) => {
    if (!isSelected(box.list.selection, row.key)) {
      box.list.set(selectOnly(index, row.key));
      if (openedKey !== row.key) box.message.open(row);
    }
    setState({ row, x, y });
  });
  const showForCursor = useStable(() => {
    const index = box.list.selection.focus;
    const row = box.list.focusedRow();
    if (index === null || !row) return;
    const rect = document.getElementById(rowDomId(index))?.getBoundingClientRect();
    show(index, row, (rect?.left ?? 0) + 24, rect?.bottom ?? 0);
  });
  const onContextMenu = useStable((e: MouseEvent) => {
    const target = e.target as HTMLElement;
    const rowEl = target.closest<HTMLElement>('[data-testid="message-row"][data-loaded="true"]');
    if (rowEl) {
      const index = Number(rowEl.dataset.index);
      const row = box.source.row(index);
      if (!row) return;
      e.preventDefault();
      show(index, row, e.clientX, e.clientY);
    } else if (target.closest('[role="listbox"]')) {
      // The keyboard's context-menu event lands on the list itself.
      e.preventDefault();
      showForCursor();
    }
  });
  const onKeyDown = useStable((e: KeyboardEvent) => {
    if (!isMenuKey(e)) return;
    e.preventDefault();
    showForCursor();
  });
  const close = useStable(() => {
    setState(null);
    box.listRef.current?.focus();
  });
  const run = useStable((action: RowAction) => {
    const row = state?.row;
    setState(null);
    if (!row) return;
    if (action === 'markRead' || action === 'markUnread' || action === 'toggleFlag' || action === 'trash') {
      box.listRef.current?.focus();
      if (!box.rights.allows(action)) return;
      if (action === 'toggleFlag') void box.commands.toggleFlag();
      else if (action === 'trash') void box.commands.trash();
      else void box.commands.markRead(action === 'markRead');
    } else if (action === 'moveMenu') {
      if (box.rights.allows('moveMenu')) box.moveMenu.show();
    } else if (openedKey === row.key && detail.status === 'ok') replies.reply(action);
    else {
      pending.current = { key: row.key, mode: action };
      box.message.open(row);
    }
  });
  return { state, onContextMenu, onKeyDown, close, run };
}
