// The unit mailbox's own folders as delegation sees them: only the personal
// namespace (never folders others share with the head), selectable ones, and
// whether each belongs to the app's record tree.
import type { ImapFlow } from 'imapflow';
import { isRecordFolder } from '../../../shared/records.ts';

export interface MailboxFolder {
  path: string;
  name: string;
  delimiter: string;
  recordFolder: boolean;
}

export async function mailboxFolders(client: ImapFlow): Promise<MailboxFolder[]> {
  const entries = await client.list();
  const otherPrefixes = [...(client.namespaces?.other || []), ...(client.namespaces?.shared || [])]
    .map((ns) => ns.prefix)
    .filter((p) => p !== '');
  return entries
    .filter((e) => !e.flags?.has('\\Noselect') && !e.flags?.has('\\NonExistent'))
    .filter((e) => !otherPrefixes.some((p) => e.path.startsWith(p)))
    .map((e) => ({
      path: e.path,
      name: e.name,
      delimiter: e.delimiter ?? '/',
      recordFolder: isRecordFolder(e.path, e.delimiter ?? '/'),
    }));
}

/** Folders a grant may cover: everything but the record tree. */
export function delegable(folders: readonly MailboxFolder[]): MailboxFolder[] {
  return folders.filter((f) => !f.recordFolder);
}
