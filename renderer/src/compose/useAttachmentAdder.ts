// Adding attachments, from main's file dialog (tokens), a drop or a paste (bytes read here):
// a risky file (shared/attachment-risk.ts) waits for the user's "Vẫn đính kèm" first; the
// others go in at once.
import { useState } from 'react';
import type { PickedAttachment } from '../../../shared/compose.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import type { AttachmentItem } from './draft.ts';
import { nextAttachmentId, readFiles } from './readFiles.ts';

export interface AttachmentAdder {
  /** Risky files waiting for a decision. */
  pending: AttachmentItem[];
  error: UiError | null;
  /** Names of dropped or pasted files that could not be read. */
  unreadable: string[];
  pick(): void;
  addFiles(files: File[]): void;
  confirm(): void;
  cancel(): void;
}

const fromPicked = (p: PickedAttachment): AttachmentItem => ({
  id: nextAttachmentId('picked'),
  name: p.name,
  size: p.size,
  contentType: p.contentType,
  risky: p.risky,
  payload: { kind: 'picked', token: p.token },
});

export function useAttachmentAdder(
  current: () => AttachmentItem[],
  set: (v: AttachmentItem[]) => void,
): AttachmentAdder {
  const [pending, setPending] = useState<AttachmentItem[]>([]);
  const [error, setError] = useState<UiError | null>(null);
  const [unreadable, setUnreadable] = useState<string[]>([]);

  const add = (items: AttachmentItem[]) => {
    const safe = items.filter((i) => !i.risky);
    if (safe.length > 0) set([...current(), ...safe]);
    const risky = items.filter((i) => i.risky);
    if (risky.length > 0) setPending((p) => [...p, ...risky]);
  };
  return {
    pending,
    error,
    unreadable,
    pick: () => {
      setError(null);
      invoke('compose.pickAttachments', {})
        .then((picked) => add(picked.map(fromPicked)))
        .catch((e: unknown) => setError(toUiError(e)));
    },
    addFiles: (files) => {
      if (files.length === 0) return;
      void readFiles(files).then(({ items, failed }) => {
        setUnreadable(failed);
        add(items);
      });
    },
    confirm: () => {
      set([...current(), ...pending]);
      setPending([]);
    },
    cancel: () => setPending([]),
  };
}
