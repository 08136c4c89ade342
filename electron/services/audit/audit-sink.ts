// What the services that act on a mailbox (mail actions, sending, delegation, handover, the
// ledger) see of the audit log: one narrow call. Folders are named relative to the unit mailbox;
// `auditPlaceOf` turns a session path (own, or shared/<unit>/… for a delegate) into that.
import type { ImapFlow } from 'imapflow';
import type { AuditAction, AuditMessageRef } from '../../../shared/audit.ts';
import { sharedRoot } from '../imap/imap-refusal.ts';

export interface AuditNote {
  /** 'skipped': not a unit mailbox (a personal account's own mail is not audited). */
  state: 'appended' | 'queued' | 'skipped';
  /** Records of this mailbox still waiting on this computer. */
  pending: number;
}

export interface AuditSink {
  /**
   * Records actions the user took on `mailbox` (a unit mailbox shared with the account), or on the
   * account's own mailbox when null. Never rejects: the action already happened; a record that
   * cannot reach the server stays in the local queue (and is counted, logged and shown).
   */
  record(
    accountId: string,
    mailbox: string | null,
    actions: readonly AuditAction[],
    /** wait: false — answer once the records are durable in the local queue; the server append follows. */
    opts?: { wait?: boolean },
  ): Promise<AuditNote>;
}

/** For services built without an audit log (tests, tools): records nothing. */
export const noAudit: AuditSink = {
  record: async () => ({ state: 'skipped', pending: 0 }),
};

/** The unit mailbox a session path belongs to (null: the account's own) and the path relative to it. */
export function auditPlaceOf(client: ImapFlow, path: string): { mailbox: string | null; folder: string } {
  const root = sharedRoot(client, path);
  if (root === null) return { mailbox: null, folder: path };
  const ns = (client.namespaces?.other || []).find((n) => n.prefix && root.startsWith(n.prefix));
  const owner = root.slice(ns?.prefix.length ?? 0, root.length - 1);
  return { mailbox: owner.toLowerCase(), folder: path.slice(root.length) };
}

/** A message reference for a record. */
export function messageRef(
  folder: string,
  uid: number,
  uidValidity: number | bigint | null | undefined,
  messageId: string | null | undefined,
): AuditMessageRef {
  return {
    folder,
    uid,
    uidValidity: uidValidity === null || uidValidity === undefined ? null : Number(uidValidity),
    messageId: messageId ?? null,
  };
}
