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

/** The ENVELOPE's subject and addresses (imapflow's strings), the fallback when the raw fields were not fetched. */
export interface EnvelopeNames {
  subject?: string | undefined;
  from?: Array<{ name?: string; address?: string }> | undefined;
  to?: Array<{ name?: string; address?: string }> | undefined;
  cc?: Array<{ name?: string; address?: string }> | undefined;
}

/**
 * Subject and addresses of a fetched message as every view shows them: decoded from the raw
 * header fields when they were fetched, else (an older caller) from the ENVELOPE's strings.
 */
export function displayHeaders(msg: FetchMessageObject): DisplayHeaders {
  return displayHeadersOf(msg.headers, msg.envelope);
}

/** displayHeaders from the raw header block and the ENVELOPE, however they were carried. */
export function displayHeadersOf(block: Uint8Array | undefined, env: EnvelopeNames | undefined): DisplayHeaders {
  if (block && block.length > 0) {
    const { subject, from, to, cc } = decodeHeaders(block);
    return { subject, from, to, cc };
  }
  const list = (l: EnvelopeNames['from']): Address[] =>
    (l ?? []).map((a) => ({ name: decodeHeader(a.name ?? ''), address: (a.address ?? '').trim() }));
  return { subject: decodeHeader(env?.subject ?? ''), from: list(env?.from), to: list(env?.to), cc: list(env?.cc) };
}

/** Flags as stored: sorted, without the session-only \Recent. */
export function storedFlags(flags: Set<string> | undefined): string[] {
  return withoutRecent(flags).sort();
}
