// In a unit mailbox shared with this account (delegation): which unit it is
// and what its rights let this account do in the folder shown (everything
// elsewhere), and a guard that turns a refused shortcut into a toast.
import { useDelegateGuard } from '../../delegation/useDelegateGuard.ts';
import type { Permits, UnitMailbox } from '../../delegation/sharedFolders.ts';
import type { SharedMailboxes } from '../../delegation/useSharedMailboxes.ts';
import type { Command } from '../../list/shortcuts.ts';
import type { ToastApi } from '../Toasts.tsx';

export interface FolderRights {
  /** The unit mailbox the folder shown belongs to, if any. */
  unit: UnitMailbox | null;
  permits: Permits;
  /** Whether a command may run here; when not, a toast names the missing right. */
  allows(command: Command['type']): boolean;
}

export function useFolderRights(shared: SharedMailboxes, shownFolder: string | null, toasts: ToastApi): FolderRights {
  const unit = shared.unitOf(shownFolder);
  const permits = shared.permits(shownFolder);
  const allows = useDelegateGuard(unit, permits, toasts);
  return { unit, permits, allows };
}
