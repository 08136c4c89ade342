// Links from the message, each with its real target. Opening goes through
// main (links.open, which re-checks the scheme) after the user confirmed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isOpenableLink } from '../../../shared/security.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import type { MailLink } from './sanitize.ts';

export function LinkList({ links }: { links: MailLink[] }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  if (links.length === 0) return null;

  async function open(url: string) {
    setPending(null);
    setError(null);
    try {
      await invoke('links.open', { url });
    } catch (e) {
      setError(toUiError(e));
    }
  }

  return (
    <details className="link-list" data-testid="link-list">
      <summary>{t('reader.links', { count: links.length })}</summary>
      <p className="muted small">{t('reader.linksHelp')}</p>
      <ul>
        {links.map((link, index) => (
          <li key={`${index}-${link.href}`} data-testid="link-item">
            <span className="link-text">{link.text}</span>
            <code className="link-url" data-testid="link-url">
              {link.href}
            </code>
            <button
              type="button"
              className="btn btn-small"
              disabled={!isOpenableLink(link.href)}
              title={isOpenableLink(link.href) ? link.href : t('reader.notOpenable')}
              onClick={() => setPending(link.href)}
              data-testid="link-open"
            >
              {t('reader.open')}
            </button>
          </li>
        ))}
      </ul>
      {error && <ErrorNotice error={error} />}
      {pending !== null && (
        <ConfirmDialog
          title={t('reader.confirmTitle')}
          confirmLabel={t('reader.confirmOpen')}
          cancelLabel={t('form.cancel')}
          onConfirm={() => void open(pending)}
          onCancel={() => setPending(null)}
          testId="link-confirm"
        >
          <p>{t('reader.confirmBody')}</p>
          <p>
            <code className="link-url link-url-big" data-testid="link-confirm-url">
              {pending}
            </code>
          </p>
          <p className="muted">{t('reader.confirmWarn')}</p>
        </ConfirmDialog>
      )}
    </details>
  );
}
