// What the mail view shows, all from the local cache: the folders, the view
// picked (folder, directives, search), the rows of the list, and the sync and
// cache events that keep them fresh. The list works offline and at 100,000
// messages.
import type { CachedSummary } from '../../../../shared/mail.ts';
import type { Live } from '../../hooks/useLive.ts';
import { useStable } from '../../hooks/useStable.ts';
import type { RowSource } from '../../list/sources.ts';
import type { UiPrefs } from '../../prefs/uiPrefs.ts';
import type { ToastApi } from '../Toasts.tsx';
import { useCacheChanges } from './useCacheChanges.ts';
import { useDirectives } from './useDirectives.tsx';
import { useFolders, type Folders } from './useFolders.ts';
import { useMailboxSync, type MailboxSync } from './useMailboxSync.ts';
import { useMailView, type MailView } from './useMailView.ts';
import { useRowSource } from './useRowSource.ts';

export interface MailboxData {
  folders: Folders;
  view: MailView;
  directives: Live<CachedSummary[]>;
  source: RowSource;
  sync: MailboxSync;
  /** Identifies what the list shows (view, filter, order): a new one starts with nothing selected. */
  viewKey: string;
  /** Reloads everything shown (after a change main made). */
  refreshAll(): void;
}

export function useMailboxData(accountId: string, prefs: UiPrefs, toasts: ToastApi): MailboxData {
  const folders = useFolders(accountId);
  const { shared } = folders;
  const view = useMailView({
    accountId,
    personal: shared.personal,
    // Opening a unit mailbox's folder asks the server again what is still shared (a revocation shows at once).
    onSelectFolder: (path) => {
      if (shared.unitOf(path)) shared.refresh();
    },
  });
  const directives = useDirectives(accountId, toasts, view.showDirectives);
  const { mode, folderPath, filter, search } = view;
  const source = useRowSource({
    accountId,
    mode,
    folderPath,
    filter,
    order: prefs,
    search: search.results,
    directives,
  });

  const sync = useMailboxSync({
    accountId,
    folderPath,
    sharedStale: shared.stale,
    onFinished: () => {
      folders.cached.refresh();
      directives.refresh();
      source.invalidate();
    },
  });
  useCacheChanges(accountId, (changed) => {
    folders.cached.refresh();
    directives.refresh();
    if (mode === 'search') search.results.refresh();
    if (mode === 'folder' && folderPath !== null && changed.has(folderPath)) source.invalidate();
  });
  const refreshAll = useStable(() => {
    folders.cached.refresh();
    directives.refresh();
    if (mode === 'search') search.results.refresh();
    source.invalidate();
  });

  const { sort, descending, conversations } = prefs;
  const viewKey = JSON.stringify([mode, folderPath, search.query, filter, sort, descending, conversations]);
  return { folders, view, directives, source, sync, viewKey, refreshAll };
}
