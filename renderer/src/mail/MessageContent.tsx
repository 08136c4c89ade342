// Everything of an open message below its headers: attachments, the legacy-
// encoding note, the remote-content bar and the body. Owns sanitizing (so
// inline cid: images are not listed again as attachments) and the per-message
// remote-image state: loaded on request, or automatically for allowed senders.
import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import type { MessageDetail } from '../../../shared/mail.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { AttachmentList } from '../main/AttachmentList.tsx';
import { LegacyEncodingNote } from './LegacyEncodingNote.tsx';
import './mail.css';
import { MessageBody } from './MessageBody.tsx';
import { RemoteAutoNote, RemoteContentBar, type RemotePhase } from './RemoteContentBar.tsx';
import { sanitizeMailHtml } from './sanitize.ts';
import { normalizeSender, useAllowedSenders } from './useAllowedSenders.ts';
import { loadedImageMap, normalizeContentId } from './urls.ts';

interface RemoteState {
  /** The message it belongs to: a load finishing after the reader moved on is ignored. */
  key: string;
  phase: Exclude<RemotePhase, 'idle'>;
  images: Record<string, string>;
  error: UiError | null;
  /** Loaded because the sender is allowed, not by a click on this message. */
  auto: boolean;
}

const NO_IMAGES: Record<string, string> = {};

/** The one sender "always load" can apply to (a message with several From addresses gets none). */
function singleSender(message: MessageDetail): string | null {
  if (message.from.length !== 1) return null;
  const address = normalizeSender(message.from[0]?.address ?? '');
  return /^[^\s@]+@[^\s@]+$/.test(address) ? address : null;
}

/** accountId: the message's account; without it nothing can be fetched or saved (the buttons are disabled). */
export function MessageContent({ message, accountId: givenAccountId }: { message: MessageDetail; accountId?: string }) {
  const accountId = givenAccountId ?? null;
  const key = JSON.stringify([accountId, message.folder, message.uid]);
  const [remote, setRemote] = useState<RemoteState | null>(null);
  const current = remote?.key === key ? remote : null;
  const loadedImages = current?.phase === 'loaded' ? current.images : NO_IMAGES;

  // First pass without remote images: what is blocked and what may be requested.
  const initial = useMemo(
    () => (message.html ? sanitizeMailHtml(message.html, message.inlineImages) : null),
    [message.html, message.inlineImages],
  );
  const sanitized = useMemo(
    () =>
      message.html && loadedImages !== NO_IMAGES
        ? sanitizeMailHtml(message.html, message.inlineImages, loadedImages)
        : initial,
    [message.html, message.inlineImages, loadedImages, initial],
  );
  const requestable = initial?.remoteImageUrls ?? [];
  const sender = singleSender(message);
  const senders = useAllowedSenders(accountId, requestable.length > 0);
  const senderAllowed = sender !== null && (senders.allowed?.includes(sender) ?? false);

  /**
   * Asks main for the http(s) images. With allowSender, first adds the sender
   * to the allowed list; the state is 'loading' before that, so the auto-load
   * effect (which the new list would trigger) does not fetch a second time.
   */
  async function load(auto: boolean, allowSender = false): Promise<void> {
    if (!accountId || requestable.length === 0) return;
    const thisKey = key;
    setRemote({ key: thisKey, phase: 'loading', images: NO_IMAGES, error: null, auto });
    try {
      if (allowSender && sender) await senders.setAllowed(sender, true);
      const answer = await invoke('mail.remoteImages', {
        accountId,
        folder: message.folder,
        uid: message.uid,
        urls: requestable,
      });
      // Only what was asked for, and only base64 raster images, whatever main sent.
      const images = Object.fromEntries(loadedImageMap(answer, requestable));
      setRemote((s) => (s?.key === thisKey ? { ...s, phase: 'loaded', images } : s));
    } catch (error) {
      setRemote((s) => (s?.key === thisKey ? { ...s, phase: 'error', error: toUiError(error) } : s));
    }
  }

  // Allowed senders: load as soon as the message (and the list) is known.
  const autoLoad = useEffectEvent(() => void load(true));
  const untouched = current === null;
  useEffect(() => {
    if (senderAllowed && untouched && requestable.length > 0) autoLoad();
  }, [senderAllowed, untouched, requestable.length, key]);

  const attachments = message.attachments.filter(
    (a) => !(a.contentId && sanitized?.usedCids.has(normalizeContentId(a.contentId))),
  );

  const notices = sanitized && (
    <>
      <RemoteContentBar
        blocked={sanitized.blocked}
        loadable={requestable.length}
        phase={current?.phase ?? 'idle'}
        error={current?.error ?? null}
        sender={sender}
        canLoad={accountId !== null}
        onLoadOnce={() => void load(false)}
        onLoadAlways={() => void load(false, true)}
      />
      {current?.auto && current.phase === 'loaded' && sender && senderAllowed && (
        <RemoteAutoNote sender={sender} onStop={() => senders.setAllowed(sender, false)} />
      )}
    </>
  );

  return (
    <>
      <AttachmentList attachments={attachments} source={{ accountId, folder: message.folder, uid: message.uid }} />
      <LegacyEncodingNote message={message} />
      <MessageBody message={message} sanitized={sanitized} notices={notices} />
    </>
  );
}
