// Handlers of the audit part of the contract (shared/contract-audit.ts) over AuditLog: a page of a
// unit mailbox's log, newest first, with the chain's state as read now (as `audit list` and
// `audit verify` give them in the CLI).
import type { auditContract } from '../../../shared/contract-audit.ts';
import type { AppServices } from '../app-services.ts';
import type { AuditTarget } from '../audit/audit-log.ts';
import type { HandlersFor } from './handler-types.ts';

export function createAuditHandlers(s: AppServices): HandlersFor<keyof typeof auditContract> {
  return {
    'audit.page': async ({ accountId, mailbox, offset, limit, kind, actor }) => {
      const account = s.accounts.get(accountId);
      const target: AuditTarget = mailbox ? { accountId: account.id, mailbox } : account.id;
      const { log } = s.audit;
      const filter = { ...(kind ? { kind } : {}), ...(actor ? { actor } : {}) };
      const { entries: all, verification } = await log.overview(target, filter);
      const newest = [...all].sort((a, b) => b.seq - a.seq || b.uid - a.uid);
      return {
        mailbox: (mailbox ?? account.email).toLowerCase(),
        folder: verification.folder,
        records: verification.records,
        total: all.length,
        offset,
        entries: newest.slice(offset, offset + limit),
        intact: verification.intact,
        problems: verification.problems.length,
        first: verification.first,
        pending: log.pendingCount(target),
      };
    },
  };
}
