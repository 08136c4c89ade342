// What Reply, Reply all, Forward and Forward as attachment put in a new composer: the
// recipients (replyRecipients), one subject prefix, the quoted or forwarded original, the
// original's attachments (forward) or the whole message (forward as attachment), and the
// reference that threads the message and flags the original once sent. Pure: the words, the
// date format and the sanitized body come from the caller.
import type { ComposeMode } from '../../../shared/compose.ts';
import { forwardSubject, replySubject, stripReplyPrefixes } from '../../../shared/compose-subject.ts';
import type { Address, MessageDetail } from '../../../shared/mail.ts';
import { formatRecipient } from '../../../shared/recipients.ts';
import { replyRecipients } from '../../../shared/reply-recipients.ts';
import { emptyDraft, type AttachmentItem, type ComposeDraft } from './draft.ts';
import { forwardBody, replyBody, type QuotedBody } from './quote.ts';

export interface PrefillWords {
  /** "Vào {{date}}, {{name}} đã viết:" with the values in. */
  replyHeader(date: string, name: string): string;
  forward: { separator: string; from: string; date: string; subject: string; to: string; cc: string };
  /** The name of a forwarded message attachment, from its subject. */
  messageFile(subject: string): string;
  formatDate(iso: string | null): string;
}

export interface PrefillSource {
  message: MessageDetail;
  /** The original's body for quoting: sanitized HTML (reading's sanitizer, remote blocked) and text. */
  body: QuotedBody;
  /** The account's own addresses (and the unit's), left out of Reply all. */
  ownAddresses: string[];
  /** The message's size when the list knows it (forward as attachment). */
  size?: number | null;
}

export type ReplyMode = Exclude<ComposeMode, 'new'>;

const list = (addresses: Address[]) => addresses.map((a) => formatRecipient(a)).join(', ');
const senderName = (m: MessageDetail) => m.from[0]?.name || m.from[0]?.address || '';

function forwardHeaderLines(m: MessageDetail, w: PrefillWords): string[] {
  const lines = [
    w.forward.separator,
    `${w.forward.from} ${list(m.from)}`,
    `${w.forward.date} ${w.formatDate(m.date)}`,
    `${w.forward.subject} ${m.subject}`,
    `${w.forward.to} ${list(m.to)}`,
  ];
  if (m.cc.length > 0) lines.push(`${w.forward.cc} ${list(m.cc)}`);
  return lines;
}

/** The original's own files, as "part" attachments (inline images shown in its body stay out). */
export function originalParts(m: MessageDetail): AttachmentItem[] {
  return m.attachments
    .filter((a) => !a.inline)
    .map((a) => ({
      id: `part-${a.index}`,
      name: a.filename,
      size: a.size,
      contentType: a.contentType,
      risky: false,
      payload: { kind: 'part' as const, folder: m.folder, uid: m.uid, index: a.index },
    }));
}

export function prefillDraft(mode: ReplyMode, src: PrefillSource, w: PrefillWords): ComposeDraft {
  const m = src.message;
  const draft = emptyDraft();
  if (mode === 'reply' || mode === 'reply-all') {
    const { to, cc } = replyRecipients(m, mode, src.ownAddresses);
    const body = replyBody(w.replyHeader(w.formatDate(m.date), senderName(m)), src.body);
    return {
      ...draft,
      to: to.map((a) => formatRecipient(a)),
      cc: cc.map((a) => formatRecipient(a)),
      subject: replySubject(m.subject),
      ...body,
      original: { folder: m.folder, uid: m.uid, mode: 'reply' },
    };
  }
  const original = { folder: m.folder, uid: m.uid, mode: 'forward' as const };
  if (mode === 'forward-attachment') {
    const item: AttachmentItem = {
      id: 'message',
      name: w.messageFile(stripReplyPrefixes(m.subject)),
      size: src.size ?? null,
      contentType: 'message/rfc822',
      risky: false,
      payload: { kind: 'message', folder: m.folder, uid: m.uid },
    };
    return { ...draft, subject: forwardSubject(m.subject), attachments: [item], original };
  }
  return {
    ...draft,
    subject: forwardSubject(m.subject),
    ...forwardBody(forwardHeaderLines(m, w), src.body),
    attachments: originalParts(m),
    original,
  };
}
