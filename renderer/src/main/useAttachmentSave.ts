// Saving a message's attachments through main's native dialog: which one is
// being saved, where each went, the last failure, and the risky one waiting
// for confirmation. All of it belongs to one message and is forgotten when
// another opens.
import { useState } from 'react';
import { invoke, toUiError, type UiError } from '../api.ts';

/** Where the attachments come from; accountId null while it is not known (saving disabled). */
export interface AttachmentSource {
  accountId: string | null;
  folder: string;
  uid: number;
}

interface SaveState {
  /** The message the state belongs to. */
  key: string;
  busy: number | null;
  saved: Record<number, string>;
  error: UiError | null;
}

export interface AttachmentSave {
  /** The attachment being saved. */
  busy: number | null;
  /** Where each saved attachment went. */
  saved: Record<number, string>;
  error: UiError | null;
  /** The risky attachment waiting for the confirmation, if any. */
  confirming: number | null;
  askConfirmation(index: number): void;
  cancelConfirmation(): void;
  save(index: number): Promise<void>;
}

export function useAttachmentSave(source: AttachmentSource): AttachmentSave {
  const key = JSON.stringify([source.accountId, source.folder, source.uid]);
  const [state, setState] = useState<SaveState | null>(null);
  const [confirming, setConfirming] = useState<{ key: string; index: number } | null>(null);
  const current = state?.key === key ? state : { key, busy: null, saved: {}, error: null };

  async function save(index: number): Promise<void> {
    setConfirming(null);
    if (!source.accountId) return;
    setState({ ...current, busy: index, error: null });
    try {
      const result = await invoke('attachments.save', {
        accountId: source.accountId,
        folder: source.folder,
        uid: source.uid,
        index,
      });
      setState((s) => {
        const base = s?.key === key ? s : current;
        const saved = result.saved && result.path ? { ...base.saved, [index]: result.path } : base.saved;
        return { ...base, busy: null, saved };
      });
    } catch (error) {
      setState((s) => ({ ...(s?.key === key ? s : current), busy: null, error: toUiError(error) }));
    }
  }

  return {
    busy: current.busy,
    saved: current.saved,
    error: current.error,
    confirming: confirming?.key === key ? confirming.index : null,
    askConfirmation: (index) => setConfirming({ key, index }),
    cancelConfirmation: () => setConfirming(null),
    save,
  };
}
