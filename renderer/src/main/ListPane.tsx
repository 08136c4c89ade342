// The middle pane: search box, what is shown (folder, search results or
// directives) with its count, filters, sortable column headers and the
// virtualized list itself. Reads the row source through
// useSyncExternalStore, so a page arriving re-renders this pane only.
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../i18n/index.ts';
import { selectedCount } from '../list/selection.ts';
import type { UiPrefs } from '../prefs/uiPrefs.ts';
import { ListBody } from './ListBody.tsx';
import { ListControls } from './ListControls.tsx';
import { ListHeader, listHeading } from './ListHeader.tsx';
import type { Mailbox } from './model/useMailbox.ts';
import type { ReplyCommands } from '../compose/useReplyCommands.ts';
import { useRowMenu } from './model/useRowMenu.ts';
import { RowMenu } from './RowMenu.tsx';
import { SearchBox } from './SearchBox.tsx';
import { SearchPager } from './SearchPager.tsx';

export function ListPane({
  box,
  prefs,
  onPrefs,
  replies,
}: {
  box: Mailbox;
  prefs: UiPrefs;
  onPrefs(patch: Partial<UiPrefs>): void;
  /** Reply / forward for the rows' context menu (right click, Shift+F10, the Menu key). */
  replies: ReplyCommands;
}) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const { source, view, list } = box;
  const { mode, folderPath, search } = view;
  useSyncExternalStore(source.subscribe, () => source.version());
  const rowMenu = useRowMenu(box, replies);
  const title =
    mode === 'directives'
      ? t('directives.title')
      : folderPath !== null
        ? box.folders.labelOf(folderPath)
        : t('main.messages');
  // A search's heading counts every hit (all pages), not the rows of the page shown.
  // A refused query (a bad date…) has no hits: its heading says 0, not "searching".
  const searchTotal = search.results.value?.total ?? (search.results.error ? 0 : null);
  const total = mode === 'search' ? searchTotal : source.total();
  const heading = listHeading(mode, total, title, t, locale);
  return (
    <section className="pane pane-list list-column" aria-label={t('main.messages')} data-mode={mode}>
      <SearchBox
        text={search.text}
        onText={search.setText}
        onSubmit={search.submit}
        onClear={box.clearSearch}
        inputRef={box.searchRef}
      />
      <ListHeader
        source={source}
        mode={mode}
        conversations={prefs.conversations}
        heading={heading}
        chosen={selectedCount(list.selection, source.total() ?? 0)}
        locale={locale}
      />
      {mode === 'search' && <SearchPager search={search} locale={locale} />}
      <ListControls mode={mode} filter={view.filter} onFilter={view.setFilter} order={prefs} onOrder={onPrefs} />
      <div className="list-body" onContextMenu={rowMenu.onContextMenu} onKeyDown={rowMenu.onKeyDown}>
        <ListBody
          source={source}
          mode={mode}
          filter={view.filter}
          heading={heading}
          folder={folderPath}
          selection={list.selection}
          openedKey={box.message.opened?.key ?? null}
          removing={box.actions.removing}
          syncing={box.sync.syncing}
          listRef={box.listRef}
          folderLabelOf={box.folders.labelOf}
          onRowClick={list.onRowClick}
        />
        <RowMenu api={rowMenu} />
      </div>
    </section>
  );
}
