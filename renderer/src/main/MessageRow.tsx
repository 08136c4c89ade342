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
import { isFlagged, isUnread, type ListRow, type RowMessage } from '../list/rows.ts';

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
  threadFolded: string;
  threadOpen: string;
  loading: string;
  urgency: [string, string, string, string];
  invitation: string;
  internalDate: string;
  internalDateHelp: string;
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
    threadFolded: t('list.threadFolded'),
    threadOpen: t('list.threadOpen'),
    loading: t('list.rowLoading'),
    urgency: ['', t('directives.urgency1'), t('directives.urgency2'), t('directives.urgency3')],
    invitation: t('directives.invitation'),
    internalDate: t('list.internalDate'),
    internalDateHelp: t('list.internalDateHelp'),
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

/**
 * The conversation's size, which expands or folds it (conversation view, heads only). Not a button:
 * a row of a list box takes no control inside it. The mouse clicks it, the keyboard uses → and ←,
 * and a screen reader hears the size and the state as part of the row.
 */
function threadToggle(row: ListRow, labels: RowLabels, onToggleThread: (row: ListRow) => void) {
  const threadSize = row.threadSize ?? 1;
  if (threadSize <= 1) return null;
  return (
    <span
      className="thread-toggle"
      data-testid="thread-toggle"
      data-expanded={row.expanded ?? false}
      title={row.expanded ? labels.collapseThread : labels.expandThread}
      onClick={(e) => {
        e.stopPropagation();
        onToggleThread(row);
      }}
    >
      <Icon name={row.expanded ? 'chevronDown' : 'chevronRight'} />
      <span data-testid="thread-size" aria-hidden="true">
        {threadSize}
      </span>
      <span className="visually-hidden">
        {`${labels.threadSize(threadSize)}, ${row.expanded ? labels.threadOpen : labels.threadFolded}. `}
      </span>
    </span>
  );
}

function urgencyBadge(m: RowMessage, labels: RowLabels) {
  const urgency = Math.min(3, Math.max(0, Math.round(m.urgency)));
  if (urgency === 0 && m.directiveKind === 'invitation')
    return (
      <span className="urgency urgency-invitation" data-testid="invitation-badge" title={labels.invitation}>
        {labels.invitation}
      </span>
    );
  if (urgency === 0) return null;
  return (
    <span
      className={`urgency urgency-${urgency}`}
      data-testid="urgency-badge"
      data-urgency={urgency}
      title={labels.urgency[urgency]}
    >
      {labels.urgency[urgency]}
    </span>
  );
}

/** At the end of the subject line: the folder, "from the server", flag, attachment, size. */
function rowMarkers(m: RowMessage, folderLabel: string | null, labels: RowLabels) {
  return (
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
      <span className="row-size">{formatSize(m.size, labels.locale)}</span>
    </span>
  );
}

function rowClasses(row: ListRow, unread: boolean, props: Props): string {
  return [
    'message-row',
    unread && 'is-unread',
    props.selected && 'is-selected',
    props.focused && 'is-focused',
    props.opened && 'is-open',
    props.removing && 'is-removing',
    row.depth === 1 && 'is-child',
  ]
    .filter(Boolean)
    .join(' ');
}

export const MessageRow = memo(function MessageRow(props: Props) {
  const { row, index, labels } = props;
  const common = {
    id: rowDomId(index),
    role: 'option' as const,
    'aria-posinset': index + 1,
    'aria-setsize': props.setSize,
    'data-testid': 'message-row',
    'data-index': index,
    style: { top: props.top, height: ROW_HEIGHT },
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
  const unread = isUnread(m);
  return (
    <div
      {...common}
      className={rowClasses(row, unread, props)}
      aria-selected={props.selected}
      data-loaded="true"
      data-uid={m.uid}
      data-folder={m.folder}
      data-unread={unread}
      data-flagged={isFlagged(m)}
      onClick={(e) => props.onRowClick(index, row, e)}
    >
      <div className="row-line">
        {threadToggle(row, labels, props.onToggleThread)}
        <span className="row-from" data-testid="message-from">
          {unread && <span className="unread-dot" title={labels.unread} />}
          {senderLabel(m.from) || labels.unknownSender}
        </span>
        <time className="row-date" dateTime={m.date ?? undefined}>
          {formatListDate(m.date, labels.locale)}
          {m.dateSource === 'internal' && (
            <span className="row-date-source" data-testid="internal-date" title={labels.internalDateHelp}>
              {' '}
              ({labels.internalDate})
            </span>
          )}
        </time>
      </div>
      <div className="row-line">
        {urgencyBadge(m, labels)}
        <span className="row-subject" data-testid="message-subject">
          {m.subject || labels.noSubject}
        </span>
        {rowMarkers(m, props.folderLabel, labels)}
      </div>
    </div>
  );
});
