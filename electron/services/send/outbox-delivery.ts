// Delivering one outbox entry, and finishing after the server took it: the copy in Sent and the
// original's \Answered / $Forwarded. Each step is committed to the outbox before the next.
import type { AccountService } from '../accounts/account-service.ts';
import type { Clock } from '../clock/clock.ts';
import { toAppError } from '../errors/app-error.ts';
import type { ImapSessionPool } from '../imap/session-pool.ts';
import type { Logger } from '../logging/logger.ts';
import type { MailActions } from '../mail/mail-actions.ts';
import { receiptRequested, type OutboxStore, type StoredOutboxEntry } from './outbox-store.ts';
import { fileSentCopy, findSentFolder } from './sent-copy.ts';
import { deliver, type DeliveryOutcome } from './smtp-deliver.ts';

export interface DeliveryDeps {
  store: OutboxStore;
  accounts: AccountService;
  pool: ImapSessionPool;
  actions: MailActions;
  clock: Clock;
  logger: Logger;
  /** Remembers the server's SIZE limit per account (from each connection's EHLO). */
  noteMaxSize: (accountId: string, maxSize: number | null) => void;
  timeoutMs?: number;
}

/** Backoff after a temporary failure: 30 s, 1, 2, 4 … minutes, at most 30 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

/** Sends a claimed entry and records the outcome; never throws for a delivery failure. */
export async function deliverClaimed(deps: DeliveryDeps, entry: StoredOutboxEntry): Promise<DeliveryOutcome['kind']> {
  const { store } = deps;
  const bytes = store.raw(entry.id);
  if (!bytes) return 'permanent';
  let outcome: DeliveryOutcome;
  try {
    const { smtp } = await deps.accounts.credentials(entry.accountId);
    outcome = await deliver(smtp, {
      envelope: entry.envelope,
      raw: bytes.raw,
      onData: () => store.markData(entry.id),
      ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
    });
  } catch (e) {
    // No credentials (keychain), refused plaintext…: nothing was sent; the user must act.
    outcome = { kind: 'permanent', error: toAppError(e), refused: [], maxSize: null };
  }
  deps.noteMaxSize(entry.accountId, outcome.maxSize);
  const now = deps.clock.now();
  switch (outcome.kind) {
    case 'sent':
      store.markSent(entry.id, now.toISOString(), outcome.refused, {
        messageId: entry.messageId,
        accountId: entry.accountId,
        sentAt: now.toISOString(),
        sender: entry.sender ?? entry.from,
        from: entry.from,
        recipients: outcome.accepted,
        subject: entry.subject,
        receiptRequested: receiptRequested(entry),
      });
      deps.logger.log('info', 'message sent', { messageId: entry.messageId, refused: outcome.refused.length });
      break;
    case 'temporary':
      store.release(entry.id, 'retry', {
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(entry.attempts)).toISOString(),
        error: outcome.error.toPayload(),
      });
      break;
    case 'permanent':
      store.release(entry.id, 'failed', { error: outcome.error.toPayload(), refused: outcome.refused });
      break;
    case 'uncertain':
      store.release(entry.id, 'maybe-sent', { error: outcome.error.toPayload() });
      break;
  }
  return outcome.kind;
}

/**
 * After the server took it: the Sent copy (skipped when already there), then the original's flag.
 * Returns true when both are done; a failure leaves `sentCopy` pending for the next round.
 */
export async function finishSent(deps: DeliveryDeps, entry: StoredOutboxEntry): Promise<boolean> {
  const { store } = deps;
  const bytes = store.raw(entry.id);
  if (!bytes) return false;
  try {
    if (entry.sentCopy !== 'done') {
      const client = await deps.pool.client(entry.copy.accountId);
      const folder = entry.copy.folder ?? (await findSentFolder(client));
      if (folder)
        await fileSentCopy(client, folder, entry.messageId, bytes.copyRaw, new Date(entry.sentAt ?? entry.queuedAt));
      else deps.logger.log('warn', 'no Sent folder: no copy kept', { accountId: entry.copy.accountId });
      store.setCopyState(entry.id, 'done');
    }
    if (entry.original) {
      const o = entry.original;
      await deps.actions.setFlags(o.accountId, o.folder, [o.uid], [o.flag], []).catch((e: unknown) => {
        // The original may have been moved or deleted meanwhile: the send itself stands.
        deps.logger.log('warn', 'could not flag the original', { detail: (e as Error).message });
      });
    }
    return true;
  } catch (e) {
    store.setCopyState(entry.id, 'pending', toAppError(e).toPayload());
    return false;
  }
}
