// The status bar: what the sync is doing ("Đang đồng bộ Hộp thư đến:
// 12.500 / 100.000 thư · còn khoảng 40 giây") with a progress bar and Hủy,
// when it last finished, or that the app is offline and shows its local copy.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SyncProgressEvent } from '../../../shared/mail.ts';
import { Icon } from '../components/Icon.tsx';
import { formatTime } from '../format/date.ts';
import { formatCount } from '../format/size.ts';
import { localeOf } from '../i18n/index.ts';
import type { SyncState } from './model/useSync.ts';

interface Props {
  state: SyncState;
  folderLabelOf(path: string): string;
  onCancel(): void;
  onRetry(): void;
}

export function formatEta(ms: number, t: TFunction, locale: string): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 90) return t('sync.etaSeconds', { n: formatCount(seconds, locale) });
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return t('sync.etaMinutes', { n: formatCount(minutes, locale) });
  return t('sync.etaHours', { n: formatCount(Math.round(minutes / 60), locale) });
}

function progressText(p: SyncProgressEvent | null, folder: string, t: TFunction, locale: string): string {
  if (!p) return t('sync.preparing');
  const n = (x: number) => formatCount(x, locale);
  switch (p.phase) {
    case 'folders':
      return t('sync.folders');
    case 'headers':
      return t('sync.headers', { folder, done: n(p.done), total: n(p.total) });
    case 'bodies':
      return t('sync.bodies', { folder, done: n(p.done), total: n(p.total) });
    case 'index':
      return t('sync.index', { folder, done: n(p.done), total: n(p.total) });
    default:
      return t('sync.changes', { folder });
  }
}

export function SyncStatusBar({ state, folderLabelOf, onCancel, onRetry }: Props) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const last = state.lastSyncedAt === null ? null : formatTime(state.lastSyncedAt, locale);
  const p = state.progress;

  let text: string;
  let tone = 'idle';
  let showBar = false;
  if (state.status === 'running') {
    tone = 'running';
    text = progressText(p, p ? folderLabelOf(p.folder) : '', t, locale);
    if (p && p.total > 0 && (p.phase === 'headers' || p.phase === 'bodies' || p.phase === 'index')) {
      showBar = true;
      if (p.etaMs !== null && p.etaMs > 0 && p.done < p.total)
        text += ` · ${t('sync.eta', { time: formatEta(p.etaMs, t, locale) })}`;
    }
  } else if (state.status === 'done') {
    text = last ? t('sync.doneAt', { time: last }) : '';
  } else if (state.status === 'offline') {
    tone = 'offline';
    text = t('sync.offline') + (last ? ` (${t('sync.lastSynced', { time: last })})` : '');
  } else if (state.status === 'cancelled') {
    text = t('sync.cancelled') + (last ? ` · ${t('sync.lastSynced', { time: last })}` : '');
  } else if (state.status === 'failed') {
    tone = 'failed';
    const message =
      i18n.language === 'vi' ? state.error?.payload.messageVi : state.error ? t(`errors.${state.error.code}`) : '';
    text = t('sync.failed', { message: message ?? '' });
  } else {
    text = t('sync.preparing');
  }

  const percent = showBar && p ? Math.min(100, Math.round((p.done / Math.max(1, p.total)) * 100)) : 0;
  return (
    <footer
      className={`statusbar statusbar-${tone}`}
      data-testid="sync-status"
      data-status={state.status}
      aria-label={t('sync.label')}
    >
      <span className="statusbar-text" role="status" data-testid="sync-status-text">
        {tone === 'offline' && <Icon name="warning" />} {text}
      </span>
      {showBar && (
        <div
          className="progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={p?.total ?? 0}
          aria-valuenow={p?.done ?? 0}
          aria-label={text}
          data-testid="sync-progress"
        >
          <div className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
      )}
      <span className="statusbar-spacer" />
      {state.status === 'running' ? (
        <button
          type="button"
          className="btn btn-small"
          data-testid="sync-cancel"
          disabled={state.cancelling}
          onClick={onCancel}
        >
          {state.cancelling ? t('sync.cancelling') : t('sync.cancel')}
        </button>
      ) : (
        <button type="button" className="btn btn-small btn-ghost" data-testid="sync-now" onClick={onRetry}>
          <Icon name="refresh" />{' '}
          {state.status === 'done' || state.status === 'idle' ? t('sync.syncNow') : t('sync.retry')}
        </button>
      )}
    </footer>
  );
}
