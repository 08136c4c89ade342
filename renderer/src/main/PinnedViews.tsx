// Views pinned above the folder tree. "Chỉ đạo & văn bản đến" gathers the
// directives of every folder, most urgent first.
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon.tsx';

interface Props {
  active: boolean;
  /** Unread directives, for the badge. */
  unread: number;
  onSelect(): void;
}

export function PinnedViews({ active, unread, onSelect }: Props) {
  const { t } = useTranslation();
  return (
    <ul className="folder-tree pinned-views" data-testid="pinned-views" aria-label={t('directives.title')}>
      <li>
        <button
          type="button"
          className={`folder-row pinned-row${active ? ' is-selected' : ''}${unread > 0 ? ' has-unseen' : ''}`}
          data-testid="view-directives"
          aria-current={active ? 'page' : undefined}
          onClick={onSelect}
        >
          <Icon name="directive" className="folder-icon" />
          <span className="folder-name">{t('directives.title')}</span>
          {unread > 0 && (
            <span
              className="badge badge-urgent"
              data-testid="directives-unread"
              title={t('main.unseenCount', { count: unread })}
            >
              {unread}
            </span>
          )}
        </button>
      </li>
    </ul>
  );
}
