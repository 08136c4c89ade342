// Autosave of the message being written: a few seconds after the user stops typing, and only
// when something changed since the last save, the composer's content goes to drafts.save
// (committed on this PC first, then to the server's Drafts folder). One save at a time; the
// draft's id, given by the first save, continues it. "Gửi" waits for a save on the wire and
// passes the id (the outbox removes the draft once the message is queued).
import { useEffect, useRef, useState } from 'react';
import type { ComposeInput, DraftSaved } from '../../../shared/compose.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { useStable } from '../hooks/useStable.ts';

export const AUTOSAVE_DELAY_MS = 2500;

export interface Autosave {
  /** The last save's answer (where it is), null before the first. */
  saved: DraftSaved | null;
  saving: boolean;
  /** The last save failed even on this PC. */
  error: UiError | null;
  /** The content changed: save once typing pauses. */
  touch(): void;
  /** Saves now if anything changed; the draft's id (null when nothing was ever saved, or this save failed). */
  saveNow(): Promise<string | null>;
  /** No timer left, no save on the wire: the draft's id as it stands. */
  settle(): Promise<string | null>;
}

export function useDraftAutosave(opts: {
  initialId: string | null;
  /** The compose input to save, or null when nothing differs from what the composer opened with. */
  snapshot(): ComposeInput | null;
  delayMs?: number;
}): Autosave {
  const [saved, setSaved] = useState<DraftSaved | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const id = useRef(opts.initialId);
  const last = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const snapshot = useStable(opts.snapshot);
  const live = useRef(true);

  const clear = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  const once = async (): Promise<string | null> => {
    const input = snapshot();
    const json = input ? JSON.stringify(input) : null;
    if (!input || json === last.current) return id.current;
    setSaving(true);
    try {
      const answer = await invoke('drafts.save', { ...(id.current ? { draftId: id.current } : {}), input });
      id.current = answer.id;
      last.current = json;
      if (live.current) {
        setSaved(answer);
        setError(null);
      }
      return id.current;
    } catch (e) {
      if (live.current) setError(toUiError(e));
      return null;
    } finally {
      if (live.current) setSaving(false);
    }
  };
  const saveNow = () => {
    clear();
    const next = chain.current.then(once, once);
    chain.current = next;
    return next;
  };
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
      clear();
    };
  }, []);
  return {
    saved,
    saving,
    error,
    touch: () => {
      clear();
      timer.current = setTimeout(() => void saveNow(), opts.delayMs ?? AUTOSAVE_DELAY_MS);
    },
    saveNow,
    settle: async () => {
      clear();
      await chain.current.catch(() => undefined);
      return id.current;
    },
  };
}
