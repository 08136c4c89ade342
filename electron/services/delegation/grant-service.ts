// The head grants, changes and revokes a delegate's rights with IMAP ACL on the
// delegate's own account (Art. 9: the unit password never travels); every act
// is recorded in the register, and rights the register could not record are
// taken back, since unrecorded rights would be drift.
import type { ImapFlow } from 'imapflow';
import type { AuditDetailValue } from '../../../shared/audit.ts';
import {
  rightsInWords,
  type GrantRequest,
  type GrantResult,
  type GrantWarning,
  type RegisterRecordDto,
  type RevokeResult,
} from '../../../shared/delegation.ts';
import { AppError } from '../errors/app-error.ts';
import { deleteAcl, setAcl } from '../imap/imap-acl.ts';
import { checkServerOffers, removeEverywhere, requireAcl, scopeFolders } from './acl-operations.ts';
import type { DelegationContext } from './delegation-context.ts';
import { checkDelegate, instant, normalizeAddress, resolveRights } from './grant-request.ts';
import { loadLocalState, saveLocalState } from './local-state.ts';
import { delegable, mailboxFolders, type MailboxFolder } from './mailbox-folders.ts';
import { grantsIn } from './register-book.ts';
import type { RecordDraft } from './register.ts';
import { shareRecordFolders } from './record-shares.ts';

type GrantDeps = Pick<
  DelegationContext,
  'accounts' | 'settings' | 'identity' | 'register' | 'sessions' | 'logger' | 'clock' | 'audit'
>;

/** A grant request checked against the policy and the clock, before anything reaches the server. */
interface CheckedGrant {
  delegate: string;
  rights: string;
  warnings: GrantWarning[];
  validFrom: string;
  validUntil: string | null;
  /** Recorded now, applied by the schedule when its start comes. */
  startsLater: boolean;
}

export class GrantService {
  private readonly deps: GrantDeps;

  constructor(deps: GrantDeps) {
    this.deps = deps;
  }

  async grant(accountId: string, req: GrantRequest): Promise<GrantResult> {
    const result = await this.grantIn(accountId, req);
    const { delegate, role, rights, scope, validFrom, validUntil, record } = result;
    await this.audit(accountId, 'delegation-grant', {
      delegate,
      type: record.type,
      role,
      rights,
      scope: scope === 'all' ? 'all' : scope.join(', '),
      validFrom,
      validUntil,
      registerSeq: record.seq,
    });
    return result;
  }

  private async grantIn(accountId: string, req: GrantRequest): Promise<GrantResult> {
    const now = this.deps.clock.now();
    const { delegate, rights, warnings, validFrom, validUntil, startsLater } = this.check(accountId, req, now);
    const signer = await this.deps.identity.signer();

    return this.deps.sessions(accountId, async (s) => {
      requireAcl(s.client);
      await checkServerOffers(s.client, delegate, rights);
      const all = await mailboxFolders(s.client);
      const inScope = scopeFolders(all, req.scope);
      const read = await this.deps.register.read(s);
      const previous = grantsIn(read, now).find(
        (g) => g.delegate === delegate && g.mode === 'acl' && g.status !== 'revoked' && g.status !== 'expired',
      );
      if (previous && startsLater) {
        throw new AppError('VALIDATION', `${delegate} already holds a grant; a change cannot start later`, {
          messageVi: `${delegate} đang được ủy quyền: thay đổi ủy quyền có hiệu lực ngay, không hẹn ngày bắt đầu. Hãy thu hồi trước nếu muốn cấp lại từ một ngày sau.`,
        });
      }
      const applied = startsLater ? [] : await applyRights(s.client, all, inScope, delegate, rights, !!previous);
      // The ledger and the audit log: append-only for the delegate (record-shares.ts).
      const shared = startsLater
        ? []
        : await shareRecordFolders(s.client, delegate).catch(takingBack(s.client, applied, delegate, !previous));
      const draft: RecordDraft = {
        type: previous ? 'change' : 'grant',
        mailbox: s.email,
        delegate,
        role: req.role,
        rights,
        scope: req.scope === 'all' ? 'all' : inScope.map((f) => f.path),
        validFrom,
        validUntil,
        ...(req.note ? { note: req.note } : {}),
      };
      let record: RegisterRecordDto;
      try {
        record = await this.deps.register.append(s, read, draft, signer, now);
      } catch (e) {
        // Unrecorded rights would be drift: take them back.
        if (!previous) await takeBack(s.client, [...applied, ...shared], delegate);
        throw e;
      }
      const state = loadLocalState(this.deps.settings, s.accountId);
      saveLocalState(this.deps.settings, s.accountId, {
        knownFolders: delegable(all).map((f) => f.path),
        activatedSeqs: startsLater ? state.activatedSeqs : [...state.activatedSeqs, record.seq],
      });
      this.deps.logger.log('info', 'delegation granted', { mailbox: s.email, delegate, rights, seq: record.seq });
      return {
        delegate,
        role: req.role,
        rights,
        rightsWords: rightsInWords(rights),
        scope: draft.scope,
        folders: applied,
        validFrom,
        validUntil,
        warnings,
        record,
      };
    });
  }

  async revoke(accountId: string, delegateInput: string): Promise<RevokeResult> {
    const result = await this.revokeIn(accountId, delegateInput);
    const { delegate, confirmedEmpty, record } = result;
    await this.audit(accountId, 'delegation-revoke', { delegate, confirmedEmpty, registerSeq: record?.seq ?? null });
    return result;
  }

  private async audit(
    accountId: string,
    kind: 'delegation-grant' | 'delegation-revoke',
    details: Record<string, AuditDetailValue>,
  ): Promise<void> {
    await this.deps.audit?.record(accountId, null, [{ kind, details }]);
  }

  private async revokeIn(accountId: string, delegateInput: string): Promise<RevokeResult> {
    const delegate = normalizeAddress(delegateInput);
    const signer = await this.deps.identity.signer();
    return this.deps.sessions(accountId, async (s) => {
      requireAcl(s.client);
      const { folders, confirmedEmpty, remaining, elapsedMs } = await removeEverywhere(s.client, delegate);
      const read = await this.deps.register.read(s);
      const now = this.deps.clock.now();
      const record = await this.deps.register.append(
        s,
        read,
        {
          type: 'revoke',
          mailbox: s.email,
          delegate,
          role: 'none',
          rights: '',
          scope: 'all',
          validFrom: now.toISOString(),
          validUntil: null,
        },
        signer,
        now,
      );
      this.deps.logger.log('info', 'delegation revoked', { mailbox: s.email, delegate, elapsedMs, confirmedEmpty });
      return { delegate, folders, confirmedEmpty, remaining, elapsedMs, record };
    });
  }

  private check(accountId: string, req: GrantRequest, now: Date): CheckedGrant {
    const account = this.deps.accounts.get(accountId);
    const delegate = checkDelegate(req.delegate, account, this.deps.settings.preferences().officialDomains);
    const { rights, warnings } = resolveRights(req);
    const validFrom = instant(req.validFrom ?? now.toISOString(), 'validFrom');
    const validUntil = req.validUntil ? instant(req.validUntil, 'validUntil') : null;
    if (validUntil !== null && Date.parse(validUntil) <= Math.max(Date.parse(validFrom), now.getTime())) {
      throw new AppError('VALIDATION', `validUntil ${validUntil} is not after the start and now`, {
        messageVi: 'Ngày hết hạn ủy quyền phải sau ngày bắt đầu và sau hôm nay.',
      });
    }
    const startsLater = Date.parse(validFrom) > now.getTime();
    if (startsLater) warnings.push('not-yet-valid');
    return { delegate, rights, warnings, validFrom, validUntil, startsLater };
  }
}

/**
 * SETACL on every folder in scope; a change that narrows the scope also takes the rights off
 * the folders left out. A new grant that fails half-way is taken back; returns the folders set.
 */
async function applyRights(
  client: ImapFlow,
  all: readonly MailboxFolder[],
  inScope: readonly MailboxFolder[],
  delegate: string,
  rights: string,
  isChange: boolean,
): Promise<string[]> {
  const applied: string[] = [];
  try {
    for (const f of inScope) {
      await setAcl(client, f.path, delegate, rights);
      applied.push(f.path);
    }
    if (isChange) {
      const keep = new Set(inScope.map((f) => f.path));
      for (const f of delegable(all)) if (!keep.has(f.path)) await deleteAcl(client, f.path, delegate);
    }
  } catch (e) {
    if (!isChange) await takeBack(client, applied, delegate);
    throw e;
  }
  return applied;
}

/** On a failure after rights were set for a new grant: take them back, then fail. */
function takingBack(client: ImapFlow, applied: readonly string[], delegate: string, isNew: boolean) {
  return async (e: unknown): Promise<never> => {
    if (isNew) await takeBack(client, applied, delegate);
    throw e;
  };
}

async function takeBack(client: ImapFlow, paths: readonly string[], delegate: string): Promise<void> {
  for (const path of paths) await deleteAcl(client, path, delegate).catch(() => undefined);
}
