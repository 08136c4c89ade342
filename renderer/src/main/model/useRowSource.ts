// The rows of the list: one source per kind of view, each rebuilt only when
// what it shows changes (a refreshed directives list must not reset the
// folder's pages). A folder pages through the cache; search hits and
// directives are finished lists arranged here.
import { useEffect, useMemo } from 'react';
import type { CachedSummary, SearchPage } from '../../../../shared/mail.ts';
import { invoke } from '../../api.ts';
import type { Live } from '../../hooks/useLive.ts';
import { arrangeDirectives, arrangeRanked } from '../../list/arrange.ts';
import { ArraySource, PagedSource, ThreadSource, type RowSource } from '../../list/sources.ts';
import type { UiPrefs } from '../../prefs/uiPrefs.ts';
import type { Filter, ListMode } from './useMailView.ts';

type Order = Pick<UiPrefs, 'sort' | 'descending' | 'conversations'>;

function folderSourceFor(accountId: string, folder: string, filter: Filter, order: Order): RowSource {
  const { sort, descending } = order;
  const only = {
    ...(filter === 'unread' ? { unread: true } : {}),
    ...(filter === 'flagged' ? { flagged: true } : {}),
    ...(filter === 'attachments' ? { withAttachments: true } : {}),
  };
  const fetchPage = (offset: number, limit: number) =>
    invoke('cache.list', { accountId, folder, sort, descending, offset, limit, ...only });
  if (order.conversations)
    return new ThreadSource(fetchPage, (threadId) => invoke('cache.thread', { accountId, threadId }));
  return new PagedSource(fetchPage);
}

export function useRowSource(opts: {
  accountId: string;
  mode: ListMode;
  folderPath: string | null;
  filter: Filter;
  order: Order;
  search: Live<SearchPage>;
  directives: Live<CachedSummary[]>;
}): RowSource {
  const { accountId, mode, folderPath, filter, search, directives } = opts;
  const { sort, descending, conversations } = opts.order;

  const folderMode = mode === 'folder' && folderPath !== null;
  const folderSource = useMemo<RowSource | null>(() => {
    if (!folderMode || folderPath === null) return null;
    return folderSourceFor(accountId, folderPath, filter, { sort, descending, conversations });
  }, [folderMode, accountId, folderPath, filter, sort, descending, conversations]);
  const searchMode = mode === 'search';
  const searchSource = useMemo<RowSource | null>(() => {
    if (!searchMode) return null;
    return new ArraySource(
      search.value ? arrangeRanked(search.value.hits, filter) : null,
      search.value ? null : search.error,
    );
  }, [searchMode, search.value, search.error, filter]);
  const directivesMode = mode === 'directives';
  const directivesSource = useMemo<RowSource | null>(() => {
    if (!directivesMode) return null;
    return new ArraySource(
      directives.value ? arrangeDirectives(directives.value, filter) : null,
      directives.value ? null : directives.error,
    );
  }, [directivesMode, directives.value, directives.error, filter]);
  const idleSource = useMemo<RowSource>(() => new ArraySource(null), []);
  useEffect(() => () => folderSource?.dispose(), [folderSource]);
  return folderSource ?? searchSource ?? directivesSource ?? idleSource;
}
