// The audit log (Nhật ký thao tác) of a unit mailbox in the app (spread into shared/contract.ts):
// a page of its records, newest first, with the state of the chain as read now and what still
// waits on this computer. The same as `unit-mailbox audit list|verify` (electron/cli/commands/audit.ts).
import { z } from 'zod';
import { AUDIT_KINDS, type AuditEntry, type AuditProblem } from './audit.ts';
import { call } from './contract-call.ts';
import { ledgerTarget } from './contract-ledger.ts';

export interface AuditPage {
  /** The unit mailbox, lower case. */
  mailbox: string;
  /** The record folder read. */
  folder: string;
  /** Every record of the log. */
  records: number;
  /** The records the filters keep (all of them without filters). */
  total: number;
  offset: number;
  /** Newest first (highest seq). */
  entries: AuditEntry[];
  /** The chain as read now (the whole log, whatever the filters): no record missing, changed, out of order or unsigned. */
  intact: boolean;
  problems: number;
  /** The first problem in log order, when not intact. */
  first: AuditProblem | null;
  /** Records made on this computer still waiting for the server. */
  pending: number;
}

export const auditContract = {
  'audit.page': call<AuditPage>()(
    ledgerTarget.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
      /** Only this action. */
      kind: z.enum(AUDIT_KINDS).optional(),
      /** Only what this address did (as signed). */
      actor: z.string().trim().min(1).max(320).optional(),
    }),
  ),
};
