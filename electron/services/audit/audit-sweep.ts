// After a sync of a unit mailbox: the changes other clients made to the messages the app knows
// ("ngoài ứng dụng"), found by CONDSTORE (audit-outside.ts) and then taken as seen, so each is
// reported once; the messages that arrived with the sync are taken as seen too, so later
// changes to them are noticed. A change an audit record explains (written since the last look,
// by another computer acting through the app, or still waiting in this computer's queue) is the
// app's own and is not reported.
import { OUTSIDE_LABEL_VI, type AuditAction, type OutsideChange } from '../../../shared/audit.ts';
import type { AuditLog, AuditTarget } from './audit-log.ts';
import { observeFolder, outsideChangesIn } from './audit-outside.ts';

/** Folders whose messages the app itself rewrites outside the audited actions (drafts are replaced on save). */
const UNTRACKED = /(^|[/.])(drafts|nháp|thư nháp)$/iu;

const refKey = (folder: string, uid: number) => `${folder}\u0000${uid}`;

export async function sweepOutside(
  log: AuditLog,
  target: AuditTarget,
  arrived: ReadonlyMap<string, readonly number[]> = new Map(),
): Promise<OutsideChange[]> {
  return log.inSession(target, async (scope, read) => {
    const { store, accountId, mailbox } = scope;
    const found: OutsideChange[] = [];
    for (const folder of store.seenFolders(accountId, mailbox)) {
      const changes = await outsideChangesIn(scope, folder, true).catch((e: unknown) => {
        // The folder itself is gone (renamed or deleted): what the app knew of it no longer applies.
        if ((e as { mailboxMissing?: boolean }).mailboxMissing) return [];
        throw e;
      });
      found.push(...changes);
    }
    const since = store.sweptSeq(accountId, mailbox);
    const { items } = await read();
    const explained = new Set<string>();
    for (const i of items) {
      const m = i.record.message;
      if (m && i.record.seq > since && i.record.details.outside !== true) explained.add(refKey(m.folder, m.uid));
    }
    for (const q of store.pending(accountId, mailbox)) {
      const m = q.draft.action.message;
      if (m) explained.add(refKey(m.folder, m.uid));
    }
    store.setSweptSeq(
      accountId,
      mailbox,
      items.reduce((max, i) => Math.max(max, i.record.seq), since),
    );
    for (const [folder, uids] of arrived) {
      if (uids.length > 0 && !UNTRACKED.test(folder)) await observeFolder(scope, folder, [...uids]);
    }
    return found.filter((c) => !explained.has(refKey(c.folder, c.uid)));
  });
}

/** An outside change as an audit record: who made it is unknown, the app only saw it. */
export function outsideAction(c: OutsideChange): AuditAction {
  return {
    kind: c.kind === 'flags' ? 'flag' : c.kind === 'removed' ? 'delete' : 'other',
    message: { folder: c.folder, uid: c.uid, uidValidity: null, messageId: null },
    details: {
      outside: true,
      label: OUTSIDE_LABEL_VI,
      change: c.kind,
      knownModseq: c.knownModseq,
      currentModseq: c.currentModseq,
      flagsBefore: c.knownFlags.join(' '),
      flagsAfter: c.currentFlags ? c.currentFlags.join(' ') : null,
      messageVi: c.messageVi,
    },
  };
}

/** Changes other clients made since the last look, not yet recorded (nothing is taken as seen). */
export async function outsideNow(log: AuditLog, target: AuditTarget): Promise<OutsideChange[]> {
  return log.inSession(target, async (scope) => {
    const found: OutsideChange[] = [];
    for (const folder of scope.store.seenFolders(scope.accountId, scope.mailbox)) {
      found.push(...(await outsideChangesIn(scope, folder, false).catch(() => [])));
    }
    return found;
  });
}
