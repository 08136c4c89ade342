import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import type { AuditAction } from '../../../shared/audit.ts';
import type { EventBus } from '../api/event-bus.ts';
import { auditPlaceOf, messageRef, noAudit, type AuditSink } from '../audit/audit-sink.ts';
import type { CacheRegistry } from '../cache/cache-registry.ts';
import type { Clock } from '../clock/clock.ts';
import type { CachedHeader } from '../cache/mail-cache.ts';
import { AppError } from '../errors/app-error.ts';
import {
  assertFlagsApplied,
  assertFlagsPermitted,
  classifyImapRefusal,
  explainMoveFailure,
  sharedRoot,
  type RefusedAction,
} from '../imap/imap-refusal.ts';
import type { ImapSessionPool } from '../imap/session-pool.ts';
import { HEADER_QUERY, toHeader, uidSet } from '../sync/folder-sync.ts';

interface UndoEntry {
  accountId: string;
  /** Where the messages are now, and where undo puts them back. */
  folder: string;
  uids: number[];
  target: string;
  expires: number;
}

const UNDO_TTL_MS = 10 * 60_000;

/** Records for the audit log, taken while the folder is selected and written after. */
interface Audit {
  mailbox: string | null;
  actions: AuditAction[];
}

/**
 * What a user does to messages: flags, move, trash, undo. Each change goes to
 * the server first and reaches the cache only after the server accepted it.
 */
export class MailActions {
  private readonly undo = new Map<string, UndoEntry>();
  private readonly deps: {
    pool: ImapSessionPool;
    caches: CacheRegistry;
    events: EventBus;
    clock: Clock;
    /** Moves, deletions and flag changes on a unit mailbox are recorded in its audit log. */
    audit?: AuditSink;
  };

  constructor(deps: MailActions['deps']) {
    this.deps = deps;
  }

  async setFlags(accountId: string, folder: string, uids: number[], add: string[], remove: string[]): Promise<number> {
    const client = await this.deps.pool.client(accountId);
    const lock = await this.lock(client, folder);
    let audit: Audit | undefined;
    let updated: number | undefined;
    try {
      // A delegate without w/s/t gets OK and no change (RFC 4314 §4): refuse before, not silently.
      assertFlagsPermitted(client.mailbox, [...add, ...remove], folder);
      const set = uidSet(uids);
      if (add.length) await client.messageFlagsAdd(set, add, { uid: true });
      if (remove.length) await client.messageFlagsRemove(set, remove, { uid: true });
      const updates = [];
      const ids = new Map<number, string | undefined>();
      for await (const msg of client.fetch(set, { uid: true, flags: true, envelope: true }, { uid: true })) {
        updates.push({ uid: msg.uid, flags: [...(msg.flags ?? [])].sort(), modseq: msg.modseq ?? null });
        ids.set(msg.uid, msg.envelope?.messageId);
      }
      assertFlagsApplied(updates, add, remove, folder);
      this.deps.caches.get(accountId).updateFlags(folder, updates);
      this.changed(accountId, [folder]);
      const details = { add: add.join(' '), remove: remove.join(' ') };
      audit = this.auditOf(
        client,
        folder,
        updates.map((u) => u.uid),
        ids,
        'flag',
        details,
      );
      updated = updates.length;
    } catch (e) {
      throw refused(e, folder, 'flags', sharedRoot(client, folder) !== null);
    } finally {
      lock.release();
    }
    // After the lock: the record's own session reads the message's new state.
    if (audit) await this.record(accountId, audit);
    return updated ?? 0;
  }

  async move(
    accountId: string,
    folder: string,
    uids: number[],
    target: string,
  ): Promise<{ undoToken: string; moved: number }> {
    return this.moveAs('move', accountId, folder, uids, target);
  }

  private async moveAs(
    kind: 'move' | 'delete',
    accountId: string,
    folder: string,
    uids: number[],
    target: string,
  ): Promise<{ undoToken: string; moved: number }> {
    if (folder === target) throw new AppError('VALIDATION', 'source and target folder are the same');
    const client = await this.deps.pool.client(accountId);
    const cache = this.deps.caches.get(accountId);
    let newUids: number[];
    let audit: Audit | undefined;
    const lock = await this.lock(client, folder);
    try {
      const ids = await this.messageIds(client, uids);
      const result = await client.messageMove(uidSet(uids), target, { uid: true });
      if (!result) {
        throw (
          (await explainMoveFailure(client, folder, target)) ??
          new AppError('INTERNAL', `server did not move messages to ${target}`)
        );
      }
      newUids = result.uidMap ? [...result.uidMap.values()] : [];
      cache.removeUids(folder, uids);
      const to = auditPlaceOf(client, target).folder;
      audit = this.auditOf(client, folder, uids, ids, kind, (uid) => ({ to, newUid: result.uidMap?.get(uid) ?? null }));
    } catch (e) {
      throw refused(e, folder, 'move', sharedRoot(client, folder) !== null);
    } finally {
      lock.release();
    }
    if (newUids.length) await this.cacheHeaders(client, accountId, target, newUids);
    this.changed(accountId, [folder, target]);
    if (audit) await this.record(accountId, audit);
    const undoToken = randomUUID();
    this.prune();
    this.undo.set(undoToken, {
      accountId,
      folder: target,
      uids: newUids,
      target: folder,
      expires: this.deps.clock.now().getTime() + UNDO_TTL_MS,
    });
    return { undoToken, moved: uids.length };
  }

  /** Moves to the account's Trash; deleting for good is left to the server's Trash policy. */
  async trash(accountId: string, folder: string, uids: number[]): Promise<{ undoToken: string; moved: number }> {
    const trash = await this.trashFolder(accountId, folder);
    if (folder === trash) {
      throw new AppError('VALIDATION', 'messages are already in Trash', { messageVi: 'Thư đã ở trong Thùng rác.' });
    }
    return this.moveAs('delete', accountId, folder, uids, trash);
  }

  async undoMove(accountId: string, token: string): Promise<number> {
    const entry = this.undo.get(token);
    if (!entry || entry.accountId !== accountId || entry.expires < this.deps.clock.now().getTime()) {
      throw new AppError('VALIDATION', 'nothing to undo (expired or unknown token)', {
        messageVi: 'Không còn thao tác để hoàn tác.',
      });
    }
    this.undo.delete(token);
    if (entry.uids.length === 0) return 0;
    await this.move(accountId, entry.folder, entry.uids, entry.target);
    return entry.uids.length;
  }

  /** Appends a message (e.g. filing a copy); a delegate without i gets PERMISSION_DENIED. */
  async append(
    accountId: string,
    folder: string,
    source: Buffer | string,
    flags: string[] = [],
  ): Promise<number | null> {
    const client = await this.deps.pool.client(accountId);
    try {
      const result = await client.append(folder, source, flags);
      this.changed(accountId, [folder]);
      return result ? (result.uid ?? null) : null;
    } catch (e) {
      throw refused(e, folder, 'append', sharedRoot(client, folder) !== null);
    }
  }

  /** Message-IDs of `uids` in the selected folder, for the audit records; none when nothing is audited. */
  private async messageIds(client: ImapFlow, uids: number[]): Promise<Map<number, string | undefined>> {
    const ids = new Map<number, string | undefined>();
    if (!this.deps.audit) return ids;
    for await (const msg of client.fetch(uidSet(uids), { uid: true, envelope: true }, { uid: true }))
      ids.set(msg.uid, msg.envelope?.messageId);
    return ids;
  }

  /** One record per message, named relative to the unit mailbox it is in. */
  private auditOf(
    client: ImapFlow,
    path: string,
    uids: readonly number[],
    ids: ReadonlyMap<number, string | undefined>,
    kind: 'flag' | 'move' | 'delete',
    details: AuditAction['details'] | ((uid: number) => AuditAction['details']),
  ): Audit {
    const { mailbox, folder } = auditPlaceOf(client, path);
    const uidValidity = client.mailbox ? client.mailbox.uidValidity : null;
    const actions = uids.map((uid) => ({
      kind,
      message: messageRef(folder, uid, uidValidity, ids.get(uid)),
      details: typeof details === 'function' ? details(uid) : details,
    }));
    return { mailbox, actions };
  }

  private async record(accountId: string, audit: Audit): Promise<void> {
    await (this.deps.audit ?? noAudit).record(accountId, audit.mailbox, audit.actions);
  }

  /** The Trash of the mailbox the folder belongs to: the owner's for a shared folder. */
  private async trashFolder(accountId: string, folder: string): Promise<string> {
    const client = await this.deps.pool.client(accountId);
    const root = sharedRoot(client, folder);
    const all = await client.list();
    const folders =
      root === null
        ? all.filter((f) => sharedRoot(client, f.path) === null)
        : all.filter((f) => f.path.startsWith(root));
    const trash =
      (root === null ? folders.find((f) => f.specialUse === '\\Trash') : undefined) ??
      folders.find((f) => /^(trash|thùng rác|deleted items)$/i.test(f.name));
    if (!trash)
      throw new AppError('FOLDER_NOT_FOUND', 'the account has no Trash folder', {
        messageVi: 'Hộp thư không có Thùng rác.',
      });
    return trash.path;
  }

  /** Selects the folder; a shared folder whose rights were revoked fails here first. */
  private async lock(client: ImapFlow, folder: string) {
    try {
      return await client.getMailboxLock(folder);
    } catch (e) {
      throw refused(e, folder, 'open', sharedRoot(client, folder) !== null);
    }
  }

  private async cacheHeaders(client: ImapFlow, accountId: string, folder: string, uids: number[]): Promise<void> {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      const headers: CachedHeader[] = [];
      for await (const msg of client.fetch(uidSet(uids), HEADER_QUERY, { uid: true })) headers.push(toHeader(msg));
      this.deps.caches.get(accountId).saveHeaders(folder, headers);
    } finally {
      lock.release();
    }
  }

  private changed(accountId: string, folders: string[]): void {
    this.deps.events.emit('cache.changed', { accountId, folders });
  }

  private prune(): void {
    const now = this.deps.clock.now().getTime();
    for (const [token, entry] of this.undo) if (entry.expires < now) this.undo.delete(token);
  }
}

/** A NO from the server (e.g. missing ACL rights) becomes a clear, typed error. */
function refused(e: unknown, folder: string, action: RefusedAction, shared: boolean): unknown {
  if (e instanceof AppError) return e;
  const classified = classifyImapRefusal(e, { folder, action, shared });
  if (classified) return classified;
  const err = e as { responseStatus?: string; responseText?: string; serverResponseCode?: string };
  if (err.responseStatus === 'NO' || err.serverResponseCode === 'NOPERM') {
    return new AppError('VALIDATION', `server refused the change in ${folder}: ${err.responseText ?? ''}`, {
      messageVi: 'Máy chủ từ chối thao tác này (có thể bạn không có quyền trên thư mục).',
    });
  }
  return e;
}
