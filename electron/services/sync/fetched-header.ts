// A fetched message's headers in two steps: read off imapflow's result (cheap, on the thread
// reading the IMAP stream), then decoded into a CachedHeader (the one decoder: charsets, RFC 2047,
// TCVN3/VNI, NFC), which a sync does on the writer thread (cache-writer.ts) so the two threads
// share the work instead of the reading one doing it all.
import { Buffer } from 'node:buffer';
import type { FetchMessageObject } from 'imapflow';
import type { CachedHeader } from '../cache/mail-cache.ts';
import { hasAttachment } from '../mail/message-list.ts';
import { attachmentNames, displayHeadersOf, storedFlags, type EnvelopeNames } from './structure.ts';

/** What a HeaderSink carries: plain data, quick to copy to another thread. */
export interface FetchedHeader extends Pick<
  CachedHeader,
  | 'uid'
  | 'modseq'
  | 'flags'
  | 'date'
  | 'internalDate'
  | 'size'
  | 'messageId'
  | 'inReplyTo'
  | 'hasAttachments'
  | 'attachmentNames'
> {
  /** The raw header fields (BODY.PEEK[HEADER.FIELDS]), one character per byte (latin1); '' when not fetched. */
  fields: string;
  /** The ENVELOPE's names, read only when the raw fields were not fetched. */
  envelope: EnvelopeNames | null;
}

/** The parts of a FETCH result the cache keeps, undecoded. */
export function readFetched(msg: FetchMessageObject): FetchedHeader {
  const env = msg.envelope;
  const date = env?.date ? new Date(env.date).getTime() : NaN;
  const internal = msg.internalDate ? new Date(msg.internalDate).getTime() : NaN;
  const fields = msg.headers && msg.headers.length > 0 ? msg.headers.toString('latin1') : '';
  return {
    uid: msg.uid,
    modseq: msg.modseq ?? null,
    flags: storedFlags(msg.flags),
    // No usable Date header: null here, the cache stores the INTERNALDATE and marks it.
    date: Number.isFinite(date) ? date : null,
    internalDate: Number.isFinite(internal) ? internal : null,
    size: msg.size ?? 0,
    messageId: env?.messageId ?? null,
    inReplyTo: env?.inReplyTo ?? null,
    fields,
    envelope: fields ? null : { subject: env?.subject, from: env?.from, to: env?.to, cc: env?.cc },
    hasAttachments: msg.bodyStructure ? hasAttachment(msg.bodyStructure) : false,
    attachmentNames: msg.bodyStructure ? attachmentNames(msg.bodyStructure) : [],
  };
}

/** Decodes what readFetched kept into the cache's form. */
export function decodeFetched(f: FetchedHeader): CachedHeader {
  const block = f.fields ? Buffer.from(f.fields, 'latin1') : undefined;
  const extra = parseHeaderBlock(f.fields);
  const shown = displayHeadersOf(block, f.envelope ?? undefined);
  return {
    uid: f.uid,
    modseq: f.modseq,
    flags: f.flags,
    date: f.date,
    internalDate: f.internalDate,
    size: f.size,
    subject: shown.subject,
    from: shown.from,
    to: shown.to,
    cc: shown.cc,
    messageId: f.messageId,
    inReplyTo: f.inReplyTo,
    references: (extra.references ?? '').match(/<[^>]+>/g) ?? [],
    hasAttachments: f.hasAttachments,
    attachmentNames: f.attachmentNames,
    importance: extra.importance,
    priority: extra.priority,
    xPriority: extra['x-priority'],
  };
}

export function toHeader(msg: FetchMessageObject): CachedHeader {
  return decodeFetched(readFetched(msg));
}

/** Unfolds the few header fields we asked for into lower-case keys. */
function parseHeaderBlock(text: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (!text) return out;
  for (const line of text.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}
