// "Sổ văn bản đến" in the folder pane, under the pinned directives view: opens the ledger.
import { Icon } from '../components/Icon.tsx';
import { useLedgerT } from './i18n.ts';

export function LedgerButton({ onOpen }: { onOpen(): void }) {
  const { t } = useLedgerT();
  return (
    <ul className="folder-tree pinned-views" aria-label={t('title')}>
      <li>
        <button
          type="button"
          className="folder-row pinned-row"
          data-testid="btn-ledger"
          title={t('entryHint')}
          onClick={onOpen}
        >
          <Icon name="archive" className="folder-icon" />
          <span className="folder-name">{t('entry')}</span>
        </button>
      </li>
    </ul>
  );
}
