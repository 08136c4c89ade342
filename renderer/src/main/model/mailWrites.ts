// The server writes behind the mail actions, grouped by folder and cut at
// the contract's 10,000 UIDs per call.
import { ERROR_MESSAGES_VI } from '../../../../shared/errors.ts';
import { invoke, UiError } from '../../api.ts';
import { byFolder, parseRowKey, type ListRow, type MessageRef } from '../../list/rows.ts';

const MAX_UIDS = 10_000;

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export async function writeFlags(
  accountId: string,
  rows: readonly ListRow[],
  add: string[],
  remove: string[],
): Promise<void> {
  for (const [folder, uids] of byFolder(rows.map((r) => parseRowKey(r.key)))) {
    for (const part of chunks(uids, MAX_UIDS)) {
      await invoke('mail.setFlags', { accountId, folder, uids: part, add, remove });
    }
  }
}

/** What a move or trash did before it ended (or failed part-way). */
export interface Relocated {
  /** Undo tokens, in the order the calls were made. */
  tokens: string[];
  moved: number;
}

/**
 * Moves messages to `target`, or to Thùng rác when null. Records into `done`
 * as it goes, so a failure part-way still leaves what did move undoable.
 */
export async function relocateOnServer(
  accountId: string,
  refs: readonly MessageRef[],
  target: string | null,
  canTrash: ((folder: string) => boolean) | undefined,
  done: Relocated,
): Promise<void> {
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
      done.tokens.push(answer.undoToken);
      done.moved += answer.moved;
    }
  }
}

/** Undoes a move or trash: its calls' tokens, last first. */
export async function undoOnServer(accountId: string, tokens: readonly string[]): Promise<boolean> {
  for (const undoToken of [...tokens].reverse()) await invoke('mail.undo', { accountId, undoToken });
  return true;
}
