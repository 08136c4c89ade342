// Which composer is open, and what happens around it: opening one for a new message, a reply
// or a forward (with the sending address's signature put in); reopening a saved draft; after
// "Gửi" the notice with "Hoàn tác" counting down to the entry's sendAfter; "Hoàn tác" takes the
// message back from the outbox and reopens the composer with it. And which list window is
// open: "Hộp thư đi" or "Thư nháp".
import { createElement, useRef, useState } from 'react';
import type { ComposeInput, ComposeMode, OutboxEntry } from '../../../shared/compose.ts';
import { invoke, toUiError } from '../api.ts';
import { useStable } from '../hooks/useStable.ts';
import { useT } from '../i18n/useT.ts';
import type { ToastApi } from '../main/Toasts.tsx';
import { draftFromInput, emptyDraft, type ComposeDraft } from './draft.ts';
import { autoSignature, withSignature, type RenderedSignature } from './signature.ts';
import { UndoCountdown } from './UndoCountdown.tsx';
import type { ComposeSession } from './useComposerState.ts';

export type ComposePanel = 'outbox' | 'drafts';

export interface ComposeHost {
  session: ComposeSession | null;
  outboxOpen: boolean;
  panel: ComposePanel | null;
  /** A window of the composer's is open (the mail view's keys wait). */
  busy: boolean;
  open(mode: ComposeMode, draft?: ComposeDraft): void;
  /** A saved message again (a draft, or one taken back): no new signature. */
  reopen(input: ComposeInput, draftId: string | null, known?: ComposeDraft): void;
  close(): void;
  onQueued(entry: OutboxEntry, draft: ComposeDraft): void;
  undo(entryId: string): Promise<void>;
  showOutbox(open: boolean): void;
  showPanel(panel: ComposePanel | null): void;
}

const modeOf = (input: ComposeInput): ComposeMode =>
  input.original?.mode === 'reply' ? 'reply' : input.original?.mode === 'forward' ? 'forward' : 'new';

async function signatureFor(address: string): Promise<RenderedSignature | null> {
  return invoke('signatures.get', { address })
    .then((r) => autoSignature(r.signature))
    .catch(() => null);
}

export function useComposeHost(accountId: string, toasts: ToastApi, accountEmail = ''): ComposeHost {
  const { t } = useT('compose');
  const [session, setSession] = useState<ComposeSession | null>(null);
  const [panel, setPanel] = useState<ComposePanel | null>(null);
  const nextKey = useRef(1);
  /** What was sent, by entry: "Hoàn tác" gives the attachments back their names. */
  const sent = useRef(new Map<string, { mode: ComposeMode; draft: ComposeDraft }>());

  const show = (next: Omit<ComposeSession, 'key'>, key = nextKey.current++) => {
    setPanel(null);
    setSession({ key, ...next });
  };
  const open = useStable((mode: ComposeMode, draft: ComposeDraft = emptyDraft()) => {
    const key = nextKey.current++;
    void signatureFor(draft.from || accountEmail).then((signature) => {
      const body = withSignature({ html: draft.html, text: draft.text }, signature);
      show({ mode, draft: { ...draft, ...body }, signature }, key);
    });
  });
  const reopen = useStable((input: ComposeInput, draftId: string | null, known?: ComposeDraft) =>
    show({ mode: modeOf(input), draft: draftFromInput(input, known?.attachments), draftId }),
  );
  const undo = useStable(async (entryId: string) => {
    try {
      const { input } = await invoke('outbox.undo', { accountId, id: entryId });
      const before = sent.current.get(entryId);
      sent.current.delete(entryId);
      const draft = draftFromInput(input, before?.draft.attachments);
      show({ mode: before?.mode ?? modeOf(input), draft, draftId: input.draftId ?? null });
    } catch (e) {
      toasts.push({ kind: 'error', text: toUiError(e).payload.messageVi, testId: 'toast-undo-failed' });
    }
  });
  const onQueued = useStable((entry: OutboxEntry, draft: ComposeDraft) => {
    sent.current.set(entry.id, { mode: session?.mode ?? 'new', draft });
    setSession(null);
    const until = Date.parse(entry.sendAfter);
    const left = until - Date.now();
    toasts.push({
      text: t('queued'),
      testId: 'toast-queued',
      ...(left > 0
        ? {
            timeout: left,
            action: {
              label: createElement(UndoCountdown, { until }),
              run: () => void undo(entry.id),
              testId: 'toast-undo-send',
            },
          }
        : {}),
    });
  });
  return {
    session,
    outboxOpen: panel === 'outbox',
    panel,
    busy: session !== null || panel !== null,
    open,
    reopen,
    close: useStable(() => setSession(null)),
    onQueued,
    undo,
    showOutbox: (o: boolean) => setPanel(o ? 'outbox' : null),
    showPanel: setPanel,
  };
}
