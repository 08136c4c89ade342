// Keyboard shortcuts in a unit mailbox: a shortcut for something the folder's
// rights do not allow says so instead of sending a command the server refuses.
import { useCallback } from 'react';
import type { Command } from '../list/shortcuts.ts';
import type { ToastApi } from '../main/Toasts.tsx';
import { useDelegationT } from './i18n.ts';
import type { Permits, UnitMailbox } from './sharedFolders.ts';

const NEEDS: Partial<Record<Command['type'], keyof Permits>> = {
  trash: 'trash',
  toggleRead: 'read',
  markRead: 'read',
  markUnread: 'read',
  toggleFlag: 'flag',
  moveMenu: 'move',
};

/** Whether a command may run here; when not, a toast names the missing right. */
export function useDelegateGuard(
  unit: UnitMailbox | null,
  permits: Permits,
  toasts: ToastApi,
): (command: Command['type']) => boolean {
  const { t } = useDelegationT();
  return useCallback(
    (command) => {
      const need = NEEDS[command];
      if (!unit || !need || permits[need]) return true;
      toasts.push({
        text: t('banner.notAllowed', { action: t(`banner.ability.${need}`), owner: unit.owner }),
        testId: 'toast-not-allowed',
        timeout: 5000,
      });
      return false;
    },
    [unit, permits, toasts, t],
  );
}
