// The mail view's model: what it shows (useMailboxData) and what the user
// does with it: the selection, the open message, the actions on messages and
// the keyboard. Panes take the parts they need; a new view (the ledger, a
// composer) builds on the same parts.
import { useRef, type RefObject } from 'react';
import { useStable } from '../../hooks/useStable.ts';
import { focusWhenShown } from '../../list/focusWhenShown.ts';
import type { VirtualListHandle } from '../../list/VirtualList.tsx';
import type { UiPrefs } from '../../prefs/uiPrefs.ts';
import type { ToastApi } from '../Toasts.tsx';
import { useMailActions, type MailActions } from './useMailActions.ts';
import { useAutoMarkRead } from './useAutoMarkRead.ts';
import { useCommandRunner } from './useCommandRunner.ts';
import { useFolderRights, type FolderRights } from './useFolderRights.ts';
import { useKeyboardShortcuts } from './useKeyboardShortcuts.ts';
import { useListSelection, type ListSelection } from './useListSelection.ts';
import { useMailboxData, type MailboxData } from './useMailboxData.ts';
import { useMessageCommands, type MessageCommands } from './useMessageCommands.ts';
import { useMoveMenu, type MoveMenuState } from './useMoveMenu.ts';
import { useOpenedMessage, type OpenedMessage } from './useOpenedMessage.ts';

export interface Mailbox extends MailboxData {
  accountId: string;
  listRef: RefObject<VirtualListHandle | null>;
  searchRef: RefObject<HTMLInputElement | null>;
  list: ListSelection;
  message: OpenedMessage;
  actions: MailActions;
  commands: MessageCommands;
  rights: FolderRights;
  moveMenu: MoveMenuState;
  /** Picks a folder in the move menu: closes it and moves the target rows there. */
  moveTo(path: string): void;
  /** Esc or × in the search box: back to the folder, focus on the list. */
  clearSearch(): void;
}

export function useMailbox(opts: {
  accountId: string;
  prefs: UiPrefs;
  toasts: ToastApi;
  /** A window over the view (settings, adding an account, delegation) is open: shortcuts wait. */
  overlayOpen: boolean;
}): Mailbox {
  const { accountId, prefs, toasts } = opts;
  const listRef = useRef<VirtualListHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const data = useMailboxData(accountId, prefs, toasts);
  const { folders, view, source } = data;

  const message = useOpenedMessage(accountId, source);
  const list = useListSelection({ source, viewKey: data.viewKey, listRef, onOpen: message.open });
  const moveMenu = useMoveMenu(data.viewKey);
  const actions = useMailActions({
    accountId,
    source,
    toasts,
    folderLabelOf: folders.labelOf,
    refresh: data.refreshAll,
    canTrash: (folder) => folders.shared.permits(folder).trash,
    onRefused: folders.shared.refresh,
  });
  const rights = useFolderRights(folders.shared, view.shownFolder, toasts);
  const folderMode = view.mode === 'folder';
  const commands = useMessageCommands({ source, actions, list, message, folderMode, listRef });
  const run = useCommandRunner({
    source,
    list,
    message,
    commands,
    actions,
    searchRef,
    allows: rights.allows,
    openMoveMenu: moveMenu.show,
  });
  useKeyboardShortcuts({
    suspended: opts.overlayOpen || moveMenu.open,
    listElement: () => listRef.current?.element(),
    run,
  });
  useAutoMarkRead(prefs, message, commands.markRead);

  const moveTo = useStable((path: string) => {
    moveMenu.close();
    void commands.moveTo(path);
  });
  const clearSearch = useStable(() => {
    view.search.reset();
    focusWhenShown(listRef, document.activeElement);
  });
  return {
    ...data,
    accountId,
    listRef,
    searchRef,
    list,
    message,
    actions,
    commands,
    rights,
    moveMenu,
    moveTo,
    clearSearch,
  };
}
