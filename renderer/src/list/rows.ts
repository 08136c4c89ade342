// One row of the message list, whatever produced it (a folder window from the
// cache, search hits, the directives view, a conversation). A row is keyed by
// folder + UID, which is what every mail action needs, so a selection never
// has to be re-resolved through the list to act on it.
import type { CachedSummary, SearchHit } from '../../../shared/mail.ts';

export type RowMessage = CachedSummary & { source?: SearchHit['source'] };

export interface ListRow {
  key: string;
  msg: RowMessage;
  /** 0 for a message or a conversation's newest message, 1 for the rest of an expanded conversation. */
  depth: 0 | 1;
  /** Messages in the conversation (conversation view, heads only). */
  threadSize?: number;
  expanded?: boolean;
}

export interface MessageRef {
  folder: string;
  uid: number;
}

// A newline cannot occur in an IMAP folder name the app shows, so it separates safely.
export const rowKey = (folder: string, uid: number): string => `${folder}\n${uid}`;

export function parseRowKey(key: string): MessageRef {
  const cut = key.lastIndexOf('\n');
  return { folder: key.slice(0, cut), uid: Number(key.slice(cut + 1)) };
}

export const toRow = (msg: RowMessage): ListRow => ({ key: rowKey(msg.folder, msg.uid), msg, depth: 0 });

export const isUnread = (m: { flags: readonly string[] }): boolean => !m.flags.includes('\\Seen');
export const isFlagged = (m: { flags: readonly string[] }): boolean => m.flags.includes('\\Flagged');

/** Applies an IMAP flag change to a row's flags (optimistic update). */
export function withFlags(flags: readonly string[], add: readonly string[], remove: readonly string[]): string[] {
  const next = flags.filter((f) => !remove.includes(f));
  for (const f of add) if (!next.includes(f)) next.push(f);
  return next;
}

/** Groups refs by folder, for calls that take one folder and many UIDs. */
export function byFolder(refs: readonly MessageRef[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const { folder, uid } of refs) {
    const list = groups.get(folder);
    if (list) list.push(uid);
    else groups.set(folder, [uid]);
  }
  return groups;
}
