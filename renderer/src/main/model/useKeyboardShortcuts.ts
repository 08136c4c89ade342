// The window's keydown listener for the mail view: turns keys into commands
// (list/shortcuts.ts) unless an overlay, a menu or a dialog is open. Keys that
// move in the list only count while the list has the focus; letters do not
// count while typing in a field.
import { useEffect, useEffectEvent } from 'react';
import { commandFor, isEditable, type Command } from '../../list/shortcuts.ts';

export function useKeyboardShortcuts(opts: {
  /** An overlay or menu of the view is open: keys belong to it. */
  suspended: boolean;
  /** The message list's element, when shown. */
  listElement(): HTMLElement | null | undefined;
  run(command: Command): void;
}): void {
  const onKeyDown = useEffectEvent((e: KeyboardEvent) => {
    if (opts.suspended || document.querySelector('dialog[open]')) return;
    const list = opts.listElement();
    const inList = list !== null && list !== undefined && list.contains(e.target as Node);
    const cmd = commandFor(e, inList, isEditable(e.target));
    if (!cmd) return;
    e.preventDefault();
    opts.run(cmd);
  });
  useEffect(() => {
    const handler = (e: KeyboardEvent) => onKeyDown(e);
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, []);
}
