// "Chuyển tới…": a filterable folder picker (Ctrl+Shift+V or the toolbar).
// Type to narrow, ↑/↓ to choose, Enter to move, Esc to close.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FolderInfo } from '../../../shared/mail.ts';
import { foldText } from '../../../shared/text-fold.ts';
import { Icon } from '../components/Icon.tsx';
import { folderIcon, folderLabel } from './folderLabel.ts';
import { buildFolderTree, flattenTree, type FolderNode } from './folderTree.ts';

interface Props {
  folders: FolderInfo[];
  /** Folders the messages are already in (not offered). */
  exclude: ReadonlySet<string>;
  count: number;
  onPick(path: string): void;
  onClose(): void;
}

export function MoveMenu({ folders, exclude, count, onPick, onClose }: Props) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);

  const options = useMemo(() => {
    const wanted = foldText(filter.trim());
    return flattenTree(buildFolderTree(folders)).filter(({ folder }) => {
      if (!folder.selectable || exclude.has(folder.path)) return false;
      if (!wanted) return true;
      return foldText(`${folderLabel(folder, t)} ${folder.path}`).includes(wanted);
    });
  }, [folders, exclude, filter, t]);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [onClose]);

  const current = Math.min(active, Math.max(0, options.length - 1));
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive(Math.min(options.length - 1, current + 1));
    else if (e.key === 'ArrowUp') setActive(Math.max(0, current - 1));
    else if (e.key === 'Enter') {
      const choice = options[current];
      if (choice) onPick(choice.folder.path);
    } else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      className="popover move-menu"
      ref={root}
      data-testid="move-menu"
      role="dialog"
      aria-label={t('actions.moveTitle', { n: count })}
    >
      <div className="popover-title" id="move-title">
        {t('actions.moveTitle', { n: count })}
      </div>
      <input
        ref={input}
        type="text"
        data-testid="move-filter"
        placeholder={t('actions.moveFilter')}
        aria-label={t('actions.moveFilter')}
        aria-controls="move-options"
        aria-activedescendant={options[current] ? `move-option-${current}` : undefined}
        value={filter}
        onChange={(e) => {
          setFilter(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <MoveOptions options={options} current={current} onActive={setActive} onPick={onPick} />
    </div>
  );
}

function MoveOptions(props: {
  options: FolderNode[];
  current: number;
  onActive(index: number): void;
  onPick(path: string): void;
}) {
  const { t } = useTranslation();
  const { options, current, onActive, onPick } = props;
  return (
    <ul id="move-options" role="listbox" className="move-options" aria-labelledby="move-title">
      {options.length === 0 && <li className="muted pane-empty">{t('actions.moveNone')}</li>}
      {options.map(({ folder, depth }, i) => (
        <li
          key={folder.path}
          id={`move-option-${i}`}
          role="option"
          aria-selected={i === current}
          className={`move-option${i === current ? ' is-active' : ''}`}
          data-testid="move-target"
          data-path={folder.path}
          style={{ paddingInlineStart: `${0.6 + depth * 1}rem` }}
          onMouseEnter={() => onActive(i)}
          onClick={() => onPick(folder.path)}
        >
          <Icon name={folderIcon(folder)} className="folder-icon" />
          {folderLabel(folder, t)}
        </li>
      ))}
    </ul>
  );
}
