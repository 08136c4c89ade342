// The body of the list: a notice while there is nothing to show (loading,
// failed, empty, first sync), else the virtualized listbox of message rows.
import { useCallback, useMemo, type MouseEvent, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useStable } from '../hooks/useStable.ts';
import { localeOf } from '../i18n/index.ts';
import type { ListRow } from '../list/rows.ts';
import { isSelected, type Selection } from '../list/selection.ts';
import type { RowSource } from '../list/sources.ts';
import { VirtualList, type VirtualListHandle } from '../list/VirtualList.tsx';
import { MessageRow, ROW_HEIGHT, rowDomId, rowLabels } from './MessageRow.tsx';
import type { Filter, ListMode } from './model/useMailView.ts';
import { Busy } from '../components/Busy.tsx';

/** Rendered rows never exceed this (VirtualList maxRows), so index % ROW_POOL is unique in a window. */
const MAX_ROWS = 60;
const ROW_POOL = 64;

interface Props {
  source: RowSource;
  mode: ListMode;
  filter: Filter;
  /** The listbox's name. */
  heading: string;
  /** The folder shown (folder mode), to tell rows from other folders apart. */
  folder: string | null;
  selection: Selection;
  openedKey: string | null;
  removing: ReadonlySet<string>;
  /** The first sync is running: an empty folder is "not loaded yet", not "empty". */
  syncing: boolean;
  listRef: Ref<VirtualListHandle>;
  folderLabelOf(path: string): string;
  onRowClick(index: number, row: ListRow, event: MouseEvent): void;
}

export function ListBody(props: Props) {
  const { t } = useTranslation();
  const { source, mode } = props;
  const total = source.total();
  const error = source.error();
  if (total === null && error) return <ErrorNotice error={error} testId="messages-error" />;
  if (total === null) return <Busy text={mode === 'search' ? t('list.searching') : t('app.loading')} />;
  if (total > 0) return <MessageList {...props} count={total} />;
  if (mode === 'search') return <p className="muted pane-empty">{t('list.noResults')}</p>;
  if (mode === 'directives') return <p className="muted pane-empty">{t('directives.empty')}</p>;
  if (props.filter !== 'all') return <p className="muted pane-empty">{t('list.emptyFilter')}</p>;
  if (props.syncing) return <Busy text={t('list.firstSync')} testId="first-sync" />;
  return <p className="muted pane-empty">{t('main.noMessages')}</p>;
}

function MessageList({ listRef, ...props }: Props & { count: number }) {
  const { t, i18n } = useTranslation();
  const { source, mode, folder, selection, count } = props;
  const locale = localeOf(i18n.language);
  const labels = useMemo(() => rowLabels(t, locale), [t, locale]);
  const ensure = useCallback((start: number, end: number) => source.ensure(start, end), [source]);
  const onToggleThread = useStable((row: ListRow) => void source.toggleThread?.(row.key));
  const focusedIndex = selection.focus;
  const renderRow = (index: number, top: number): ReactNode => {
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
        opened={row ? row.key === props.openedKey : false}
        removing={row ? props.removing.has(row.key) : false}
        folderLabel={showFolder ? props.folderLabelOf(row.msg.folder) : null}
        labels={labels}
        onRowClick={props.onRowClick}
        onToggleThread={onToggleThread}
      />
    );
  };
  return (
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
      aria-label={props.heading}
      aria-description={t('list.help')}
      aria-activedescendant={focusedIndex !== null && focusedIndex < count ? rowDomId(focusedIndex) : undefined}
      onRangeChange={ensure}
      renderRow={renderRow}
    />
  );
}
