// The keyboard shortcuts window, opened with "?" anywhere outside a text
// field (as in Gmail, Outlook on the web and Thunderbird's add-ons) and closed
// with Esc or its button. A modal <dialog>: the page behind is inert, Tab goes
// round its controls, and on closing the focus goes back where it was.
import { useEffect, useId, useRef, useState } from 'react';
import { Icon } from '../components/Icon.tsx';
import { useT } from '../i18n/useT.ts';
import { keepTabInside } from '../components/useModalFocus.ts';
import { isEditable } from '../list/shortcuts.ts';
import { ARROWS, isArrow, SHORTCUT_GROUPS, type KeyToken, type ShortcutEntry } from './shortcutList.ts';
import './shortcuts.css';

/** Whether a key press asks for the shortcuts window. */
export function opensShortcuts(e: KeyboardEvent): boolean {
  if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return false;
  if (isEditable(e.target)) return false;
  // Another window is open: its keys are its own.
  return document.querySelector('dialog[open], [role="dialog"]') === null;
}

/** Mounted once with the mail view: listens for "?" and shows the window. */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!opensShortcuts(e)) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  return open ? <ShortcutsDialog onClose={() => setOpen(false)} /> : null;
}

function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const { t } = useT('app');
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog shortcuts-dialog"
      aria-labelledby={titleId}
      data-testid="shortcuts-dialog"
      onKeyDown={(e) => keepTabInside(e.currentTarget, e)}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="shortcuts-header">
        <h2 id={titleId} className="dialog-title">
          {t('shortcuts.title')}
        </h2>
        <button type="button" className="btn btn-ghost" data-testid="shortcuts-close" onClick={onClose}>
          <Icon name="close" /> {t('shortcuts.close')}
        </button>
      </header>
      <p className="hint">{t('shortcuts.intro')}</p>
      <div className="shortcuts-groups">
        {SHORTCUT_GROUPS.map((group) => (
          <table key={group.id} className="shortcuts-table" data-testid={`shortcuts-${group.id}`}>
            <caption>{t(`shortcuts.group.${group.id}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('shortcuts.keysColumn')}</th>
                <th scope="col">{t('shortcuts.actionColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {group.entries.map((entry) => (
                <tr key={entry.action} data-action={entry.action}>
                  <td className="shortcut-keys">
                    <Combos entry={entry} />
                  </td>
                  <td>{t(`shortcuts.action.${entry.action}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </dialog>
  );
}

function Combos({ entry }: { entry: ShortcutEntry }) {
  const { t } = useT('app');
  const between = entry.join === 'pair' ? ' / ' : ` ${t('shortcuts.or')} `;
  return entry.combos.map((combo, i) => (
    <span key={combo.join('+')}>
      {i > 0 && <span className="shortcut-between">{between}</span>}
      {combo.map((key, j) => (
        <span key={key}>
          {j > 0 && '+'}
          <Key token={key} />
        </span>
      ))}
    </span>
  ));
}

/** One key cap; an arrow is drawn as its sign and read out as its name. */
function Key({ token }: { token: KeyToken }) {
  const { t } = useT('app');
  if (!isArrow(token)) return <kbd>{token}</kbd>;
  return (
    <kbd>
      <span aria-hidden="true">{ARROWS[token]}</span>
      <span className="visually-hidden">{t(`shortcuts.key.${token}`)}</span>
    </kbd>
  );
}
