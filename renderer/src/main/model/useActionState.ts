// What the mail actions share: whether one is running, the rows on their way
// out of the view, the queue that runs server writes one at a time in the
// order they were asked for, the failure toast, and the undo stack with the
// way to run an entry.
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toUiError } from '../../api.ts';
import type { ToastApi } from '../Toasts.tsx';
import { useUndoStack, type UndoEntry, type UndoStack } from './useUndoStack.ts';

export interface ActionState {
  busy: boolean;
  setBusy(busy: boolean): void;
  /** Rows on their way out of the current view (shown dimmed until it reloads). */
  removing: ReadonlySet<string>;
  setRemoving(keys: ReadonlySet<string>): void;
  /** Runs a server write after the ones asked for before it. */
  serial<T>(task: () => Promise<T>): Promise<T>;
  /** Shows a failure (and tells when the server refused it for lack of rights). */
  fail(error: unknown): void;
  undoStack: UndoStack;
  /** Undoes an entry once, with a toast saying so (or that there is nothing to undo). */
  runUndo(entry: UndoEntry | undefined): Promise<void>;
}

function useSerial(): <T>(task: () => Promise<T>) => Promise<T> {
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  return useCallback(<T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.current.then(task);
    queue.current = run.catch(() => undefined);
    return run;
  }, []);
}

export function useActionState(toasts: ToastApi, refresh: () => void, onRefused?: () => void): ActionState {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<ReadonlySet<string>>(new Set());
  const serial = useSerial();
  const undoStack = useUndoStack(toasts);

  const fail = (e: unknown) => {
    const error = toUiError(e);
    const message = i18n.language === 'vi' ? error.payload.messageVi : t(`errors.${error.code}`);
    toasts.push({ kind: 'error', text: t('actions.failed', { message }), testId: 'toast-error' });
    if (error.code === 'PERMISSION_DENIED') onRefused?.();
  };

  const runUndo = async (entry: UndoEntry | undefined) => {
    // Undone already (Ctrl+Z, then the toast's button): never twice.
    if (!undoStack.take(entry)) {
      toasts.push({ text: t('actions.nothingToUndo'), timeout: 3000 });
      return;
    }
    setBusy(true);
    setRemoving(new Set());
    try {
      if (await entry.run()) toasts.push({ text: t('actions.undone'), testId: 'toast-undone', timeout: 3000 });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
      refresh();
    }
  };

  return { busy, setBusy, removing, setRemoving, serial, fail, undoStack, runUndo };
}
