// The composer's state: the form, the body, autosave, sending, attachments, the signature that
// follows From, and the close question ("Lưu nháp" / "Bỏ thư" / "Tiếp tục soạn").
import { useEffect, useEffectEvent, useRef, useState, type RefObject } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { ComposeMode, OutboxEntry } from '../../../shared/compose.ts';
import type { MailSignature } from '../../../shared/mail-signature.ts';
import { invoke } from '../api.ts';
import { useModalFocus } from '../components/useModalFocus.ts';
import type { BodyHandle } from './BodyEditor.tsx';
import { hasContent, toComposeInput, type ComposeDraft } from './draft.ts';
import { autoSignature, type RenderedSignature } from './signature.ts';
import { useAttachmentAdder } from './useAttachmentAdder.ts';
import { useComposeSend } from './useComposeSend.ts';
import { useDraftAutosave } from './useDraftAutosave.ts';

export interface ComposeSession {
  /** Changes for every composer opened, so a new one starts from its own draft. */
  key: number;
  mode: ComposeMode;
  draft: ComposeDraft;
  /** The saved draft this composer continues (reopened from Thư nháp, or taken back by "Hoàn tác"). */
  draftId?: string | null;
  /** The signature put in the body when it opened (for draft.from), to swap when From changes. */
  signature?: RenderedSignature | null;
}

export interface ComposerProps {
  accountId: string;
  /** The account's own address: the signature of From '' (sending as the account). */
  accountEmail: string;
  session: ComposeSession;
  onClose(): void;
  onQueued(entry: OutboxEntry, draft: ComposeDraft): void;
}

/** When From changes, the body's signature becomes the new address's (the user's edits elsewhere stay). */
function useSignatureFollowsFrom(
  from: string,
  accountEmail: string,
  initial: ComposeSession,
  body: RefObject<BodyHandle | null>,
) {
  const current = useRef<RenderedSignature | null>(initial.signature ?? null);
  const shownFor = useRef(initial.draft.from);
  const swap = useEffectEvent((next: RenderedSignature | null) => {
    body.current?.swapSignature(current.current, next);
    current.current = next;
  });
  useEffect(() => {
    if (from === shownFor.current) return;
    shownFor.current = from;
    let live = true;
    invoke('signatures.get', { address: from || accountEmail })
      .then((r) => live && swap(autoSignature(r.signature)))
      .catch(() => live && swap(null));
    return () => {
      live = false;
    };
  }, [from, accountEmail]);
  return {
    swap: (sig: MailSignature | null) => {
      body.current?.swapSignature(current.current, autoSignature(sig));
      current.current = autoSignature(sig);
    },
  };
}

export function useComposerState({ accountId, accountEmail, session, onClose, onQueued }: ComposerProps) {
  const initial = session.draft;
  const form = useForm<ComposeDraft>({ defaultValues: initial });
  const { control, getValues, setValue } = form;
  const plain = useWatch({ control, name: 'plain' });
  const from = useWatch({ control, name: 'from' });
  const attachments = useWatch({ control, name: 'attachments' });
  const body = useRef<BodyHandle>(null);
  const card = useRef<HTMLDivElement>(null);
  const [asking, setAsking] = useState(false);
  const [editingSignature, setEditingSignature] = useState(false);
  /** The form's values with the body as the editor has it now. */
  const current = (): ComposeDraft => ({ ...getValues(), ...(body.current?.read() ?? {}) });
  const changed = () => hasContent(current(), initial, body.current?.openingText());
  const autosave = useDraftAutosave({
    initialId: session.draftId ?? null,
    snapshot: () => (changed() ? toComposeInput(current(), accountId) : null),
  });
  const sender = useComposeSend(accountId, onQueued, async () => {
    const draftId = await autosave.settle();
    return draftId ? { draftId } : {};
  });
  const adder = useAttachmentAdder(
    () => getValues('attachments'),
    (v) => setValue('attachments', v, { shouldDirty: true }),
  );
  const signature = useSignatureFollowsFrom(from, accountEmail, session, body);
  const touch = useEffectEvent(() => autosave.touch());
  useEffect(() => form.subscribe({ formState: { values: true }, callback: () => touch() }), [form]);
  const requestClose = () => (changed() ? setAsking(true) : onClose());
  useModalFocus(card, requestClose);
  const focusTo = initial.to.length === 0;
  useEffect(() => {
    if (!focusTo) body.current?.focus();
  }, [focusTo]);
  return {
    initial,
    form,
    plain,
    from,
    attachments,
    body,
    card,
    asking,
    setAsking,
    editingSignature,
    setEditingSignature,
    signature,
    autosave,
    sender,
    adder,
    focusTo,
    requestClose,
    send: () => void sender.send(current()),
    /** "Lưu nháp": saved now, then closed (kept open if even this PC refused it). */
    saveAndClose: async () => {
      const id = await autosave.saveNow();
      if (id) onClose();
      else setAsking(false);
    },
    /** "Bỏ thư": closed, and the draft autosaved meanwhile removed. */
    discard: async () => {
      const id = await autosave.settle();
      onClose();
      if (id) await invoke('drafts.remove', { accountId, draftId: id }).catch(() => undefined);
    },
  };
}
export type ComposerState = ReturnType<typeof useComposerState>;
