// The remote images of an open message: blocked by default, loaded on
// request (once, or always for its sender) or automatically for allowed
// senders. The markup is sanitized again with the images once they are here;
// the first pass (without them) says what is blocked and may be requested.
import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import type { MessageDetail } from '../../../shared/mail.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import type { RemotePhase } from './RemoteContentBar.tsx';
import { sanitizeMailHtml, type SanitizedMail } from './sanitize.ts';
import { normalizeSender, useAllowedSenders, type AllowedSenders } from './useAllowedSenders.ts';
import { loadedImageMap } from './urls.ts';

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

export interface RemoteImages {
  /** This message's remote-image state, once something was asked for. */
  current: RemoteState | null;
  sanitized: SanitizedMail | null;
  /** The http(s) images main may fetch. */
  requestable: string[];
  /** The one sender "always load" can apply to. */
  sender: string | null;
  senderAllowed: boolean;
  senders: AllowedSenders;
  load(auto: boolean, allowSender?: boolean): Promise<void>;
}

export function useRemoteImages(message: MessageDetail, accountId: string | null): RemoteImages {
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
        // Main loads an automatic request only for a sender its server authenticated.
        auto: auto && !allowSender,
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

  return { current, sanitized, requestable, sender, senderAllowed, senders, load };
}
