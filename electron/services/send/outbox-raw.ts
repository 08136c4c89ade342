// A message built outside the composer (a read receipt) as an outbox entry: the same durable
// path, retries and crash recovery as any message, without the composer's undo delay or Sent copy.
import { randomUUID } from 'node:crypto';
import { composeInputSchema, type OutboxEntry } from '../../../shared/compose.ts';
import type { AccountService } from '../accounts/account-service.ts';
import type { Clock } from '../clock/clock.ts';
import { assertRecipientsAllowed } from '../policy/send-guard.ts';
import type { LoadedSendPolicy } from '../policy/send-policy-file.ts';
import type { OutboxService } from './outbox-service.ts';
import { publicEntry, type NewOutboxEntry } from './outbox-store.ts';

export interface RawOutgoing {
  accountId: string;
  /** The complete message, CRLF line ends, with its own Message-ID. */
  raw: Buffer;
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  /** SMTP MAIL FROM; '' for the null sender (an MDN's, RFC 8098 §2.1: nothing may answer it). */
  envelopeFrom: string;
  /** A message of the account to flag once this one is sent (e.g. `$MDNSent` on the original). */
  original: { folder: string; uid: number; flag: string } | null;
}

/** The entry for `m`, due at once (queueRaw marks its Sent copy done: clients file no copy of a receipt). */
export function rawEntry(m: RawOutgoing, accountId: string, id: string, now: Date): NewOutboxEntry {
  return {
    id,
    accountId,
    queuedAt: now.toISOString(),
    sendAfter: now.toISOString(),
    messageId: m.messageId,
    from: m.from,
    sender: null,
    to: m.to,
    cc: [],
    bcc: [],
    subject: m.subject,
    size: m.raw.length,
    envelope: { from: m.envelopeFrom, to: m.to },
    copy: { accountId, folder: null },
    original: m.original ? { accountId, ...m.original } : null,
    // What "Hoàn tác" gives back (the entry is due at once, so rarely): the bare addressing, no body.
    input: composeInputSchema.parse({ accountId, to: m.to, subject: m.subject }),
    raw: m.raw,
    copyRaw: m.raw,
  };
}

export interface RawQueueDeps {
  outbox: OutboxService;
  accounts: AccountService;
  policy: () => Promise<LoadedSendPolicy>;
  clock: Clock;
}

/**
 * Commits `m` to the outbox, due at once; the background delivery (or a flush) sends it. Free
 * webmail recipients are refused (Art. 11) and nothing is queued; whether recipients outside the
 * official domains need a confirmation is the caller's decision.
 */
export async function queueRaw(
  deps: RawQueueDeps,
  m: RawOutgoing,
  confirmOutsideDomain: boolean,
): Promise<OutboxEntry> {
  const account = deps.accounts.get(m.accountId);
  assertRecipientsAllowed(m.to, (await deps.policy()).policy, { confirmOutsideDomain });
  const entry = rawEntry(m, account.id, randomUUID(), deps.clock.now());
  deps.outbox.store.insert(entry);
  // Before anything can deliver it (deliveries start on a later tick): no Sent copy to make.
  deps.outbox.store.setCopyState(entry.id, 'done');
  const stored = deps.outbox.store.get(entry.id);
  if (!stored) throw new Error(`outbox entry ${entry.id} vanished after insert`);
  deps.outbox.changed(account.id);
  deps.outbox.scheduler.wake();
  return publicEntry(stored);
}
