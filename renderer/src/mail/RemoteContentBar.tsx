// Tells the reader that remote content was blocked. Loading it on request is
// planned for a later version (it needs a network-layer allow per message),
// so the button is shown but disabled, with an explanation.
import { useTranslation } from 'react-i18next';

export function RemoteContentBar({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count <= 0) return null;
  return (
    <div className="notice notice-info remote-bar" data-testid="remote-content-bar" role="status">
      <span className="remote-bar-text">
        <strong data-testid="remote-content-count">{t('reader.remoteBlocked', { count })}</strong>
        <span className="muted"> — {t('reader.remoteBlockedHelp')}</span>
      </span>
      {/* Disabled buttons get no hover events; the wrapper carries the tooltip. */}
      <span title={t('reader.loadRemoteLater')} className="tooltip-wrap">
        <button type="button" className="btn btn-small" disabled data-testid="btn-load-remote">
          {t('reader.loadRemote')}
        </button>
      </span>
    </div>
  );
}
