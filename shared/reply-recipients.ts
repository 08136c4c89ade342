// Who a reply goes to, and the threading headers it carries (RFC 5322 §3.6.3, §3.6.4).
import type { Address } from './mail.ts';
import { addressKey } from './recipients.ts';

/** The parts of the original message a reply needs (a subset of MessageDetail). */
export interface ReplyOriginal {
  from: Address[];
  to: Address[];
  cc: Address[];
  replyTo: Address[];
}

export type ReplyMode = 'reply' | 'reply-all';

export interface ReplyRecipients {
  to: Address[];
  cc: Address[];
}

function clean(list: readonly Address[]): Address[] {
  return list
    .map((a) => ({ name: a.name.normalize('NFC').trim(), address: a.address.normalize('NFC').trim() }))
    .filter((a) => a.address.includes('@'));
}

/** Keeps the first of each address (case-insensitive) not in `exclude`, and records it there. */
function take(list: readonly Address[], exclude: Set<string>): Address[] {
  const out: Address[] = [];
  for (const a of list) {
    const key = addressKey(a.address);
    if (exclude.has(key)) continue;
    exclude.add(key);
    out.push(a);
  }
  return out;
}

/**
 * The recipients of a reply.
 * - reply: Reply-To when the original has one, else From;
 * - reply-all: that, plus the original To (in To) and Cc (in Cc), without our own addresses and
 *   without duplicates;
 * - a message we sent ourselves (From is one of `ownAddresses`, e.g. in Sent): the reply goes to
 *   its To again (and, for reply-all, its Cc), as a follow-up; if it was addressed only to
 *   ourselves, to ourselves.
 * `ownAddresses`: every address of the user here (the unit mailbox, the delegate's own, aliases).
 */
export function replyRecipients(
  original: ReplyOriginal,
  mode: ReplyMode,
  ownAddresses: readonly string[],
): ReplyRecipients {
  const own = new Set(ownAddresses.map(addressKey));
  const from = clean(original.from);
  const to = clean(original.to);
  const cc = clean(original.cc);
  const replyTo = clean(original.replyTo);

  if (from.some((a) => own.has(addressKey(a.address)))) {
    const others = to.filter((a) => !own.has(addressKey(a.address)));
    const again = take(others.length > 0 ? others : to, new Set());
    const seen = new Set([...own, ...again.map((a) => addressKey(a.address))]);
    return { to: again, cc: mode === 'reply-all' ? take(cc, seen) : [] };
  }

  const primary = take(replyTo.length > 0 ? replyTo : from, new Set());
  if (mode === 'reply') return { to: primary, cc: [] };
  // Our own addresses leave the list, except when the one to answer is us (a Reply-To of ours).
  const seen = new Set([...own, ...primary.map((a) => addressKey(a.address))]);
  return { to: [...primary, ...take(to, seen)], cc: take(cc, seen) };
}

/** How many ids of a long References chain are kept after the first (RFC 5322 §3.6.4 practice). */
export const REFERENCES_KEEP_LAST = 10;

/** Every message id in header text or a list of them, with angle brackets, in order. */
export function messageIds(input: string | readonly string[] | null | undefined): string[] {
  if (input === null || input === undefined) return [];
  const text = typeof input === 'string' ? input : input.join(' ');
  const ids: string[] = [];
  for (const token of text.match(/<[^<>]*>|[^\s<>,]+/g) ?? []) {
    const bare = token.replace(/^<|>$/g, '').trim();
    if (bare !== '' && !/\s/.test(bare)) ids.push(`<${bare}>`);
  }
  return ids;
}

/**
 * The threading headers of a reply to (or forward of) `original`: In-Reply-To is its Message-ID;
 * References is its References followed by its Message-ID, duplicates removed, trimmed to the
 * first id (the thread's root) and the last REFERENCES_KEEP_LAST when longer.
 */
export function referencesFor(original: { messageId: string | null; references?: string | readonly string[] | null }): {
  inReplyTo: string | null;
  references: string[];
} {
  const parent = messageIds(original.messageId)[0] ?? null;
  // Ids compare exactly (the left part of a Message-ID is case-sensitive); the parent's id goes
  // last even when it already appears in its own References.
  const seen = new Set<string>(parent ? [parent] : []);
  const chain: string[] = [];
  for (const id of messageIds(original.references)) {
    if (seen.has(id)) continue;
    seen.add(id);
    chain.push(id);
  }
  if (parent) chain.push(parent);
  const references =
    chain.length > REFERENCES_KEEP_LAST + 1 ? [chain[0] ?? '', ...chain.slice(-REFERENCES_KEEP_LAST)] : chain;
  return { inReplyTo: parent, references };
}
