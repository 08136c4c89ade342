// What the toolbar, the reader and the shortcuts do to messages: flags
// (optimistic: the rows change at once, a failure puts them back), move and
// Thùng rác (undoable with the token main returns), and Ctrl+Z. Server
// writes (mailWrites.ts) run one at a time in the order they were asked for,
// and Ctrl+Z waits for the ones already asked for, so it undoes the last
// action even when that action's call has not come back yet.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../format/size.ts';
import { localeOf } from '../../i18n/index.ts';
import { parseRowKey, withFlags, type ListRow } from '../../list/rows.ts';
import type { RowSource } from '../../list/sources.ts';
import { relocateOnServer, undoOnServer, writeFlags, type Relocated } from './mailWrites.ts';
import type { ToastApi } from '../Toasts.tsx';
import { useActionState, type ActionState } from './useActionState.ts';

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

interface Options {
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
}

/** Flag changes, each undoable by the opposite change. */
function flagSetter(opts: Options, state: ActionState): MailActions['setFlags'] {
  const { accountId, source } = opts;
  /**
   * Changes the rows at once and queues the server call; `then` runs in the
   * queue once the call succeeded. Resolves false when it failed (shown, and
   * the list reloaded).
   */
  const applyFlags = (rows: readonly ListRow[], add: string[], remove: string[], then?: () => void) => {
    const keys = new Set(rows.map((r) => r.key));
    const patch = source.patch(keys, (m) => ({ ...m, flags: withFlags(m.flags, add, remove) }));
    return state.serial(async () => {
      try {
        await writeFlags(accountId, rows, add, remove);
      } catch (e) {
        patch.settle(false);
        state.fail(e);
        source.invalidate();
        return false;
      }
      patch.settle(true);
      then?.();
      return true;
    });
  };
  return async (rows, add, remove) => {
    // Only rows whose flags really change, so undo restores exactly those.
    const changing = rows.filter(
      (r) => add.some((f) => !r.msg.flags.includes(f)) || remove.some((f) => r.msg.flags.includes(f)),
    );
    if (changing.length === 0) return;
    await applyFlags(changing, add, remove, () => state.undoStack.push(() => applyFlags(changing, remove, add)));
  };
}

/** Moves to a folder, or to Thùng rác (target null), with a toast offering "Hoàn tác". */
function relocator(opts: Options, state: ActionState, t: TFunction, locale: string) {
  const { accountId, toasts } = opts;
  const announce = (done: Relocated, target: string | null) => {
    const entry = state.undoStack.push(() => state.serial(() => undoOnServer(accountId, done.tokens)));
    const n = formatCount(done.moved, locale);
    const toastId = toasts.push({
      text:
        target === null ? t('actions.trashed', { n }) : t('actions.moved', { n, folder: opts.folderLabelOf(target) }),
      action: { label: t('actions.undo'), run: () => void state.runUndo(entry), testId: 'toast-undo' },
      testId: target === null ? 'toast-trashed' : 'toast-moved',
      timeout: 10_000,
    });
    state.undoStack.attachToast(entry, toastId);
  };
  return async (rows: readonly ListRow[], target: string | null): Promise<boolean> => {
    const refs = rows.map((r) => parseRowKey(r.key)).filter((r) => r.folder !== target);
    if (refs.length === 0) return false;
    state.setBusy(true);
    state.setRemoving(new Set(rows.map((r) => r.key)));
    return state.serial(async () => {
      const done: Relocated = { tokens: [], moved: 0 };
      try {
        await relocateOnServer(accountId, refs, target, opts.canTrash, done);
      } catch (e) {
        state.fail(e);
      } finally {
        state.setBusy(false);
        opts.refresh();
      }
      if (done.tokens.length === 0) {
        state.setRemoving(new Set());
        return false;
      }
      announce(done, target);
      return true;
    });
  };
}

export function useMailActions(opts: Options): MailActions {
  const { t, i18n } = useTranslation();
  const state = useActionState(opts.toasts, opts.refresh, opts.onRefused);
  const relocate = relocator(opts, state, t, localeOf(i18n.language));
  return {
    setFlags: flagSetter(opts, state),
    move: (rows, target) => relocate(rows, target),
    trash: (rows) => relocate(rows, null),
    // After the writes already asked for, so their undo entries are on the stack.
    undo: () => state.serial(async () => undefined).then(() => state.runUndo(state.undoStack.last())),
    canUndo: state.undoStack.depth > 0,
    busy: state.busy,
    removing: state.removing,
  };
}
