// Links from the message, each with its real target (the links in the sandboxed frame itself
// cannot be clicked). A web link opens through main (links.open, which checks and normalises it
// again) after a confirmation showing its real host and any sign of deception; a mailto: link
// opens the app's own composer with only its recipients, subject and body. Nothing else opens.
import { useMemo, useState } from 'react';
import { analyzeLink, isDeceptive, revealHidden, type LinkAnalysis } from '../../../shared/link-safety.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/useT.ts';
import { LinkConfirm } from './LinkConfirm.tsx';
import { useMailtoOpener } from './mailtoOpener.ts';
import type { MailLink } from './sanitize.ts';

interface Analysed {
  text: string;
  analysis: LinkAnalysis;
}

type WebLink = Extract<LinkAnalysis, { kind: 'web' }>;

export function LinkList({ links }: { links: MailLink[] }) {
  const { t } = useT('app');
  const openMailto = useMailtoOpener();
  const analysed = useMemo<Analysed[]>(
    () => links.map((l) => ({ text: l.text, analysis: analyzeLink(l.href, l.text) })),
    [links],
  );
  const [pending, setPending] = useState<{ link: WebLink; text: string } | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [note, setNote] = useState<string[]>([]);
  if (links.length === 0) return null;

  async function openWeb(href: string) {
    setPending(null);
    setError(null);
    try {
      await invoke('links.open', { url: href });
    } catch (e) {
      setError(toUiError(e));
    }
  }

  function choose({ analysis, text }: Analysed) {
    setNote([]);
    if (analysis.kind === 'web') setPending({ link: analysis, text });
    else if (analysis.kind === 'mailto' && openMailto) {
      const { dropped, invalid } = analysis.mailto;
      setNote([
        ...(dropped.length > 0 ? [t('links.mailtoDropped', { fields: dropped.join(', ') })] : []),
        ...(invalid.length > 0 ? [t('links.mailtoInvalid', { values: invalid.join(', ') })] : []),
      ]);
      openMailto(analysis.mailto);
    }
  }

  return (
    <details className="link-list" data-testid="link-list">
      <summary>{t('reader.links', { count: links.length })}</summary>
      <p className="muted small">{t('reader.linksHelp')}</p>
      <ul>
        {analysed.map((item, index) => (
          <LinkRow
            key={`${index}-${links[index]?.href ?? ''}`}
            item={item}
            canCompose={openMailto !== null}
            onOpen={() => choose(item)}
          />
        ))}
      </ul>
      {note.map((line) => (
        <p key={line} className="notice notice-warning" data-testid="link-mailto-note">
          {line}
        </p>
      ))}
      {error && <ErrorNotice error={error} />}
      {pending !== null && (
        <LinkConfirm
          link={pending.link}
          text={pending.text}
          onConfirm={() => void openWeb(pending.link.href)}
          onCancel={() => setPending(null)}
        />
      )}
    </details>
  );
}

function LinkRow({ item, canCompose, onOpen }: { item: Analysed; canCompose: boolean; onOpen(): void }) {
  const { t } = useT('app');
  const { analysis, text } = item;
  const href = analysis.kind === 'refused' ? '' : analysis.href;
  const openable = analysis.kind === 'web' || (analysis.kind === 'mailto' && canCompose);
  const why = analysis.kind === 'mailto' && !canCompose ? t('links.noComposer') : t('reader.notOpenable');
  return (
    <li data-testid="link-item" data-kind={analysis.kind}>
      <span className="link-text">
        <bdi>{revealHidden(text)}</bdi>
        {isDeceptive(analysis.warnings) && (
          <span className="badge link-badge" data-testid="link-suspicious">
            {t('links.suspicious')}
          </span>
        )}
      </span>
      <code className="link-url" data-testid="link-url">
        {href}
      </code>
      <button
        type="button"
        className="btn btn-small"
        disabled={!openable}
        title={openable ? href : why}
        onClick={onOpen}
        data-testid="link-open"
      >
        {analysis.kind === 'mailto' ? t('links.compose') : t('reader.open')}
      </button>
    </li>
  );
}
