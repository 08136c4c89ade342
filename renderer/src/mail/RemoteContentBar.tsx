// Remote content: what was blocked, and loading it on request. Loading never
// opens the frame to the network: main fetches the http(s) images (capped)
// and they come back as data: URLs put into the sanitized HTML, so the frame
// CSP stays "img-src data: cid:". Everything else stays blocked and listed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import type { RemoteRef } from './css.ts';
import { useMailT, type MailT } from './i18n.ts';

export type RemotePhase = 'idle' | 'loading' | 'loaded' | 'error';

interface Props {
  /** References blocked in what is shown now. */
  blocked: RemoteRef[];
  /** Distinct http(s) images main could fetch. */
  loadable: number;
  phase: RemotePhase;
  error: UiError | null;
  /** The single sender's address, when "always" can be offered. */
  sender: string | null;
  /** False while the account is unknown: the buttons are then disabled. */
  canLoad: boolean;
  onLoadOnce(): void;
  onLoadAlways(): void;
}

const MAX_SHOWN_URL = 300;

function shortUrl(url: string): string {
  return url.length > MAX_SHOWN_URL ? `${url.slice(0, MAX_SHOWN_URL)}…` : url;
}

function BlockedList({ refs, t }: { refs: RemoteRef[]; t: MailT }) {
  const unique = new Map<string, RemoteRef>();
  for (const r of refs) unique.set(`${r.kind} ${r.url}`, r);
  if (unique.size === 0) return null;
  return (
    <details className="remote-list" data-testid="remote-blocked-list">
      <summary>{t('remote.showList', { count: unique.size })}</summary>
      {/* It scrolls when long: in the Tab order, so the keyboard can scroll it too. */}
      <ul tabIndex={0} aria-label={t('remote.showList', { count: unique.size })}>
        {[...unique.values()].map((r) => (
          <li key={`${r.kind} ${r.url}`} data-testid="remote-blocked-item" data-loadable={r.loadable}>
            <span className="remote-kind">{t(`remote.kind.${r.kind}`)}</span>
            <code className="remote-url">{shortUrl(r.url)}</code>
            {!r.loadable && <span className="muted small remote-flag">{t('remote.alwaysBlocked')}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function RemoteContentBar(props: Props) {
  const { blocked, loadable, phase, error, sender, canLoad, onLoadOnce, onLoadAlways } = props;
  const { t } = useTranslation();
  const tm = useMailT();
  if (blocked.length === 0) return null;

  if (phase === 'loaded') {
    // The request was made: the bar goes; what could not be loaded stays listed.
    return (
      <div className="notice notice-info remote-bar remote-bar-stack" data-testid="remote-still-blocked" role="status">
        <span className="remote-bar-text">
          <strong>{tm('remote.stillBlocked', { count: blocked.length })}</strong>
          <span className="muted"> — {tm('remote.stillBlockedHelp')}</span>
        </span>
        <BlockedList refs={blocked} t={tm} />
      </div>
    );
  }

  const never = blocked.filter((r) => !r.loadable).length;
  const busy = phase === 'loading';
  const title = canLoad ? tm('remote.howItLoads') : tm('remote.noAccount');
  return (
    <div className="notice notice-info remote-bar remote-bar-stack" data-testid="remote-content-bar" role="status">
      <div className="remote-bar-main">
        <strong className="remote-bar-text" data-testid="remote-content-count">
          {t('reader.remoteBlocked', { count: blocked.length })}
        </strong>
        {loadable > 0 && (
          // Disabled buttons get no hover events; the wrapper carries the tooltip.
          <span className="remote-actions tooltip-wrap" title={title}>
            <button
              type="button"
              className="btn btn-small"
              disabled={!canLoad || busy}
              onClick={onLoadOnce}
              data-testid="btn-load-remote"
            >
              {tm('remote.loadOnce')}
            </button>
            {sender !== null && (
              <button
                type="button"
                className="btn btn-small"
                disabled={!canLoad || busy}
                onClick={onLoadAlways}
                data-testid="btn-load-remote-always"
              >
                {tm('remote.loadAlways')}
              </button>
            )}
          </span>
        )}
      </div>
      <span className="muted small">{t('reader.remoteBlockedHelp')}</span>
      {busy && (
        <span className="small" data-testid="remote-loading">
          {tm('remote.loading')}
        </span>
      )}
      {loadable === 0 && <span className="small">{tm('remote.noLoadable')}</span>}
      {loadable > 0 && never > 0 && <span className="small">{tm('remote.neverLoadable', { count: never })}</span>}
      {error && <ErrorNotice error={error} testId="remote-error" />}
      <BlockedList refs={blocked} t={tm} />
    </div>
  );
}

/** Shown when a sender's images loaded by themselves, with a way to stop that. */
export function RemoteAutoNote({ sender, onStop }: { sender: string; onStop(): Promise<void> }) {
  const tm = useMailT();
  const [error, setError] = useState<UiError | null>(null);
  return (
    <div className="notice notice-info remote-auto-note" data-testid="remote-auto-note" role="status">
      <div className="remote-bar-main">
        <span>{tm('remote.autoLoaded', { sender })}</span>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            setError(null);
            onStop().catch((e: unknown) => setError(toUiError(e)));
          }}
          data-testid="btn-remote-stop-auto"
        >
          {tm('remote.stopAuto')}
        </button>
      </div>
      {error && <ErrorNotice error={error} testId="remote-stop-error" />}
    </div>
  );
}
