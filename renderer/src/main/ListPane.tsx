// The middle pane: search box, what is shown (folder, search results or
// directives) with its count, filters, sortable column headers and the
// virtualized list itself. Reads the row source through
// useSyncExternalStore, so a page arriving re-renders this pane only.
import { useCallback, useMemo, useSyncExternalStore, type MouseEvent, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { SortKey } from '../../../shared/mail.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Icon } from '../components/Icon.tsx';
import { formatCount } from '../format/size.ts';
import { localeOf } from '../i18n/index.ts';
import type { ListRow } from '../list/rows.ts';
import { isSelected, selectedCount, type Selection } from '../list/selection.ts';
import type { RowSource } from '../list/sources.ts';
import { VirtualList, type VirtualListHandle } from '../list/VirtualList.tsx';
import { MessageRow, ROW_HEIGHT, rowDomId, rowLabels } from './MessageRow.tsx';

/** Rendered rows never exceed this (VirtualList maxRows), so index % ROW_POOL is unique in a window. */
const MAX_ROWS = 60;
const ROW_POOL = 64;

export type Filter = 'all' | 'unread' | 'flagged' | 'attachments';
export type ListMode = 'folder' | 'search' | 'directives';

const FILTERS: Array<{ id: Filter; label: 'filterAll' | 'filterUnread' | 'filterFlagged' | 'filterAttachments' }> = [
  { id: 'all', label: 'filterAll' },
  { id: 'unread', label: 'filterUnread' },
  { id: 'flagged', label: 'filterFlagged' },
  { id: 'attachments', label: 'filterAttachments' },
];

interface Props {
  source: RowSource;
  mode: ListMode;
  title: string;
  /** The folder shown (folder mode), to tell rows from other folders apart. */
  folder: string | null;
  filter: Filter;
  onFilter(filter: Filter): void;
  sort: SortKey;
  descending: boolean;
  onSort(sort: SortKey): void;
  conversations: boolean;
  onConversations(on: boolean): void;
  searchText: string;
  onSearchText(text: string): void;
  onSearchSubmit(): void;
  onSearchClear(): void;
  searchRef: Ref<HTMLInputElement>;
  selection: Selection;
  openedKey: string | null;
  removing: ReadonlySet<string>;
  /** The first sync is running: an empty folder is "not loaded yet", not "empty". */
  syncing: boolean;
  listRef: Ref<VirtualListHandle>;
  folderLabelOf(path: string): string;
  onRowClick(index: number, row: ListRow, event: MouseEvent): void;
  onToggleThread(row: ListRow): void;
}

export function ListPane({
  source,
  mode,
  title,
  folder,
  filter,
  onFilter,
  sort,
  descending,
  onSort,
  conversations,
  onConversations,
  searchText,
  onSearchText,
  onSearchSubmit,
  onSearchClear,
  searchRef,
  selection,
  openedKey,
  removing,
  syncing,
  listRef,
  folderLabelOf,
  onRowClick,
  onToggleThread,
}: Props) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const labels = useMemo(() => rowLabels(t, locale), [t, locale]);
  useSyncExternalStore(source.subscribe, () => source.version());
  const total = source.total();
  const error = source.error();
  const count = total ?? 0;
  const chosen = selectedCount(selection, count);

  const ensure = useCallback((start: number, end: number) => source.ensure(start, end), [source]);

  let countText = '';
  if (total !== null) {
    if (mode === 'folder' && conversations) {
      countText = t(source.complete?.() === false ? 'list.threadsMore' : 'list.threadsTotal', {
        n: formatCount(source.groups?.() ?? total, locale),
      });
    } else if (mode !== 'search') {
      countText = t('list.total', { n: formatCount(total, locale) });
    }
  }
  const heading =
    mode === 'search' && total !== null
      ? t('list.searchResults', { n: formatCount(total, locale) })
      : mode === 'search'
        ? t('list.searching')
        : title;

  let body: ReactNode;
  if (total === null && error) body = <ErrorNotice error={error} testId="messages-error" />;
  else if (total === null) body = <Busy text={mode === 'search' ? t('list.searching') : t('app.loading')} />;
  else if (total === 0) {
    if (mode === 'search') body = <p className="muted pane-empty">{t('list.noResults')}</p>;
    else if (mode === 'directives') body = <p className="muted pane-empty">{t('directives.empty')}</p>;
    else if (filter !== 'all') body = <p className="muted pane-empty">{t('list.emptyFilter')}</p>;
    else if (syncing) body = <Busy text={t('list.firstSync')} testId="first-sync" />;
    else body = <p className="muted pane-empty">{t('main.noMessages')}</p>;
  } else {
    const focusedIndex = selection.focus;
    body = (
      <VirtualList
        ref={listRef}
        count={count}
        rowHeight={ROW_HEIGHT}
        maxRows={MAX_ROWS}
        className="message-list"
        data-testid="message-list"
        data-total={count}
        role="listbox"
        tabIndex={0}
        aria-multiselectable
        aria-label={heading}
        aria-description={t('list.help')}
        aria-activedescendant={focusedIndex !== null && focusedIndex < count ? rowDomId(focusedIndex) : undefined}
        onRangeChange={ensure}
        renderRow={(index, top) => {
          const row = source.row(index);
          const showFolder = row && (mode !== 'folder' || row.msg.folder !== folder);
          return (
            <MessageRow
              // Keys recycle over a pool larger than the window: a row leaving at one end
              // is reused by the one entering at the other, instead of unmount + mount.
              key={index % ROW_POOL}
              row={row}
              index={index}
              top={top}
              setSize={count}
              selected={row ? isSelected(selection, row.key) : false}
              focused={focusedIndex === index}
              opened={row ? row.key === openedKey : false}
              removing={row ? removing.has(row.key) : false}
              folderLabel={showFolder ? folderLabelOf(row.msg.folder) : null}
              labels={labels}
              onRowClick={onRowClick}
              onToggleThread={onToggleThread}
            />
          );
        }}
      />
    );
  }

  return (
    <section className="pane pane-list list-column" aria-label={t('main.messages')} data-mode={mode}>
      <form
        className="search-box"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          onSearchSubmit();
        }}
      >
        <Icon name="search" className="search-icon" />
        <input
          ref={searchRef}
          type="search"
          data-testid="search-input"
          aria-label={t('list.searchLabel')}
          placeholder={t('list.searchPlaceholder')}
          title={t('list.searchPlaceholder')}
          value={searchText}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => onSearchText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              onSearchClear();
            }
          }}
        />
        {searchText && (
          <button
            type="button"
            className="btn-icon"
            data-testid="search-clear"
            title={t('list.searchClear')}
            aria-label={t('list.searchClear')}
            onClick={onSearchClear}
          >
            <Icon name="close" />
          </button>
        )}
      </form>
      <header className="list-header">
        <h2 className="list-title" data-testid="list-title">
          {heading}
        </h2>
        <span className="list-count muted" data-testid="list-count">
          {countText}
          {chosen > 1 && (
            <span className="list-selected" data-testid="selected-count">
              {' · '}
              {t('list.selected', { n: formatCount(chosen, locale) })}
            </span>
          )}
        </span>
      </header>
      <div className="list-controls">
        <div className="filter-group" role="group" aria-label={t('list.filters')}>
          {FILTERS.map((f) => (
            <button
              key={f.id}
              type="button"
              className={`chip${filter === f.id ? ' is-active' : ''}`}
              aria-pressed={filter === f.id}
              data-testid={`filter-${f.id}`}
              onClick={() => onFilter(f.id)}
            >
              {t(`list.${f.label}`)}
            </button>
          ))}
        </div>
        {mode === 'folder' && (
          <label className="checkbox conversations-toggle">
            <input
              type="checkbox"
              data-testid="toggle-conversations"
              checked={conversations}
              onChange={(e) => onConversations(e.target.checked)}
            />
            <span>{t('list.conversations')}</span>
          </label>
        )}
      </div>
      {mode === 'directives' ? (
        <div className="column-headers column-caption muted">{t('directives.sortedBy')}</div>
      ) : (
        <div className="column-headers" role="group" aria-label={t('list.sortBy')}>
          <SortButton id="from" label={t('list.sortFrom')} sort={sort} descending={descending} onSort={onSort} />
          <SortButton id="subject" label={t('list.sortSubject')} sort={sort} descending={descending} onSort={onSort} />
          <span className="column-spacer" />
          <SortButton id="date" label={t('list.sortDate')} sort={sort} descending={descending} onSort={onSort} />
        </div>
      )}
      <div className="list-body">{body}</div>
    </section>
  );
}

function SortButton({
  id,
  label,
  sort,
  descending,
  onSort,
}: {
  id: SortKey;
  label: string;
  sort: SortKey;
  descending: boolean;
  onSort(sort: SortKey): void;
}) {
  const { t } = useTranslation();
  const active = sort === id;
  return (
    <button
      type="button"
      className={`column-header${active ? ' is-active' : ''}`}
      data-testid={`sort-${id}`}
      aria-pressed={active}
      data-direction={active ? (descending ? 'desc' : 'asc') : undefined}
      title={
        active ? t(descending ? 'list.sortDescending' : 'list.sortAscending') : t('list.sortByHelp', { column: label })
      }
      onClick={() => onSort(id)}
    >
      {label}
      {active && <span aria-hidden="true">{descending ? ' ↓' : ' ↑'}</span>}
    </button>
  );
}

function Busy({ text, testId }: { text: string; testId?: string }) {
  return (
    <div className="busy" role="status" data-testid={testId}>
      <span className="spinner" aria-hidden="true" />
      <span className="muted">{text}</span>
    </div>
  );
}
