// The folder snapshot: every folder of the personal namespace (\Noselect ones included) with
// UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ, taken with LIST-STATUS (no SELECT, so nothing is
// marked \Recent or \Seen), and the same taken again at the end to prove nothing changed.
import type { ImapFlow, ListResponse } from 'imapflow';
import { compareBagPaths } from '../bag/manifest.ts';
import { folderDirs } from '../bag/folder-dir.ts';
import { folderId } from '../bag/folder-id.ts';

export interface FolderStatus {
  uidValidity: string | null;
  uidNext: number | null;
  highestModseq: string | null;
  messages: number | null;
}

export interface FolderSnapshot extends FolderStatus {
  /** ASCII id, stable across exports: the key of the journals and indexes. */
  id: string;
  /** Directory of its messages under data/eml/: the hierarchy as nested safe names (bag/folder-dir.ts). */
  dir: string;
  /** Decoded (Unicode, NFC as the server sent it) path, e.g. "Chỉ đạo/Đã xử lý". */
  path: string;
  /** The name as the server lists it (modified UTF-7). */
  rawPath: string;
  delimiter: string;
  specialUse: string | null;
  subscribed: boolean;
  selectable: boolean;
  /** LIST attributes as the server gave them, sorted. */
  attributes: string[];
}

const STATUS_QUERY = { messages: true, uidNext: true, uidValidity: true, highestModseq: true } as const;

/** Lists the folders with their status, INBOX first, then by path. */
export async function takeSnapshot(client: ImapFlow): Promise<FolderSnapshot[]> {
  const entries = await client.list({ statusQuery: STATUS_QUERY });
  return withDirs(sortFolders(entries.filter((e) => inPersonalNamespace(client, e)).map(toSnapshot)));
}

/** Sets each folder's directory under data/eml/ (decided by the whole set of folders). */
export function withDirs(folders: FolderSnapshot[]): FolderSnapshot[] {
  const dirs = folderDirs(folders);
  return folders.map((f) => ({ ...f, dir: dirs.get(f.path) as string }));
}

/** Status of every listed folder now, by decoded path (for the end-of-export check). */
export async function currentStatus(client: ImapFlow): Promise<Map<string, FolderStatus & { selectable: boolean }>> {
  const entries = await client.list({ statusQuery: STATUS_QUERY });
  const out = new Map<string, FolderStatus & { selectable: boolean }>();
  for (const e of entries) {
    if (!inPersonalNamespace(client, e)) continue;
    const s = toSnapshot(e);
    out.set(s.path, {
      uidValidity: s.uidValidity,
      uidNext: s.uidNext,
      highestModseq: s.highestModseq,
      messages: s.messages,
      selectable: s.selectable,
    });
  }
  return out;
}

/** Human-readable (English) differences between the start and end snapshots, folder named. */
export function snapshotChanges(
  start: FolderSnapshot[],
  end: Map<string, FolderStatus & { selectable: boolean }>,
  exported: Map<string, number>,
): string[] {
  const changes: string[] = [];
  const known = new Set(start.map((f) => f.path));
  for (const f of start) {
    const now = end.get(f.path);
    if (!now) {
      changes.push(`folder "${f.path}" was deleted or renamed during the export`);
      continue;
    }
    if (!f.selectable) continue;
    if (now.uidValidity !== f.uidValidity)
      changes.push(`folder "${f.path}": UIDVALIDITY changed from ${f.uidValidity} to ${now.uidValidity}`);
    if (now.uidNext !== f.uidNext)
      changes.push(`folder "${f.path}": UIDNEXT changed from ${f.uidNext} to ${now.uidNext} (new messages)`);
    if (now.highestModseq !== f.highestModseq)
      changes.push(
        `folder "${f.path}": HIGHESTMODSEQ changed from ${f.highestModseq} to ${now.highestModseq} (flags changed or messages removed)`,
      );
    const got = exported.get(f.id) ?? 0;
    if (f.messages !== null && got !== f.messages)
      changes.push(`folder "${f.path}": ${f.messages} messages at the start, ${got} exported`);
  }
  for (const path of end.keys()) {
    if (!known.has(path)) changes.push(`folder "${path}" was created during the export`);
  }
  return changes;
}

function toSnapshot(e: ListResponse): FolderSnapshot {
  // \Marked and \Unmarked say whether mail arrived since the folder was last selected: they
  // change by merely looking, so they are no fact about the folder.
  const attributes = [...(e.flags ?? new Set<string>())].filter((a) => !/^\\(un)?marked$/i.test(a)).sort();
  const selectable = !attributes.some((a) => /^\\(noselect|nonexistent)$/i.test(a));
  const status = e.status;
  return {
    id: folderId(e.path),
    dir: '',
    path: e.path,
    rawPath: e.pathAsListed ?? e.path,
    delimiter: e.delimiter ?? '/',
    // Only what the server declares: imapflow also guesses from names ("Sent"), which is not a fact.
    specialUse: e.specialUseSource === 'extension' && e.specialUse ? e.specialUse : null,
    subscribed: Boolean(e.subscribed),
    selectable,
    attributes,
    uidValidity: selectable && status?.uidValidity !== undefined ? String(status.uidValidity) : null,
    uidNext: selectable ? (status?.uidNext ?? null) : null,
    highestModseq: selectable && status?.highestModseq !== undefined ? String(status.highestModseq) : null,
    messages: selectable ? (status?.messages ?? null) : null,
  };
}

/** Other users' folders shared with this mailbox (shared/…) are theirs: not handed over. */
function inPersonalNamespace(client: ImapFlow, e: ListResponse): boolean {
  const ns = client.namespaces;
  const foreign = [...(ns?.other || []), ...(ns?.shared || [])].map((n) => n.prefix).filter((p) => p.length > 0);
  const path = e.pathAsListed ?? e.path;
  return !foreign.some((prefix) => {
    const bare = prefix.replace(/[/.]$/, '');
    return path === bare || path.startsWith(prefix);
  });
}

export function sortFolders(folders: FolderSnapshot[]): FolderSnapshot[] {
  const isInbox = (f: FolderSnapshot) => f.path.toUpperCase() === 'INBOX';
  return [...folders].sort((a, b) => Number(isInbox(b)) - Number(isInbox(a)) || compareBagPaths(a.path, b.path));
}
