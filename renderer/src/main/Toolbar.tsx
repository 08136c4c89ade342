// The command bar: the same actions as the keyboard shortcuts, on the
// selected messages, plus the "mark read after N seconds" preference.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../components/Icon.tsx';
import type { Permits } from '../delegation/sharedFolders.ts';
import { clampSeconds, type UiPrefs } from '../prefs/uiPrefs.ts';

interface Props {
  /** Number of messages the actions apply to. */
  count: number;
  /** Whether all of them are flagged (the flag button then removes the flag). */
  allFlagged: boolean;
  canUndo: boolean;
  busy: boolean;
  onMarkRead(): void;
  onMarkUnread(): void;
  onToggleFlag(): void;
  onMove(): void;
  onTrash(): void;
  onUndo(): void;
  prefs: UiPrefs;
  onPrefs(patch: Partial<UiPrefs>): void;
  /** The move menu, when open (anchored under its button). */
  moveMenu: ReactNode;
  /** In a delegated unit mailbox: actions its rights do not allow are not offered (default: all). */
  permits?: Permits;
}

function ToolButton({
  icon,
  label,
  title,
  testId,
  disabled,
  onClick,
  danger,
}: {
  icon: IconName;
  label: string;
  title?: string;
  testId: string;
  disabled: boolean;
  onClick(): void;
  danger?: boolean;
}) {
  return (
    <button
      type="button"
      className={`btn btn-tool${danger ? ' btn-tool-danger' : ''}`}
      data-testid={testId}
      disabled={disabled}
      title={title ?? label}
      onClick={onClick}
    >
      <Icon name={icon} /> {label}
    </button>
  );
}

export function Toolbar(props: Props) {
  const { t } = useTranslation();
  const none = props.count === 0 || props.busy;
  const may = (what: keyof Permits) => props.permits?.[what] !== false;
  return (
    <div className="toolbar" role="toolbar" aria-label={t('actions.toolbar')} data-testid="toolbar">
      {may('read') && (
        <>
          <ToolButton
            icon="mailOpen"
            label={t('actions.markRead')}
            title={`${t('actions.markRead')} (Ctrl+Q)`}
            testId="action-mark-read"
            disabled={none}
            onClick={props.onMarkRead}
          />
          <ToolButton
            icon="mail"
            label={t('actions.markUnread')}
            title={`${t('actions.markUnread')} (Ctrl+U)`}
            testId="action-mark-unread"
            disabled={none}
            onClick={props.onMarkUnread}
          />
        </>
      )}
      {may('flag') && (
        <ToolButton
          icon="flag"
          label={props.allFlagged ? t('actions.unflag') : t('actions.flag')}
          title={`${props.allFlagged ? t('actions.unflag') : t('actions.flag')} (S)`}
          testId="action-flag"
          disabled={none}
          onClick={props.onToggleFlag}
        />
      )}
      {may('move') && (
        <span className="toolbar-anchor">
          <ToolButton
            icon="move"
            label={t('actions.move')}
            title={`${t('actions.move')} (Ctrl+Shift+V)`}
            testId="action-move"
            disabled={none}
            onClick={props.onMove}
          />
          {props.moveMenu}
        </span>
      )}
      {may('trash') && (
        <ToolButton
          icon="trash"
          label={t('actions.trash')}
          title={t('actions.trashHelp')}
          testId="action-trash"
          disabled={none}
          onClick={props.onTrash}
          danger
        />
      )}
      <span className="toolbar-sep" />
      <ToolButton
        icon="undo"
        label={t('actions.undo')}
        title={`${t('actions.undo')} (Ctrl+Z)`}
        testId="action-undo"
        disabled={!props.canUndo || props.busy}
        onClick={props.onUndo}
      />
      <span className="toolbar-spacer" />
      <AutoReadPref prefs={props.prefs} onPrefs={props.onPrefs} />
    </div>
  );
}

/** "Tự đánh dấu đã đọc sau N giây": off by default, opening never marks read by itself. */
function AutoReadPref({ prefs, onPrefs }: { prefs: UiPrefs; onPrefs(patch: Partial<UiPrefs>): void }) {
  const { t } = useTranslation();
  return (
    <label className="checkbox auto-read" title={t('actions.autoMarkReadHelp')}>
      <input
        type="checkbox"
        data-testid="pref-auto-read"
        checked={prefs.autoMarkRead}
        onChange={(e) => onPrefs({ autoMarkRead: e.target.checked })}
      />
      <span>{t('actions.autoMarkRead')}</span>
      <input
        type="number"
        className="seconds-input"
        data-testid="pref-auto-read-seconds"
        min={1}
        max={600}
        value={prefs.autoMarkReadSeconds}
        disabled={!prefs.autoMarkRead}
        aria-label={`${t('actions.autoMarkRead')} (${t('actions.seconds')})`}
        onChange={(e) => onPrefs({ autoMarkReadSeconds: clampSeconds(Number(e.target.value)) })}
      />
      <span>{t('actions.seconds')}</span>
    </label>
  );
}
