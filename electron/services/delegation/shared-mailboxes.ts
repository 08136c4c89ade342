// The delegate's side: the unit mailboxes other users share with this account,
// found with NAMESPACE (other users' prefix), LIST and MYRIGHTS per folder.
// The owners' record folders are left out: the register is not for delegates.
import type { ImapFlow } from 'imapflow';
import { abilitiesOf, normalizeRights, rightsInWords, type SharedMailbox } from '../../../shared/delegation.ts';
import { isRecordFolder } from '../../../shared/records.ts';
import { hasAcl, myRights } from '../imap/imap-acl.ts';

export async function sharedMailboxesOn(client: ImapFlow): Promise<SharedMailbox[]> {
  const namespaces = [...(client.namespaces?.other || []), ...(client.namespaces?.shared || [])].filter(
    (ns) => ns.prefix !== '',
  );
  if (namespaces.length === 0) return [];
  const byOwner = new Map<string, SharedMailbox>();
  for (const entry of await client.list()) {
    const ns = namespaces.find((n) => entry.path.startsWith(n.prefix));
    if (!ns) continue;
    const delimiter = ns.delimiter || entry.delimiter || '/';
    const [owner, ...rest] = entry.path.slice(ns.prefix.length).split(delimiter);
    if (!owner || rest.length === 0) continue;
    if (entry.flags?.has('\\Noselect') || entry.flags?.has('\\NonExistent')) continue;
    if (isRecordFolder(rest.join(delimiter), delimiter)) continue;
    const prefix = `${ns.prefix}${owner}${delimiter}`;
    const box = byOwner.get(prefix) ?? { owner, prefix, folders: [] };
    byOwner.set(prefix, box);
    const rights = hasAcl(client) ? normalizeRights(await myRights(client, entry.path).catch(() => '')).rights : '';
    box.folders.push({
      path: entry.path,
      name: entry.name,
      rights,
      words: rightsInWords(rights),
      abilities: abilitiesOf(rights),
    });
  }
  return [...byOwner.values()];
}
