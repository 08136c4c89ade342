// What the head's Ủy quyền panel and `delegate list` show, read-only: whether
// the server has ACL, every folder's live rights, the grants the register
// makes and its state; and the register as a handover bag file.
import {
  normalizeRights,
  rightsInWords,
  type AclSupport,
  type DelegationOverview,
  type FolderAcl,
} from '../../../shared/delegation.ts';
import type { ImapFlow } from 'imapflow';
import { getAcl, hasAcl, myRights } from '../imap/imap-acl.ts';
import { aclSupport } from './acl-operations.ts';
import type { DelegationContext, NewFolderGrants } from './delegation-context.ts';
import { delegable, mailboxFolders } from './mailbox-folders.ts';
import { grantsIn } from './register-book.ts';
import { registerJsonl } from './register.ts';

type OverviewDeps = Pick<DelegationContext, 'register' | 'sessions' | 'clock'> & {
  /** Run first, so the folder list shows the rights new folders were just given. */
  newFolders: NewFolderGrants;
};

export class OverviewService {
  private readonly deps: OverviewDeps;

  constructor(deps: OverviewDeps) {
    this.deps = deps;
  }

  async aclSupported(accountId: string): Promise<AclSupport> {
    return this.deps.sessions(accountId, async ({ client }) => aclSupport(client));
  }

  async overview(accountId: string): Promise<DelegationOverview> {
    const appliedToNewFolders = await this.deps.newFolders.applyToNewFolders(accountId);
    return this.deps.sessions(accountId, async (s) => {
      const read = await this.deps.register.read(s);
      const supported = hasAcl(s.client);
      return {
        accountId: s.accountId,
        mailbox: s.email,
        aclSupported: supported,
        folders: supported ? await folderAcls(s.client, s.owners) : [],
        grants: grantsIn(read, this.deps.clock.now()),
        register: read.state,
        appliedToNewFolders,
      };
    });
  }

  async exportRegister(accountId: string): Promise<{ fileName: 'delegation.jsonl'; header: string; lines: string[] }> {
    return this.deps.sessions(accountId, async (s) => registerJsonl(await this.deps.register.read(s)));
  }
}

/** Every delegable folder with the head's own rights and each entry of its ACL, in words. */
async function folderAcls(client: ImapFlow, owners: readonly string[]): Promise<FolderAcl[]> {
  const folders: FolderAcl[] = [];
  for (const f of delegable(await mailboxFolders(client))) {
    const [entries, mine] = [await getAcl(client, f.path), await myRights(client, f.path)];
    folders.push({
      path: f.path,
      name: f.name,
      myRights: normalizeRights(mine).rights,
      myRightsWords: rightsInWords(mine),
      entries: entries.map((e) => ({
        identifier: e.identifier,
        rights: normalizeRights(e.rights).rights,
        words: rightsInWords(e.rights),
        owner: owners.includes(e.identifier.toLowerCase()),
      })),
    });
  }
  return folders;
}
