// The top of the folder pane: "Soạn thư", "Hộp thư đi" with the number of messages that have
// not gone yet, and "Thư nháp".
import { Icon } from '../components/Icon.tsx';
import { useT } from '../i18n/useT.ts';
import './outbox.css';
import './drafts.css';

export function ComposeEntry(props: {
  waiting: number;
  onNew(): void;
  onOutbox(): void;
  outboxOpen: boolean;
  onDrafts(): void;
  draftsOpen: boolean;
}) {
  const { t } = useT('compose');
  return (
    <div className="compose-entry">
      <button
        type="button"
        className="btn btn-primary compose-new"
        data-testid="compose-new"
        title={t('newMessageHint')}
        onClick={props.onNew}
      >
        <Icon name="drafts" /> {t('newMessage')}
      </button>
      <button
        type="button"
        className={`folder-row pinned-row outbox-entry${props.outboxOpen ? ' is-selected' : ''}`}
        data-testid="outbox-entry"
        aria-label={props.waiting > 0 ? t('outbox.entryCount', { count: props.waiting }) : t('outbox.entry')}
        onClick={props.onOutbox}
      >
        <Icon name="sent" className="folder-icon" />
        <span className="folder-name">{t('outbox.entry')}</span>
        {props.waiting > 0 && (
          <span className="badge outbox-count" data-testid="outbox-count" aria-hidden="true">
            {props.waiting}
          </span>
        )}
      </button>
      <button
        type="button"
        className={`folder-row pinned-row outbox-entry${props.draftsOpen ? ' is-selected' : ''}`}
        data-testid="drafts-entry"
        onClick={props.onDrafts}
      >
        <Icon name="drafts" className="folder-icon" />
        <span className="folder-name">{t('drafts.entry')}</span>
      </button>
    </div>
  );
}
