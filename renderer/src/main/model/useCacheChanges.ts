// cache.changed events for the account, coalesced: they come in bursts (a
// sync batch, an action on many folders), and the view reloads once per
// burst with the set of folders that changed.
import { useEffect, useEffectEvent, useRef } from 'react';
import { onEvent } from '../../api.ts';

const REFRESH_DELAY_MS = 120;

export function useCacheChanges(accountId: string, onChanged: (folders: ReadonlySet<string>) => void): void {
  const pending = useRef<{ folders: Set<string>; timer: ReturnType<typeof setTimeout> | null }>({
    folders: new Set(),
    timer: null,
  });
  const apply = useEffectEvent(() => {
    const changed = pending.current.folders;
    pending.current.folders = new Set();
    pending.current.timer = null;
    onChanged(changed);
  });
  useEffect(() => {
    const off = onEvent('cache.changed', (event) => {
      if (event.accountId !== accountId) return;
      for (const f of event.folders) pending.current.folders.add(f);
      pending.current.timer ??= setTimeout(() => apply(), REFRESH_DELAY_MS);
    });
    const state = pending.current;
    return () => {
      off();
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
      state.folders.clear();
    };
  }, [accountId]);
}
