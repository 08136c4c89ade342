// The province directory (danh bạ điện tử) as the IT Centre configured it, read-only: configured
// or not, the file's error, and whether it answers now (directory.status with check).
import { useEffect, useState } from 'react';
import type { DirectoryStatus } from '../../../shared/directory.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/useT.ts';

function statusLine(s: DirectoryStatus, t: ReturnType<typeof useT<'receipts'>>['t']): string {
  if (s.error) return t('directory.invalid', { error: s.error });
  if (!s.configured) return t('directory.notConfigured');
  if (s.reachable === true) return t('directory.reachable');
  if (s.reachable === false) return t('directory.unreachable', { problem: s.problem?.messageVi ?? '' });
  return t('directory.configured');
}

export function DirectoryStatusView({ accountId }: { accountId: string }) {
  const { t } = useT('receipts');
  const [status, setStatus] = useState<DirectoryStatus | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  useEffect(() => {
    let live = true;
    invoke('directory.status', { accountId, check: true })
      .then((s) => live && setStatus(s))
      .catch((e: unknown) => live && setError(toUiError(e)));
    return () => {
      live = false;
    };
  }, [accountId]);
  const ok = status?.configured && status.reachable !== false && !status.error;
  return (
    <div className="directory-status" data-testid="directory-status">
      <h3>{t('directory.title')}</h3>
      {error && <ErrorNotice error={error} testId="directory-status-error" />}
      <p
        className={status && !ok && status.configured ? 'notice notice-warning' : ''}
        role="status"
        data-testid="directory-status-line"
        data-reachable={String(status?.reachable ?? null)}
      >
        {status ? statusLine(status, t) : error ? '' : t('directory.checking')}
      </p>
      {status && !status.configured && !status.error && (
        <p className="hint">{t('directory.notConfiguredHint', { source: status.source })}</p>
      )}
      {status?.config && (
        <>
          <dl data-testid="directory-config">
            <dt>{t('directory.url')}</dt>
            <dd dir="ltr">{status.config.url}</dd>
            <dt>{t('directory.baseDn')}</dt>
            <dd dir="ltr">{status.config.baseDn}</dd>
            <dt>{t('directory.bind')}</dt>
            <dd>{status.config.bind === 'user' ? t('directory.bindUser') : t('directory.bindAnonymous')}</dd>
            <dt>{t('directory.source')}</dt>
            <dd dir="ltr">{status.source}</dd>
          </dl>
          <p className="hint">{t('directory.readOnly')}</p>
        </>
      )}
    </div>
  );
}
