// Grants in time: a grant past its end is revoked and recorded ('expire'), a
// grant recorded ahead of its start is applied when the start comes, and
// whole-mailbox grants reach folders created since this computer last looked.
// Hosts run it at start and on a timer (delegation-upkeep.ts); every CLI
// delegate command runs expireDue first.
import type { DelegationGrant } from '../../../shared/delegation.ts';
import type { Signer } from '../identity/signer.ts';
import { hasAcl, setAcl } from '../imap/imap-acl.ts';
import { removeEverywhere, scopeFolders } from './acl-operations.ts';
import type { DelegationContext, NewFolderGrants } from './delegation-context.ts';
import { loadLocalState, saveLocalState, type DelegationLocalState } from './local-state.ts';
import { delegable, mailboxFolders } from './mailbox-folders.ts';
import type { MailboxSession } from './mailbox-session.ts';
import { grantsIn, trustedRecords } from './register-book.ts';
import type { RegisterRead } from './register.ts';
import { shareRecordFolders } from './record-shares.ts';

type ScheduleDeps = Pick<DelegationContext, 'settings' | 'identity' | 'register' | 'sessions' | 'logger' | 'clock'>;

export class ScheduleService implements NewFolderGrants {
  private readonly deps: ScheduleDeps;

  constructor(deps: ScheduleDeps) {
    this.deps = deps;
  }

  /** Revokes grants past their end ('expire' records) and applies grants whose start has come. */
  async expireDue(accountId: string): Promise<{ expired: string[]; activated: string[] }> {
    const now = this.deps.clock.now();
    return this.deps.sessions(accountId, async (s) => {
      const out = { expired: [] as string[], activated: [] as string[] };
      if (!hasAcl(s.client)) return out;
      const read = await this.deps.register.read(s);
      const grants = grantsIn(read, now).filter((g) => g.mode === 'acl');
      const due = grants.filter((g) => g.status === 'expired-revoking');
      const state = loadLocalState(this.deps.settings, s.accountId);
      const starting = startingGrants(read, grants, state);
      if (due.length === 0 && starting.length === 0) return out;
      // Asked for even when only starts are due: without the head's identity this computer changes nothing.
      const signer = await this.deps.identity.signer();
      out.expired = await this.expire(s, read, due, signer, now);
      out.activated = await this.activate(s, starting, state);
      if (out.expired.length || out.activated.length)
        this.deps.logger.log('info', 'delegation schedule applied', {
          mailbox: s.email,
          expired: out.expired.join(','),
          activated: out.activated.join(','),
        });
      return out;
    });
  }

  /** Gives 'all'-scope grants their rights on folders created since this computer last looked. */
  async applyToNewFolders(accountId: string): Promise<string[]> {
    return this.deps.sessions(accountId, async (s) => {
      if (!hasAcl(s.client)) return [];
      const folders = delegable(await mailboxFolders(s.client)).map((f) => f.path);
      const state = loadLocalState(this.deps.settings, s.accountId);
      const known = new Set(state.knownFolders ?? folders);
      const fresh = folders.filter((p) => !known.has(p));
      if (fresh.length) {
        const grants = grantsIn(await this.deps.register.read(s), this.deps.clock.now()).filter(
          (g) => g.mode === 'acl' && g.status === 'active' && g.scope === 'all',
        );
        for (const path of fresh) for (const g of grants) await setAcl(s.client, path, g.delegate, g.rights);
        if (grants.length) this.deps.logger.log('info', 'grants applied to new folders', { folders: fresh.length });
      }
      saveLocalState(this.deps.settings, s.accountId, { knownFolders: folders });
      return fresh;
    });
  }

  private async expire(
    s: MailboxSession,
    read: RegisterRead,
    due: readonly DelegationGrant[],
    signer: Signer,
    now: Date,
  ): Promise<string[]> {
    const expired: string[] = [];
    let current = read;
    for (const g of due) {
      await removeEverywhere(s.client, g.delegate);
      await this.deps.register.append(
        s,
        current,
        {
          type: 'expire',
          mailbox: s.email,
          delegate: g.delegate,
          role: g.role,
          rights: '',
          scope: g.scope,
          validFrom: g.validFrom,
          validUntil: g.validUntil,
          note: `validUntil ${g.validUntil} passed; rights revoked at ${now.toISOString()}`,
        },
        signer,
        now,
      );
      current = await this.deps.register.read(s);
      expired.push(g.delegate);
    }
    return expired;
  }

  private async activate(
    s: MailboxSession,
    starting: readonly DelegationGrant[],
    state: DelegationLocalState,
  ): Promise<string[]> {
    if (starting.length === 0) return [];
    const all = await mailboxFolders(s.client);
    for (const g of starting) {
      for (const f of scopeFolders(all, g.scope, { lenient: true }))
        await setAcl(s.client, f.path, g.delegate, g.rights);
      await shareRecordFolders(s.client, g.delegate);
    }
    saveLocalState(this.deps.settings, s.accountId, {
      activatedSeqs: [...state.activatedSeqs, ...starting.map((g) => g.seq)],
    });
    return starting.map((g) => g.delegate);
  }
}

/** Grants recorded ahead of their start whose start has come; the others were applied when granted. */
function startingGrants(
  read: RegisterRead,
  grants: readonly DelegationGrant[],
  state: DelegationLocalState,
): DelegationGrant[] {
  const recordedAt = new Map(trustedRecords(read).map((r) => [r.seq, Date.parse(r.at)]));
  return grants.filter(
    (g) =>
      g.status === 'active' &&
      Date.parse(g.validFrom) > (recordedAt.get(g.seq) ?? Infinity) &&
      !state.activatedSeqs.includes(g.seq),
  );
}
