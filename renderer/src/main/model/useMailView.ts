// What the list shows: a folder, the pinned directives view or search hits,
// with a filter. Picking a folder or the directives view ends a search.
import { useState } from 'react';
import type { FolderInfo } from '../../../../shared/mail.ts';
import type { RowFilter } from '../../list/arrange.ts';
import { useStable } from '../../hooks/useStable.ts';
import { defaultFolder } from '../folderTree.ts';
import { useSearchQuery, type SearchQuery } from './useSearchQuery.ts';

export type ListMode = 'folder' | 'search' | 'directives';
export type Filter = RowFilter;

type View = { kind: 'folder'; path: string } | { kind: 'directives' };

export interface MailView {
  mode: ListMode;
  /** The folder picked (kept while searching), or null in the directives view or before folders are known. */
  folderPath: string | null;
  /** The folder the list shows: folderPath in folder mode, else null. */
  shownFolder: string | null;
  filter: Filter;
  setFilter(filter: Filter): void;
  search: SearchQuery;
  selectFolder(path: string): void;
  showDirectives(): void;
}

export function useMailView(opts: {
  accountId: string;
  /** The account's own folders: the default view is its inbox. */
  personal: readonly FolderInfo[];
  /** Told before a folder is shown (a unit mailbox asks the server again what is still shared). */
  onSelectFolder(path: string): void;
}): MailView {
  const [view, setView] = useState<View | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const search = useSearchQuery(opts.accountId);

  const fallbackPath = defaultFolder(opts.personal);
  const current: View | null = view ?? (fallbackPath ? { kind: 'folder', path: fallbackPath } : null);
  const folderPath = current?.kind === 'folder' ? current.path : null;
  const mode: ListMode = search.query ? 'search' : current?.kind === 'directives' ? 'directives' : 'folder';

  const showDirectives = useStable(() => {
    search.reset();
    setView({ kind: 'directives' });
  });
  const selectFolder = useStable((path: string) => {
    opts.onSelectFolder(path);
    search.reset();
    setView({ kind: 'folder', path });
  });
  const shownFolder = mode === 'folder' ? folderPath : null;
  return { mode, folderPath, shownFolder, filter, setFilter, search, selectFolder, showDirectives };
}
