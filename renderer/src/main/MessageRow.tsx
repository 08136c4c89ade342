// One row of the virtualized message list: fixed height, absolutely placed.
// Memoised on its props, so scrolling re-renders only rows entering the
// window; the translated labels come in one object from the list (a
// useTranslation per row costs more than the row itself when flinging).
import { memo, type MouseEvent } from 'react';
import type { TFunction } from 'i18next';
import { Icon } from '../components/Icon.tsx';
import { senderLabel } from '../format/address.ts';
import { formatListDate } from '../format/date.ts';
import { formatSize } from '../format/size.ts';
import { isFlagged, isUnread, type ListRow } from '../list/rows.ts';

export const ROW_HEIGHT = 56;

export const rowDomId = (index: number) => `message-row-${index}`;

export interface RowLabels {
  locale: string;
  unread: string;
  unknownSender: string;
  noSubject: string;
  flagged: string;
  hasAttachment: string;
  serverBadge: string;
  serverBadgeHelp: string;
  expandThread: string;
  collapseThread: string;
  loading: string;
  urgency: [string, string, string, string];
  threadSize(n: number): string;
  folderOf(folder: string): string;
}

export function rowLabels(t: TFunction, locale: string): RowLabels {
  return {
    locale,
    unread: t('main.unread'),
    unknownSender: t('main.unknownSender'),
    noSubject: t('main.noSubject'),
    flagged: t('main.flagged'),
    hasAttachment: t('main.hasAttachment'),
    serverBadge: t('list.serverBadge'),
    serverBadgeHelp: t('list.serverBadgeHelp'),
    expandThread: t('list.expandThread'),
    collapseThread: t('list.collapseThread'),
    loading: t('list.rowLoading'),
    urgency: ['', t('directives.urgency1'), t('directives.urgency2'), t('directives.urgency3')],
    threadSize: (n) => t('list.threadSize', { n }),
    folderOf: (folder) => t('list.folderOf', { folder }),
  };
}

interface Props {
  row: ListRow | undefined;
  index: number;
  top: number;
  setSize: number;
  selected: boolean;
  focused: boolean;
  opened: boolean;
  removing: boolean;
  /** Folder label to show on the row (search hits, directives, other folders of a conversation). */
  folderLabel: string | null;
  labels: RowLabels;
  onRowClick(index: number, row: ListRow, event: MouseEvent): void;
  onToggleThread(row: ListRow): void;
}

export const MessageRow = memo(function MessageRow({
  row,
  index,
  top,
  setSize,
  selected,
  focused,
  opened,
  removing,
  folderLabel,
  labels,
  onRowClick,
  onToggleThread,
}: Props) {
  const common = {
    id: rowDomId(index),
    role: 'option' as const,
    'aria-posinset': index + 1,
    'aria-setsize': setSize,
    'data-testid': 'message-row',
    'data-index': index,
    style: { top, height: ROW_HEIGHT },
  };
  if (!row) {
    return (
      <div {...common} className="message-row is-placeholder" aria-selected={false} data-loaded="false">
        <span className="skeleton skeleton-from" />
        <span className="skeleton skeleton-subject" aria-label={labels.loading} />
      </div>
    );
  }
  const m = row.msg;
  const locale = labels.locale;
  const urgency = Math.min(3, Math.max(0, Math.round(m.urgency)));
  const unread = isUnread(m);
  const classes = [
    'message-row',
    unread && 'is-unread',
    selected && 'is-selected',
    focused && 'is-focused',
    opened && 'is-open',
    removing && 'is-removing',
    row.depth === 1 && 'is-child',
  ]
    .filter(Boolean)
    .join(' ');
  const threadSize = row.threadSize ?? 1;
  return (
    <div
      {...common}
      className={classes}
      aria-selected={selected}
      data-loaded="true"
      data-uid={m.uid}
      data-folder={m.folder}
      data-unread={unread}
      data-flagged={isFlagged(m)}
      onClick={(e) => onRowClick(index, row, e)}
    >
      <div className="row-line">
        {threadSize > 1 ? (
          <button
            type="button"
            className="thread-toggle"
            data-testid="thread-toggle"
            aria-expanded={row.expanded ?? false}
            title={row.expanded ? labels.collapseThread : labels.expandThread}
            tabIndex={-1}
            onClick={(e) => {
              e.stopPropagation();
              onToggleThread(row);
            }}
          >
            <Icon name={row.expanded ? 'chevronDown' : 'chevronRight'} />
            <span data-testid="thread-size" aria-label={labels.threadSize(threadSize)}>
              {threadSize}
            </span>
          </button>
        ) : null}
        <span className="row-from" data-testid="message-from">
          {unread && <span className="unread-dot" title={labels.unread} />}
          {senderLabel(m.from) || labels.unknownSender}
        </span>
        <time className="row-date" dateTime={m.date ?? undefined}>
          {formatListDate(m.date, locale)}
        </time>
      </div>
      <div className="row-line">
        {urgency > 0 && (
          <span
            className={`urgency urgency-${urgency}`}
            data-testid="urgency-badge"
            data-urgency={urgency}
            title={labels.urgency[urgency]}
          >
            {labels.urgency[urgency]}
          </span>
        )}
        <span className="row-subject" data-testid="message-subject">
          {m.subject || labels.noSubject}
        </span>
        <span className="row-markers">
          {folderLabel !== null && (
            <span className="row-folder" data-testid="row-folder" title={labels.folderOf(folderLabel)}>
              {folderLabel}
            </span>
          )}
          {m.source === 'server' && (
            <span className="server-badge" data-testid="server-badge" title={labels.serverBadgeHelp}>
              {labels.serverBadge}
            </span>
          )}
          {isFlagged(m) && <Icon name="flag" className="marker-flag" label={labels.flagged} />}
          {m.hasAttachments && <Icon name="paperclip" className="marker-attachment" label={labels.hasAttachment} />}
          <span className="row-size">{formatSize(m.size, locale)}</span>
        </span>
      </div>
    </div>
  );
});
