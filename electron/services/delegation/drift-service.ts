// `delegate check`: every folder's live ACL against what the register explains
// (drift.ts), and the one-click fix that makes the live rights match the
// register for one finding and is itself recorded.
import {
  normalizeRights,
  rightsMinus,
  type CheckReport,
  type DriftFinding,
  type RegisterRecordDto,
} from '../../../shared/delegation.ts';
import { AppError } from '../errors/app-error.ts';
import { deleteAcl, getAcl, hasAcl, setAcl } from '../imap/imap-acl.ts';
import type { DelegationContext, NewFolderGrants } from './delegation-context.ts';
import { findDrift, type LiveFolderAcl } from './drift.ts';
import { mailboxFolders } from './mailbox-folders.ts';
import type { MailboxSession } from './mailbox-session.ts';
import { recordShareRights } from './record-shares.ts';
import { grantsIn } from './register-book.ts';
import type { RegisterRead } from './register.ts';

type DriftDeps = Pick<DelegationContext, 'identity' | 'register' | 'sessions' | 'logger' | 'clock'> & {
  /** Run first: a folder created since the last look is not drift, it is owed its grants. */
  newFolders: NewFolderGrants;
};

export class DriftService {
  private readonly deps: DriftDeps;

  constructor(deps: DriftDeps) {
    this.deps = deps;
  }

  async check(accountId: string, opts: { fix?: boolean } = {}): Promise<CheckReport> {
    await this.deps.newFolders.applyToNewFolders(accountId);
    const fixed: DriftFinding[] = [];
    if (opts.fix) {
      for (const f of (await this.inspect(accountId)).drift) {
        await this.fixDrift(accountId, f.id);
        fixed.push(f);
      }
    }
    const { drift, read, email, accountIdResolved } = await this.inspect(accountId);
    return {
      accountId: accountIdResolved,
      mailbox: email,
      ok: drift.length === 0 && read.state.intact,
      drift,
      register: read.state,
      fixed,
    };
  }

  /** One-click fix: makes the live rights match the register for one finding, and records it. */
  async fixDrift(accountId: string, findingOrId: DriftFinding | string): Promise<RegisterRecordDto> {
    const id = typeof findingOrId === 'string' ? findingOrId : findingOrId.id;
    const signer = await this.deps.identity.signer();
    return this.deps.sessions(accountId, async (s) => {
      const { drift, read } = await this.inspectIn(s);
      const f = drift.find((d) => d.id === id);
      if (!f) {
        throw new AppError('VALIDATION', `no current drift finding ${id}`, {
          messageVi: 'Sai lệch này không còn (quyền đã thay đổi từ lần kiểm tra trước). Hãy kiểm tra lại.',
        });
      }
      let after: string;
      if (f.kind === 'unexplained') {
        after = rightsMinus(f.live, f.rights);
        if (after === '') await deleteAcl(s.client, f.folder, f.identifier);
        else await setAcl(s.client, f.folder, f.identifier, `-${f.rights}`);
      } else {
        await setAcl(s.client, f.folder, f.identifier, `+${f.rights}`);
        after = normalizeRights(f.live + f.rights).rights;
      }
      const now = this.deps.clock.now();
      const record = await this.deps.register.append(
        s,
        read,
        {
          type: 'drift-fix',
          mailbox: s.email,
          delegate: f.identifier,
          role: 'none',
          rights: after,
          scope: [f.folder],
          validFrom: now.toISOString(),
          validUntil: null,
          note: f.kind === 'unexplained' ? `removed unexplained '${f.rights}'` : `restored missing '${f.rights}'`,
        },
        signer,
        now,
      );
      this.deps.logger.log('info', 'delegation drift fixed', { mailbox: s.email, finding: f.id, seq: record.seq });
      return record;
    });
  }

  private async inspect(accountId: string) {
    return this.deps.sessions(accountId, async (s) => ({
      ...(await this.inspectIn(s)),
      email: s.email,
      accountIdResolved: s.accountId,
    }));
  }

  private async inspectIn(s: MailboxSession): Promise<{ drift: DriftFinding[]; read: RegisterRead }> {
    const read = await this.deps.register.read(s);
    const grants = grantsIn(read, this.deps.clock.now());
    if (!hasAcl(s.client)) return { drift: [], read };
    const live: LiveFolderAcl[] = [];
    for (const f of await mailboxFolders(s.client)) {
      live.push({
        path: f.path,
        recordFolder: f.recordFolder,
        shareRights: f.recordFolder ? recordShareRights(s.client, f.path) : undefined,
        entries: await getAcl(s.client, f.path),
      });
    }
    return { drift: findDrift(live, grants, s.owners), read };
  }
}
