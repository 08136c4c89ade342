import type { FetchMessageObject, MessageStructureObject } from 'imapflow';
import type { Address } from '../../../shared/mail.ts';
import { decodeHeader, decodeHeaders } from '../mail/decode/decode-headers.ts';
import { withoutRecent } from '../mail/decode/flags.ts';

/** File names of the attachments in a body structure, for search and the list's marker. */
export function attachmentNames(node: MessageStructureObject): string[] {
  if (node.childNodes?.length) return node.childNodes.flatMap(attachmentNames);
  const name = node.dispositionParameters?.filename ?? node.parameters?.name;
  return name && !node.type.startsWith('text/') ? [decodeHeader(name)] : [];
}

/**
 * The raw header fields the one decoder (mail/decode) reads for the list, search and directives,
 * fetched with BODY.PEEK[HEADER.FIELDS (...)]: the server's ENVELOPE has already turned raw 8-bit
 * bytes that are not UTF-8 into U+FFFD, and reads labelled-but-wrong charsets by their label.
 */
export const DISPLAY_HEADER_FIELDS = ['subject', 'from', 'to', 'cc', 'content-type'] as const;

export interface DisplayHeaders {
  subject: string;
  from: Address[];
  to: Address[];
  cc: Address[];
}

/**
 * Subject and addresses of a fetched message as every view shows them: decoded from the raw
 * header fields when they were fetched, else (an older caller) from the ENVELOPE's strings.
 */
export function displayHeaders(msg: FetchMessageObject): DisplayHeaders {
  if (msg.headers && msg.headers.length > 0) {
    const { subject, from, to, cc } = decodeHeaders(msg.headers);
    return { subject, from, to, cc };
  }
  const env = msg.envelope;
  const list = (l: { name?: string; address?: string }[] | undefined): Address[] =>
    (l ?? []).map((a) => ({ name: decodeHeader(a.name ?? ''), address: (a.address ?? '').trim() }));
  return { subject: decodeHeader(env?.subject ?? ''), from: list(env?.from), to: list(env?.to), cc: list(env?.cc) };
}

/** Flags as stored: sorted, without the session-only \Recent. */
export function storedFlags(flags: Set<string> | undefined): string[] {
  return withoutRecent(flags).sort();
}
