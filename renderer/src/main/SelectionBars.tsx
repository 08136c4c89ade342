// The toolbar over the selection and the small action bar over the open
// message. Both read the row source themselves (useSyncExternalStore), so
// the flags they show follow every page load and optimistic change.
import { useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon.tsx';
import type { Permits } from '../delegation/sharedFolders.ts';
import { isFlagged, isUnread, type ListRow } from '../list/rows.ts';
import { selectedCount, type Selection } from '../list/selection.ts';
import type { RowSource } from '../list/sources.ts';
import type { UiPrefs } from '../prefs/uiPrefs.ts';
import { Toolbar } from './Toolbar.tsx';
import type { MailActions } from './model/useMailActions.ts';

export function SelectionToolbar(props: {
  source: RowSource;
  selection: Selection;
  openedRow(): ListRow | null;
  actions: MailActions;
  prefs: UiPrefs;
  onPrefs(patch: Partial<UiPrefs>): void;
  onMarkRead(): void;
  onMarkUnread(): void;
  onToggleFlag(): void;
  onMove(): void;
  onTrash(): void;
  moveMenu: ReactNode;
  /** Delegation: what the open folder's rights allow (default: everything). */
  permits?: Permits;
}) {
  const { source, selection } = props;
  useSyncExternalStore(source.subscribe, () => source.version());
  const total = source.total() ?? 0;
  let count = selectedCount(selection, total);
  let allFlagged = false;
  if (count > 0 && !selection.all) {
    let seen = 0;
    allFlagged = true;
    for (const key of selection.keys) {
      const row = source.rowByKey(key);
      if (!row) continue;
      seen += 1;
      if (!isFlagged(row.msg)) {
        allFlagged = false;
        break;
      }
    }
    allFlagged = allFlagged && seen > 0;
  } else if (count === 0) {
    const row = props.openedRow();
    count = row ? 1 : 0;
    allFlagged = row ? isFlagged(row.msg) : false;
  }
  return (
    <Toolbar
      count={count}
      allFlagged={allFlagged}
      canUndo={props.actions.canUndo}
      busy={props.actions.busy}
      onMarkRead={props.onMarkRead}
      onMarkUnread={props.onMarkUnread}
      onToggleFlag={props.onToggleFlag}
      onMove={props.onMove}
      onTrash={props.onTrash}
      onUndo={() => void props.actions.undo()}
      prefs={props.prefs}
      onPrefs={props.onPrefs}
      moveMenu={props.moveMenu}
      {...(props.permits ? { permits: props.permits } : {})}
    />
  );
}

/** "Đánh dấu đã đọc" / "Gắn cờ" for the message in the reading pane: opening never does it. */
export function ReaderActions(props: {
  source: RowSource;
  openedKey: string | null;
  openedRow(): ListRow | null;
  detailFlags: string[] | null;
  busy: boolean;
  onMarkRead(row: ListRow, read: boolean): void;
  onToggleFlag(row: ListRow): void;
  /** Delegation: what the open folder's rights allow (default: everything). */
  permits?: Permits;
}) {
  const { t } = useTranslation();
  useSyncExternalStore(props.source.subscribe, () => props.source.version());
  if (props.openedKey === null || props.detailFlags === null) return null;
  const row = props.openedRow();
  if (!row) return null;
  const unread = isUnread(row.msg);
  const flagged = isFlagged(row.msg);
  const mayRead = props.permits?.read !== false;
  const mayFlag = props.permits?.flag !== false;
  if (!mayRead && !mayFlag) return null;
  return (
    <div className="reader-actions" data-testid="reader-actions">
      {!mayRead ? null : unread ? (
        <button
          type="button"
          className="btn btn-small"
          data-testid="reader-mark-read"
          disabled={props.busy}
          onClick={() => props.onMarkRead(row, true)}
        >
          <Icon name="mailOpen" /> {t('actions.markRead')}
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-small"
          data-testid="reader-mark-unread"
          disabled={props.busy}
          onClick={() => props.onMarkRead(row, false)}
        >
          <Icon name="mail" /> {t('actions.markUnread')}
        </button>
      )}
      {mayFlag && (
        <button
          type="button"
          className={`btn btn-small${flagged ? ' is-flagged' : ''}`}
          data-testid="reader-flag"
          aria-pressed={flagged}
          disabled={props.busy}
          onClick={() => props.onToggleFlag(row)}
        >
          <Icon name="flag" /> {flagged ? t('actions.unflag') : t('actions.flag')}
        </button>
      )}
    </div>
  );
}
