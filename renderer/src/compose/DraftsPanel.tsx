// "Thư nháp": the account's drafts (drafts.list), each with where it is kept — on this PC, on
// the server (saved from another PC), or both — and "Mở" (back into a composer, drafts.open)
// and "Xóa" (here and on the server, after a confirmation).
import { useEffect, useId, useRef, useState } from 'react';
import type { ComposeInput, DraftSummary } from '../../../shared/compose.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Icon } from '../components/Icon.tsx';
import { useModalFocus } from '../components/useModalFocus.ts';
import { formatFullDate } from '../format/date.ts';
import { useStable } from '../hooks/useStable.ts';
import { useT } from '../i18n/useT.ts';

interface Props {
  accountId: string;
  onOpen(input: ComposeInput, draftId: string): void;
  onClose(): void;
}

function useDrafts(accountId: string) {
  const [drafts, setDrafts] = useState<DraftSummary[] | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const load = useStable(() =>
    invoke('drafts.list', { accountId })
      .then(setDrafts)
      .catch((e: unknown) => setError(toUiError(e))),
  );
  useEffect(() => {
    void load();
  }, [accountId, load]);
  const act = (run: () => Promise<unknown>) => {
    setError(null);
    return run()
      .then(load)
      .catch((e: unknown) => setError(toUiError(e)));
  };
  return { drafts, error, act };
}

function DraftRow(props: { draft: DraftSummary; onOpen(): void; onRemove(): void }) {
  const { t, locale } = useT('compose');
  const { draft } = props;
  const titleId = `draft-${draft.id}`;
  const subject = draft.subject || t('outbox.noSubject');
  return (
    <li className="outbox-row draft-row" data-testid="draft-row" data-where={draft.where} aria-labelledby={titleId}>
      <div className="outbox-head">
        <span className={`outbox-status draft-where is-${draft.where}`} data-testid="draft-where">
          {t(`drafts.where.${draft.where}`)}
        </span>
        <strong id={titleId} className="outbox-subject">
          {subject}
        </strong>
      </div>
      <p className="outbox-to muted">
        {t('outbox.to', { list: draft.to.join(', ') || '—' })} · {formatFullDate(draft.updatedAt, locale)}
      </p>
      {draft.serverError && (
        <p className="outbox-detail" data-testid="draft-server-error">
          {t('drafts.serverError', { reason: draft.serverError })}
        </p>
      )}
      <div className="outbox-actions">
        <button type="button" className="btn btn-small btn-primary" data-testid="draft-open" onClick={props.onOpen}>
          {t('drafts.open')}
          <span className="visually-hidden">: {subject}</span>
        </button>
        <button type="button" className="btn btn-small" data-testid="draft-remove" onClick={props.onRemove}>
          {t('drafts.remove')}
          <span className="visually-hidden">: {subject}</span>
        </button>
      </div>
    </li>
  );
}

export function DraftsPanel({ accountId, onOpen, onClose }: Props) {
  const { t } = useT('compose');
  const card = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const { drafts, error, act } = useDrafts(accountId);
  const [removing, setRemoving] = useState<DraftSummary | null>(null);
  useModalFocus(card, onClose);
  const open = (d: DraftSummary) =>
    void act(async () => {
      const opened = await invoke('drafts.open', { accountId, draftId: d.id });
      onOpen(opened.input, opened.id);
    });
  return (
    <div className="overlay" data-testid="drafts-overlay">
      <div
        ref={card}
        className="overlay-card outbox-card"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="drafts"
      >
        <header className="first-run-header">
          <h1 id={titleId}>{t('drafts.title')}</h1>
          <button type="button" className="btn btn-ghost" data-testid="drafts-close" onClick={onClose}>
            <Icon name="close" /> {t('outbox.close')}
          </button>
        </header>
        {error && <ErrorNotice error={error} testId="drafts-error" />}
        {drafts === null ? (
          <p className="muted">{t('drafts.loading')}</p>
        ) : drafts.length === 0 ? (
          <p className="muted" data-testid="drafts-empty">
            {t('drafts.empty')}
          </p>
        ) : (
          <ul className="outbox-list" aria-label={t('drafts.list')}>
            {drafts.map((d) => (
              <DraftRow key={d.id} draft={d} onOpen={() => open(d)} onRemove={() => setRemoving(d)} />
            ))}
          </ul>
        )}
      </div>
      {removing && (
        <ConfirmDialog
          title={t('drafts.removeTitle')}
          confirmLabel={t('drafts.remove')}
          cancelLabel={t('outbox.removeCancel')}
          onConfirm={() => {
            const d = removing;
            setRemoving(null);
            void act(() => invoke('drafts.remove', { accountId, draftId: d.id }));
          }}
          onCancel={() => setRemoving(null)}
          testId="draft-remove-confirm"
          danger
        >
          <p>{t('drafts.removeBody', { subject: removing.subject || t('outbox.noSubject') })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
