// What the toolbar, the reader and the shortcuts do to messages: flags
// (optimistic: the rows change at once, a failure puts them back), move and
// Thùng rác (undoable with the token main returns), and Ctrl+Z. Calls are
// grouped by folder and cut at the contract's 10,000 UIDs per call. Server
// writes run one at a time in the order they were asked for, and Ctrl+Z waits
// for the ones already asked for, so it undoes the last action even when that
// action's call has not come back yet.
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ERROR_MESSAGES_VI } from '../../../shared/errors.ts';
import { invoke, toUiError, UiError } from '../api.ts';
import { byFolder, parseRowKey, withFlags, type ListRow } from '../list/rows.ts';
import type { RowSource } from '../list/sources.ts';
import type { ToastApi } from './Toasts.tsx';
import { formatCount } from '../format/size.ts';
import { localeOf } from '../i18n/index.ts';

const MAX_UIDS = 10_000;

interface UndoEntry {
  id: number;
  /** False when the undo failed (the failure was shown). */
  run(): Promise<boolean>;
}

export interface MailActions {
  setFlags(rows: readonly ListRow[], add: string[], remove: string[]): Promise<void>;
  move(rows: readonly ListRow[], target: string): Promise<boolean>;
  trash(rows: readonly ListRow[]): Promise<boolean>;
  undo(): Promise<void>;
  canUndo: boolean;
  busy: boolean;
  /** Rows on their way out of the current view (shown dimmed until it reloads). */
  removing: ReadonlySet<string>;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export function useMailActions(opts: {
  accountId: string;
  source: RowSource;
  toasts: ToastApi;
  folderLabelOf(path: string): string;
  /** Reload the list and folder counts after a change main made. */
  refresh(): void;
  /** Delegation: whether messages of a folder may go to Thùng rác (default: yes). */
  canTrash?(folder: string): boolean;
  /** Told when the server refused an action for lack of rights (the rights may have changed). */
  onRefused?(): void;
}): MailActions {
  const { t, i18n } = useTranslation();
  const { accountId, source, toasts, folderLabelOf, refresh, canTrash, onRefused } = opts;
  // The undo stack lives in a ref (toasts' "Hoàn tác" buttons hold on to
  // entries); `depth` only re-renders the toolbar's Undo button.
  const stack = useRef<UndoEntry[]>([]);
  const toastOf = useRef(new Map<number, number>());
  const [depth, setDepth] = useState(0);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<ReadonlySet<string>>(new Set());
  const nextId = useRef(1);
  const locale = localeOf(i18n.language);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  /** Runs a server write after the ones asked for before it. */
  const serial = useCallback(<T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.current.then(task);
    queue.current = run.catch(() => undefined);
    return run;
  }, []);

  const fail = useCallback(
    (e: unknown) => {
      const error = toUiError(e);
      const message = i18n.language === 'vi' ? error.payload.messageVi : t(`errors.${error.code}`);
      toasts.push({ kind: 'error', text: t('actions.failed', { message }), testId: 'toast-error' });
      if (error.code === 'PERMISSION_DENIED') onRefused?.();
    },
    [i18n.language, t, toasts, onRefused],
  );

  const pushUndo = useCallback((run: () => Promise<boolean>): UndoEntry => {
    const entry = { id: nextId.current++, run };
    stack.current = [...stack.current.slice(-19), entry];
    setDepth(stack.current.length);
    return entry;
  }, []);

  const runUndo = useCallback(
    async (entry: UndoEntry | undefined) => {
      // Undone already (Ctrl+Z, then the toast's button): never twice.
      if (!entry || !stack.current.includes(entry)) {
        toasts.push({ text: t('actions.nothingToUndo'), timeout: 3000 });
        return;
      }
      stack.current = stack.current.filter((e) => e !== entry);
      setDepth(stack.current.length);
      const toastId = toastOf.current.get(entry.id);
      if (toastId !== undefined) toasts.dismiss(toastId);
      toastOf.current.delete(entry.id);
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
    },
    [fail, refresh, t, toasts],
  );

  /**
   * Changes the rows at once and queues the server call; `then` runs in the
   * queue once the call succeeded. Resolves false when it failed (shown, and
   * the list reloaded).
   */
  const applyFlags = useCallback(
    (rows: readonly ListRow[], add: string[], remove: string[], then?: () => void): Promise<boolean> => {
      const keys = new Set(rows.map((r) => r.key));
      const patch = source.patch(keys, (m) => ({ ...m, flags: withFlags(m.flags, add, remove) }));
      return serial(async () => {
        try {
          for (const [folder, uids] of byFolder(rows.map((r) => parseRowKey(r.key)))) {
            for (const part of chunks(uids, MAX_UIDS)) {
              await invoke('mail.setFlags', { accountId, folder, uids: part, add, remove });
            }
          }
        } catch (e) {
          patch.settle(false);
          fail(e);
          source.invalidate();
          return false;
        }
        patch.settle(true);
        then?.();
        return true;
      });
    },
    [accountId, fail, serial, source],
  );

  const setFlags = useCallback(
    async (rows: readonly ListRow[], add: string[], remove: string[]) => {
      // Only rows whose flags really change, so undo restores exactly those.
      const changing = rows.filter(
        (r) => add.some((f) => !r.msg.flags.includes(f)) || remove.some((f) => r.msg.flags.includes(f)),
      );
      if (changing.length === 0) return;
      await applyFlags(changing, add, remove, () => pushUndo(() => applyFlags(changing, remove, add)));
    },
    [applyFlags, pushUndo],
  );

  const relocate = useCallback(
    async (rows: readonly ListRow[], target: string | null): Promise<boolean> => {
      const refs = rows.map((r) => parseRowKey(r.key)).filter((r) => r.folder !== target);
      if (refs.length === 0) return false;
      setBusy(true);
      setRemoving(new Set(rows.map((r) => r.key)));
      return serial(async () => {
        const tokens: string[] = [];
        let moved = 0;
        try {
          for (const [folder, uids] of byFolder(refs)) {
            if (target === null && canTrash?.(folder) === false) {
              throw new UiError({
                code: 'PERMISSION_DENIED',
                messageVi: ERROR_MESSAGES_VI.PERMISSION_DENIED,
                detail: `the rights on ${folder} do not allow moving messages to Trash`,
              });
            }
            for (const part of chunks(uids, MAX_UIDS)) {
              const answer =
                target === null
                  ? await invoke('mail.trash', { accountId, folder, uids: part })
                  : await invoke('mail.move', { accountId, folder, uids: part, target });
              tokens.push(answer.undoToken);
              moved += answer.moved;
            }
          }
        } catch (e) {
          fail(e);
        } finally {
          setBusy(false);
          refresh();
        }
        if (tokens.length === 0) {
          setRemoving(new Set());
          return false;
        }
        const entry = pushUndo(() =>
          serial(async () => {
            for (const undoToken of [...tokens].reverse()) await invoke('mail.undo', { accountId, undoToken });
            return true;
          }),
        );
        const toastId = toasts.push({
          text:
            target === null
              ? t('actions.trashed', { n: formatCount(moved, locale) })
              : t('actions.moved', { n: formatCount(moved, locale), folder: folderLabelOf(target) }),
          action: { label: t('actions.undo'), run: () => void runUndo(entry), testId: 'toast-undo' },
          testId: target === null ? 'toast-trashed' : 'toast-moved',
          timeout: 10_000,
        });
        toastOf.current.set(entry.id, toastId);
        return true;
      });
    },
    [accountId, canTrash, fail, folderLabelOf, locale, pushUndo, refresh, runUndo, serial, t, toasts],
  );

  return {
    setFlags,
    move: (rows, target) => relocate(rows, target),
    trash: (rows) => relocate(rows, null),
    // After the writes already asked for, so their undo entries are on the stack.
    undo: () => serial(async () => undefined).then(() => runUndo(stack.current[stack.current.length - 1])),
    canUndo: depth > 0,
    busy,
    removing,
  };
}
