// Whether the "move to folder" menu is open. It closes when the list shows
// something else.
import { useState } from 'react';

export interface MoveMenuState {
  open: boolean;
  show(): void;
  toggle(): void;
  close(): void;
}

export function useMoveMenu(viewKey: string): MoveMenuState {
  const [open, setOpen] = useState(false);
  const [menuView, setMenuView] = useState(viewKey);
  if (menuView !== viewKey) {
    setMenuView(viewKey);
    setOpen(false);
  }
  return {
    open,
    show: () => setOpen(true),
    toggle: () => setOpen((o) => !o),
    close: () => setOpen(false),
  };
}
