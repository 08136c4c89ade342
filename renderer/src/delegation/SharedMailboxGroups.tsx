// The delegate's folder pane: each unit mailbox shared with this account as a
// group of its own, under the owner's address, with the folders the server
// lets this account see; a revoked one says so instead of silently emptying.
import { FolderTree } from '../main/FolderTree.tsx';
import type { FolderInfo } from '../../../shared/mail.ts';
import { Icon } from '../components/Icon.tsx';
import { useDelegationT } from './i18n.ts';
import './delegation.css';
import { unitDisplayFolders, type UnitMailbox } from './sharedFolders.ts';
import { Busy } from '../components/Busy.tsx';

interface Props {
  units: UnitMailbox[];
  /** The account's cached folders, labelled (see useSharedMailboxes). */
  folders: FolderInfo[];
  selected: string | null;
  onSelect(path: string): void;
}

export function SharedMailboxGroups({ units, folders, selected, onSelect }: Props) {
  const { t } = useDelegationT();
  if (units.length === 0) return null;
  return (
    <section className="shared-mailboxes" data-testid="shared-mailboxes" aria-label={t('shared.group')}>
      <h2 className="pane-title" title={t('shared.groupHelp')}>
        {t('shared.group')}
      </h2>
      {units.map((unit) => {
        const shown = unitDisplayFolders(folders, unit);
        return (
          <div
            key={unit.prefix}
            className={`shared-mailbox${unit.lost ? ' is-lost' : ''}`}
            data-testid="shared-mailbox"
            data-owner={unit.owner}
            data-state={unit.lost ? 'revoked' : 'active'}
          >
            <div className="shared-mailbox-owner" title={unit.owner}>
              <Icon name={unit.lost ? 'lock' : 'inbox'} /> <span>{unit.owner}</span>
            </div>
            {unit.lost ? (
              <p className="notice notice-warning small" role="status" data-testid="shared-lost">
                {t('shared.lost', { owner: unit.owner })}
              </p>
            ) : shown.length > 0 ? (
              <FolderTree folders={shown} selected={selected} onSelect={onSelect} />
            ) : (
              <Busy text={t('shared.syncing')} />
            )}
          </div>
        );
      })}
    </section>
  );
}
