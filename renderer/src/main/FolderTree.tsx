// The folder tree: indentation from the hierarchy, unseen counts, and
// non-selectable folders (\Noselect containers) shown but not clickable.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FolderInfo } from '../../../shared/mail.ts';
import { Icon } from '../components/Icon.tsx';
import { folderIcon, folderLabel } from './folderLabel.ts';
import { buildFolderTree, flattenTree } from './folderTree.ts';

interface Props {
  folders: FolderInfo[];
  selected: string | null;
  onSelect(path: string): void;
}

export function FolderTree({ folders, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const rows = useMemo(() => flattenTree(buildFolderTree(folders)), [folders]);
  if (rows.length === 0) return <p className="muted pane-empty">{t('main.noFolders')}</p>;
  return (
    <ul className="folder-tree" data-testid="folder-tree" role="tree" aria-label={t('main.folders')}>
      {rows.map(({ folder, depth }) => {
        const label = folderLabel(folder, t);
        const unseen = folder.unseen ?? 0;
        const content = (
          <>
            <Icon name={folderIcon(folder)} className="folder-icon" />
            <span className="folder-name" data-testid="folder-name">
              {label}
            </span>
            {unseen > 0 && (
              <span className="badge" data-testid="folder-unseen" title={t('main.unseenCount', { count: unseen })}>
                {unseen}
              </span>
            )}
          </>
        );
        return (
          <li
            key={folder.path}
            role="treeitem"
            aria-level={depth + 1}
            aria-selected={folder.path === selected}
            aria-disabled={folder.selectable ? undefined : true}
            data-testid="folder-item"
            data-path={folder.path}
            data-selectable={folder.selectable}
            style={{ paddingInlineStart: `${0.5 + depth * 1.1}rem` }}
          >
            {folder.selectable ? (
              <button
                type="button"
                className={`folder-row${folder.path === selected ? ' is-selected' : ''}${unseen > 0 ? ' has-unseen' : ''}`}
                onClick={() => onSelect(folder.path)}
                title={folder.path}
              >
                {content}
              </button>
            ) : (
              <span className="folder-row is-disabled" title={folder.path}>
                {content}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
