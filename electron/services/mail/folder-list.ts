import type { ImapFlow, ListResponse } from 'imapflow';
import type { FolderInfo, SpecialUse } from '../../../shared/mail.ts';
import { isRecordFolder } from '../../../shared/records.ts';

const SPECIAL_ORDER: Array<SpecialUse | null> = ['\\Inbox', '\\Drafts', '\\Sent', '\\Archive', '\\Junk', '\\Trash'];

/**
 * Lists every folder with message and unseen counts (LIST-STATUS where offered),
 * except the app's own record tree (shared/records.ts), which sync and export keep.
 */
export async function listFolders(client: ImapFlow): Promise<FolderInfo[]> {
  const entries = await client.list({ statusQuery: { messages: true, unseen: true } });
  return sortFolders(entries.map(toFolderInfo).filter((f) => !isRecordFolder(f.path, f.delimiter)));
}

export function toFolderInfo(entry: ListResponse): FolderInfo {
  const flags = entry.flags ?? new Set<string>();
  const specialUse =
    (entry.specialUse as SpecialUse | undefined) ?? (entry.path.toUpperCase() === 'INBOX' ? '\\Inbox' : null);
  return {
    path: entry.path,
    name: entry.name,
    parentPath: entry.parentPath || null,
    delimiter: entry.delimiter ?? '/',
    specialUse,
    subscribed: Boolean(entry.subscribed),
    selectable: !flags.has('\\Noselect') && !flags.has('\\NonExistent'),
    messages: entry.status?.messages ?? null,
    unseen: entry.status?.unseen ?? null,
  };
}

/** INBOX and special folders first (with their children), then the rest by Vietnamese collation. */
export function sortFolders(folders: FolderInfo[]): FolderInfo[] {
  const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
  const byPath = new Map(folders.map((f) => [f.path, f]));
  const rank = (f: FolderInfo) => {
    const root = byPath.get(f.path.split(f.delimiter)[0] ?? f.path) ?? f;
    const i = SPECIAL_ORDER.indexOf(root.specialUse);
    return i === -1 ? SPECIAL_ORDER.length : i;
  };
  return [...folders].sort((a, b) => rank(a) - rank(b) || collator.compare(a.path, b.path));
}
