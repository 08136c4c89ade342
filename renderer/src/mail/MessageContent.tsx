// Everything of an open message below its headers: attachments, the legacy-
// encoding note, the remote-content bar and the body. Owns sanitizing (so
// inline cid: images are not listed again as attachments) and the per-message
// remote-image state: loaded on request, or automatically for allowed senders.
import type { MessageDetail } from '../../../shared/mail.ts';
import { AttachmentList } from '../main/AttachmentList.tsx';
import { LegacyEncodingNote } from './LegacyEncodingNote.tsx';
import './mail.css';
import { MessageBody } from './MessageBody.tsx';
import { RemoteAutoNote, RemoteContentBar } from './RemoteContentBar.tsx';
import { useRemoteImages } from './useRemoteImages.ts';
import { normalizeContentId } from './urls.ts';

/** accountId: the message's account; without it nothing can be fetched or saved (the buttons are disabled). */
export function MessageContent({ message, accountId: givenAccountId }: { message: MessageDetail; accountId?: string }) {
  const accountId = givenAccountId ?? null;
  const { current, sanitized, requestable, sender, senderAllowed, senders, load } = useRemoteImages(message, accountId);

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
