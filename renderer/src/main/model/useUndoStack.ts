// The mail actions' undo stack (the last 20). It lives in a ref, since the
// toasts' "Hoàn tác" buttons hold on to entries; `depth` only re-renders the
// toolbar's Undo button. An entry undone (Ctrl+Z, then the toast's button)
// never runs twice.
import { useCallback, useRef, useState } from 'react';
import type { ToastApi } from '../Toasts.tsx';

export interface UndoEntry {
  id: number;
  /** False when the undo failed (the failure was shown). */
  run(): Promise<boolean>;
}

export interface UndoStack {
  depth: number;
  push(run: () => Promise<boolean>): UndoEntry;
  /** The toast offering to undo the entry, dismissed when it is undone. */
  attachToast(entry: UndoEntry, toastId: number): void;
  /** Takes the entry off the stack; false when it is not on it (undone already). */
  take(entry: UndoEntry | undefined): entry is UndoEntry;
  last(): UndoEntry | undefined;
}

export function useUndoStack(toasts: ToastApi): UndoStack {
  const stack = useRef<UndoEntry[]>([]);
  const toastOf = useRef(new Map<number, number>());
  const nextId = useRef(1);
  const [depth, setDepth] = useState(0);

  const push = useCallback((run: () => Promise<boolean>): UndoEntry => {
    const entry = { id: nextId.current++, run };
    stack.current = [...stack.current.slice(-19), entry];
    setDepth(stack.current.length);
    return entry;
  }, []);

  const take = (entry: UndoEntry | undefined): entry is UndoEntry => {
    if (!entry || !stack.current.includes(entry)) return false;
    stack.current = stack.current.filter((e) => e !== entry);
    setDepth(stack.current.length);
    const toastId = toastOf.current.get(entry.id);
    if (toastId !== undefined) toasts.dismiss(toastId);
    toastOf.current.delete(entry.id);
    return true;
  };

  return {
    depth,
    push,
    attachToast: (entry, toastId) => void toastOf.current.set(entry.id, toastId),
    take,
    last: () => stack.current[stack.current.length - 1],
  };
}
