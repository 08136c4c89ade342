// The opt-in "mark read after N seconds": once the open message has been
// shown that long, it is marked read (if it still is unread).
import { useEffect, useEffectEvent } from 'react';
import { isUnread, type ListRow } from '../../list/rows.ts';
import type { UiPrefs } from '../../prefs/uiPrefs.ts';
import type { OpenedMessage } from './useOpenedMessage.ts';

export function useAutoMarkRead(
  prefs: Pick<UiPrefs, 'autoMarkRead' | 'autoMarkReadSeconds'>,
  message: OpenedMessage,
  markRead: (read: boolean, rows: ListRow[]) => Promise<void>,
): void {
  const autoRead = useEffectEvent(() => {
    const row = message.row();
    if (row && isUnread(row.msg)) void markRead(true, [row]);
  });
  const detailReady = message.detail.state.status === 'ok';
  const { opened } = message;
  useEffect(() => {
    if (!prefs.autoMarkRead || !detailReady || !opened) return;
    const timer = setTimeout(() => autoRead(), prefs.autoMarkReadSeconds * 1000);
    return () => clearTimeout(timer);
  }, [prefs.autoMarkRead, prefs.autoMarkReadSeconds, detailReady, opened]);
}
