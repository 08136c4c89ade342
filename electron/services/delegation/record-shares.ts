// Delegates act on the unit mailbox through the app, and the app records what they do: each
// delegate holding a grant may add records to the unit's ledger and audit log, and never remove
// or rewrite them ('lri', RFC 4314: no t, e or x). The delegation register and the handover
// records stay the head's alone. `delegate check` compares these folders' ACLs with this too.
import type { ImapFlow } from 'imapflow';
import { AUDIT_DELEGATE_RIGHTS } from '../audit/audit-log.ts';
import { setAcl } from '../imap/imap-acl.ts';
import { LEDGER_DELEGATE_RIGHTS } from '../ledger/ledger-service.ts';
import { ensureRecordTree, recordTree } from '../records/record-folder.ts';

/** The rights every delegate with a grant holds on `path`, when it is the ledger or the audit folder. */
export function recordShareRights(client: ImapFlow, path: string): string | undefined {
  const { paths } = recordTree(client);
  if (path === paths.ledger) return LEDGER_DELEGATE_RIGHTS;
  if (path === paths.audit) return AUDIT_DELEGATE_RIGHTS;
  return undefined;
}

/** Creates the record folders if needed and gives `delegate` append-only rights on the ledger and the audit log. */
export async function shareRecordFolders(client: ImapFlow, delegate: string): Promise<string[]> {
  const { paths } = await ensureRecordTree(client);
  await setAcl(client, paths.ledger, delegate, LEDGER_DELEGATE_RIGHTS);
  await setAcl(client, paths.audit, delegate, AUDIT_DELEGATE_RIGHTS);
  return [paths.ledger, paths.audit];
}
