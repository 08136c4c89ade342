// The ledger's actions (register, assign, claim, status, reopen) recorded in the audit log, in
// one place: the LedgerService the app and the CLI use is wrapped, so every action that went
// through, or waits in the ledger's own queue on this computer (marked `queued`), is recorded on
// the entry's message. A refused action (a lost claim) changed nothing and is not recorded.
import type { AuditAction, AuditDetailValue, AuditKind } from '../../../shared/audit.ts';
import type { ActionResult, LedgerService, LedgerTarget } from '../ledger/ledger-service.ts';
import type { AuditSink } from './audit-sink.ts';

const AUDITED = {
  register: 'register',
  assign: 'assign',
  claim: 'claim',
  setStatus: 'status',
  reopen: 'reopen',
} as const satisfies Partial<Record<keyof LedgerService, AuditKind>>;
type Audited = keyof typeof AUDITED;

/** The action as a record: the entry's message (unit-relative), number, and what changed. */
export function ledgerAuditAction(method: Audited, args: readonly unknown[], r: LedgerResult): AuditAction {
  const { entry } = r;
  const details: Record<string, AuditDetailValue> = {
    number: entry.number,
    year: entry.year,
    status: entry.status,
    recordUid: r.recordUid,
    ...(r.queued ? { queued: true } : {}),
  };
  const input = args[2];
  if (method === 'assign' && input && typeof input === 'object') {
    const a = input as { to?: string; deadline?: string };
    details.to = a.to?.toLowerCase() ?? null;
    details.deadline = entry.deadline;
  }
  if (method === 'claim' || method === 'assign') details.handler = entry.handler;
  if (method === 'reopen') details.release = (input as { release?: boolean } | undefined)?.release === true;
  const { link } = entry;
  // An action still queued may not know its message yet.
  const known = link.folder !== '' && Number.isInteger(link.uid) && link.uid >= 1;
  return {
    kind: AUDITED[method],
    message: known
      ? { folder: link.folder, uid: link.uid, uidValidity: link.uidValidity, messageId: link.messageId || null }
      : null,
    details,
  };
}

function targetOf(target: LedgerTarget): { accountId: string; mailbox: string | null } {
  return typeof target === 'string'
    ? { accountId: target, mailbox: null }
    : { accountId: target.accountId, mailbox: target.mailbox?.toLowerCase() ?? null };
}

/** An action's answer; the ledger's offline queue adds `queued` when it waits on this computer. */
type LedgerResult = ActionResult & { queued?: unknown };

/** The same service; its actions are recorded once they succeeded or were queued (register: when it wrote). */
export function auditedLedger<T extends LedgerService>(ledger: T, sink: AuditSink): T {
  return new Proxy(ledger, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (!Object.hasOwn(AUDITED, prop)) return (value as (...a: unknown[]) => unknown).bind(target);
      const method = prop as Audited;
      return async (...args: unknown[]) => {
        const r = await (value as (...a: unknown[]) => Promise<LedgerResult>).apply(target, args);
        if (method !== 'register' || r.recordUid !== null || r.queued) {
          const { accountId, mailbox } = targetOf(args[0] as LedgerTarget);
          // Durable in the audit queue before the action answers; its server append goes on behind
          // (the ledger record itself is on the server already: one round trip, not two).
          await sink.record(accountId, mailbox, [ledgerAuditAction(method, args, r)], { wait: false });
        }
        return r;
      };
    },
  });
}
