// Under the list's heading: the filters, the conversations switch (folders)
// and the sortable column headers (the directives view has its own order).
import { useTranslation } from 'react-i18next';
import type { SortKey } from '../../../shared/mail.ts';
import type { UiPrefs } from '../prefs/uiPrefs.ts';
import type { Filter, ListMode } from './model/useMailView.ts';

const FILTERS: Array<{ id: Filter; label: 'filterAll' | 'filterUnread' | 'filterFlagged' | 'filterAttachments' }> = [
  { id: 'all', label: 'filterAll' },
  { id: 'unread', label: 'filterUnread' },
  { id: 'flagged', label: 'filterFlagged' },
  { id: 'attachments', label: 'filterAttachments' },
];

type Order = Pick<UiPrefs, 'sort' | 'descending' | 'conversations'>;

interface Props {
  mode: ListMode;
  filter: Filter;
  onFilter(filter: Filter): void;
  order: Order;
  onOrder(patch: Partial<Order>): void;
}

export function ListControls({ mode, filter, onFilter, order, onOrder }: Props) {
  const { t } = useTranslation();
  return (
    <>
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
              checked={order.conversations}
              onChange={(e) => onOrder({ conversations: e.target.checked })}
            />
            <span>{t('list.conversations')}</span>
          </label>
        )}
      </div>
      {mode === 'directives' ? (
        <div className="column-headers column-caption muted">{t('directives.sortedBy')}</div>
      ) : (
        <ColumnHeaders order={order} onOrder={onOrder} />
      )}
    </>
  );
}

function ColumnHeaders({ order, onOrder }: { order: Order; onOrder(patch: Partial<Order>): void }) {
  const { t } = useTranslation();
  const { sort, descending } = order;
  // The same column again reverses; another column starts newest first for dates, A to Z otherwise.
  const onSort = (key: SortKey) =>
    onOrder(key === sort ? { descending: !descending } : { sort: key, descending: key === 'date' });
  const button = (id: SortKey, label: string) => (
    <SortButton id={id} label={label} sort={sort} descending={descending} onSort={onSort} />
  );
  return (
    <div className="column-headers" role="group" aria-label={t('list.sortBy')}>
      {button('from', t('list.sortFrom'))}
      {button('subject', t('list.sortSubject'))}
      <span className="column-spacer" />
      {button('date', t('list.sortDate'))}
    </div>
  );
}

function SortButton(props: {
  id: SortKey;
  label: string;
  sort: SortKey;
  descending: boolean;
  onSort(sort: SortKey): void;
}) {
  const { id, label, sort, descending, onSort } = props;
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
