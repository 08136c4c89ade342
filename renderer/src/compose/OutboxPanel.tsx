// "Hộp thư đi": the messages that have not gone, or went a moment ago, each with its state and
// what the user can do about it. Kept current by outbox.changed.
import { useId, useRef, useState } from 'react';
import type { OutboxEntry } from '../../../shared/compose.ts';
import { invoke } from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Icon } from '../components/Icon.tsx';
import { useModalFocus } from '../components/useModalFocus.ts';
import { useT } from '../i18n/useT.ts';
import { OutboxRow, type OutboxActions } from './OutboxRow.tsx';
import type { Outbox } from './useOutbox.ts';

interface Props {
  accountId: string;
  outbox: Outbox;
  onUndo(entryId: string): void;
  onClose(): void;
}

export function OutboxPanel({ accountId, outbox, onUndo, onClose }: Props) {
  const { t } = useT('compose');
  const card = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const [removing, setRemoving] = useState<OutboxEntry | null>(null);
  useModalFocus(card, onClose);
  const ref = (entry: OutboxEntry) => ({ accountId, id: entry.id });
  const actions: OutboxActions = {
    undo: (entry) => onUndo(entry.id),
    retry: (entry) => outbox.act(() => invoke('outbox.retry', ref(entry))),
    markSent: (entry) => outbox.act(() => invoke('outbox.markSent', ref(entry))),
    remove: setRemoving,
  };
  return (
    <div className="overlay" data-testid="outbox-overlay">
      <div
        ref={card}
        className="overlay-card outbox-card"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="outbox"
      >
        <header className="first-run-header">
          <h1 id={titleId}>{t('outbox.title')}</h1>
          <button type="button" className="btn btn-ghost" data-testid="outbox-close" onClick={onClose}>
            <Icon name="close" /> {t('outbox.close')}
          </button>
        </header>
        {outbox.error && <ErrorNotice error={outbox.error} testId="outbox-error" />}
        {outbox.entries.length === 0 ? (
          <p className="muted" data-testid="outbox-empty">
            {t('outbox.empty')}
          </p>
        ) : (
          <ul className="outbox-list" aria-label={t('outbox.list')}>
            {outbox.entries.map((entry) => (
              <OutboxRow key={entry.id} entry={entry} actions={actions} />
            ))}
          </ul>
        )}
      </div>
      {removing && (
        <ConfirmDialog
          title={t('outbox.removeTitle')}
          confirmLabel={t('outbox.remove')}
          cancelLabel={t('outbox.removeCancel')}
          onConfirm={() => {
            const entry = removing;
            setRemoving(null);
            outbox.act(() => invoke('outbox.remove', ref(entry)));
          }}
          onCancel={() => setRemoving(null)}
          testId="outbox-remove-confirm"
          danger
        >
          <p>{t('outbox.removeBody', { subject: removing.subject || t('outbox.noSubject') })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
