// The outbox as the UI and the CLI use it: queue (checked, built, committed), then delivery after
// the undo delay, retries with backoff, recovery after a crash, undo, retry now, remove.
import { randomUUID } from 'node:crypto';
import type { ComposeParsed, OutboxEntry, OutboxFlushResult } from '../../../shared/compose.ts';
import type { AccountService } from '../accounts/account-service.ts';
import type { EventBus } from '../api/event-bus.ts';
import type { Clock } from '../clock/clock.ts';
import { AppError } from '../errors/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import type { MailService } from '../mail/mail-service.ts';
import type { MailActions } from '../mail/mail-actions.ts';
import type { Signer } from '../identity/signer.ts';
import type { AttachmentTokens } from './attachment-tokens.ts';
import { composeMessage } from './compose-message.ts';
import { deliverClaimed, finishSent, type DeliveryDeps } from './outbox-delivery.ts';
import type { DeliveryOutcome } from './smtp-deliver.ts';

type DeliveryKind = DeliveryOutcome['kind'];
import { OutboxScheduler } from './outbox-scheduler.ts';
import { publicEntry, receiptRequested, type OutboxStore, type StoredOutboxEntry } from './outbox-store.ts';
import { onBehalfTarget } from './on-behalf.ts';
import { checkSize, probeMaxSize } from './size-check.ts';
import { assertRecipientsAllowed } from '../policy/send-guard.ts';
import { restoreAttachments } from './undo-input.ts';
import type { LoadedSendPolicy } from '../policy/send-policy-file.ts';
import type { AuditSink } from '../audit/audit-sink.ts';
import { recordSent } from '../audit/audit-send.ts';

export interface OutboxDeps {
  store: OutboxStore;
  accounts: AccountService;
  mail: MailService;
  actions: MailActions;
  tokens: AttachmentTokens;
  /** The user's signing identity (for signed messages). */
  signer: () => Promise<Signer>;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  /** The Article 11 sending policy in force (read from the IT Centre's file, or the defaults). */
  policy: () => Promise<LoadedSendPolicy>;
  undoSeconds: () => number;
  userAgent: string;
  /** Told when a message written in a draft is safe in the outbox (the draft can go). */
  onQueued?: (accountId: string, draftId: string) => void;
  /** This process, and whether another one still lives (a dead one's deliveries are recovered). */
  pid: number;
  isAlive: (pid: number) => boolean;
  timeoutMs?: number;
  /** A message sent as or for a unit mailbox is recorded in its audit log. */
  audit?: AuditSink | undefined;
}

export class OutboxService {
  private readonly deps: OutboxDeps;
  private readonly delivery: DeliveryDeps;
  private readonly maxSizes = new Map<string, number | null>();
  readonly scheduler: OutboxScheduler;
  /** The durable store (the CLI and crash tests read it directly). */
  readonly store: OutboxStore;

  constructor(deps: OutboxDeps) {
    this.deps = deps;
    this.store = deps.store;
    this.delivery = {
      store: deps.store,
      accounts: deps.accounts,
      pool: deps.mail.pool,
      actions: deps.actions,
      clock: deps.clock,
      logger: deps.logger,
      noteMaxSize: (id, size) => size !== null && this.maxSizes.set(id, size),
      ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
    };
    this.scheduler = new OutboxScheduler({
      clock: deps.clock,
      nextDue: () => this.nextDue(),
      run: () => this.deliverDue(),
      onError: (e) => deps.logger.log('warn', 'outbox round failed', { detail: (e as Error).message }),
    });
  }

  /** Checks, builds and commits the message; it leaves after the undo delay. Refusals queue nothing. */
  async queue(input: ComposeParsed): Promise<OutboxEntry> {
    const { account } = await this.deps.accounts.credentials(input.accountId);
    let target: Awaited<ReturnType<typeof onBehalfTarget>> | null = null;
    if (input.onBehalfOf && input.onBehalfOf !== account.email) {
      const pool = this.deps.mail.pool;
      const unit = input.onBehalfOf;
      // A session opened before the grant may not list the newly shared mailbox: ask once more on a new one.
      target = await onBehalfTarget(await pool.client(account.id), unit).catch(async (e: unknown) => {
        if (!(e instanceof AppError) || e.code !== 'ON_BEHALF_NOT_ALLOWED') throw e;
        await pool.drop(account.id);
        return onBehalfTarget(await pool.client(account.id), unit);
      });
    }
    const loaded = await this.deps.policy();
    const now = this.deps.clock.now();
    const msg = await composeMessage(input, {
      account,
      mail: this.deps.mail,
      tokens: this.deps.tokens,
      now,
      userAgent: this.deps.userAgent,
      unit: target?.unit ?? null,
      signer: this.deps.signer,
      checkRecipients: (addresses) =>
        assertRecipientsAllowed(addresses, loaded.policy, { confirmOutsideDomain: input.confirmOutsideDomain }),
    });
    await checkSize(msg.raw.length, {
      policyMax: loaded.maxMessageBytes,
      known: this.maxSizes.get(account.id),
      probe: () => probeMaxSize(this.deps.accounts, account.id),
      remember: (size) => this.maxSizes.set(account.id, size),
    });
    const undo = input.undoSeconds ?? this.deps.undoSeconds();
    const id = randomUUID();
    const flag = input.original?.mode === 'forward' ? '$Forwarded' : '\\Answered';
    this.deps.store.insert({
      id,
      accountId: account.id,
      queuedAt: now.toISOString(),
      sendAfter: new Date(now.getTime() + undo * 1000).toISOString(),
      messageId: msg.messageId,
      from: msg.from.address,
      sender: msg.sender?.address ?? null,
      to: msg.to.map((r) => r.address),
      cc: msg.cc.map((r) => r.address),
      bcc: msg.bcc.map((r) => r.address),
      subject: msg.subject,
      size: msg.raw.length,
      envelope: msg.envelope,
      copy: { accountId: account.id, folder: target?.sentFolder ?? null },
      original: input.original
        ? { accountId: account.id, folder: input.original.folder, uid: input.original.uid, flag }
        : null,
      // Pasted files are in the message already: kept once, given back from it on "Hoàn tác".
      input: { ...input, attachments: input.attachments.map((a) => (a.kind === 'data' ? { ...a, base64: '' } : a)) },
      raw: msg.raw,
      copyRaw: msg.copyRaw,
    });
    this.changed(account.id);
    this.scheduler.wake();
    if (input.draftId) this.deps.onQueued?.(account.id, input.draftId);
    return publicEntry(this.mustGet(account.id, id));
  }

  list(accountId: string): OutboxEntry[] {
    const id = this.deps.accounts.get(accountId).id;
    return this.deps.store.list(id).map(publicEntry);
  }

  /** "Hoàn tác": only while nobody is sending it; returns what the composer had. */
  async undo(accountId: string, id: string): Promise<{ input: ComposeParsed }> {
    const entry = this.mustGet(accountId, id);
    const bytes = this.deps.store.raw(id);
    if (entry.status !== 'queued' || !this.deps.store.removeIfIdle(id))
      throw new AppError('OUTBOX_ENTRY_NOT_FOUND', `entry ${id} is ${entry.status}, too late to undo`, {
        messageVi: 'Thư đã bắt đầu được gửi đi, không hoàn tác được nữa.',
      });
    this.changed(entry.accountId);
    return { input: await restoreAttachments(entry.input as ComposeParsed, bytes?.copyRaw ?? null) };
  }

  /** "Gửi lại ngay" (for a maybe-sent one: the user decided to send it again). */
  async retry(accountId: string, id: string): Promise<OutboxEntry> {
    const entry = this.mustGet(accountId, id);
    if (entry.status === 'sent') return publicEntry(entry);
    if (!this.deps.store.claim(id, this.deps.pid, this.deps.clock.now().toISOString(), true))
      return publicEntry(this.mustGet(accountId, id));
    await this.run(this.mustGet(accountId, id));
    return publicEntry(this.deps.store.get(id) ?? { ...entry, status: 'sent', sentCopy: 'done' });
  }

  /** For a maybe-sent one: the user says it arrived. It is recorded as sent and filed in Sent. */
  async markSent(accountId: string, id: string): Promise<OutboxEntry> {
    const entry = this.mustGet(accountId, id);
    if (entry.status !== 'maybe-sent' && entry.status !== 'failed')
      throw new AppError('OUTBOX_ENTRY_NOT_FOUND', `entry ${id} is ${entry.status}`);
    const at = this.deps.clock.now().toISOString();
    const record = {
      messageId: entry.messageId,
      accountId: entry.accountId,
      sentAt: at,
      sender: entry.sender ?? entry.from,
      from: entry.from,
      recipients: entry.envelope.to,
      subject: entry.subject,
      receiptRequested: receiptRequested(entry),
    };
    this.deps.store.markSent(id, at, entry.refused, record);
    await recordSent(this.deps.audit, entry, { confirmed: true });
    await this.finish(this.mustGet(accountId, id));
    return publicEntry(this.deps.store.get(id) ?? { ...entry, status: 'sent', sentCopy: 'done' });
  }

  remove(accountId: string, id: string): void {
    const entry = this.mustGet(accountId, id);
    if (!this.deps.store.removeIfIdle(id))
      throw new AppError('OUTBOX_ENTRY_NOT_FOUND', `entry ${id} is being sent`, {
        messageVi: 'Thư đang được gửi, chưa xóa được.',
      });
    this.changed(entry.accountId);
  }

  /** Sends every waiting message of the account now (queued, retry), and finishes sent ones. */
  async flush(accountId: string): Promise<OutboxFlushResult> {
    const id = this.deps.accounts.get(accountId).id;
    this.recover();
    const now = this.deps.clock.now().toISOString();
    let sent = 0;
    for (const e of this.deps.store.list(id)) {
      if ((e.status === 'queued' || e.status === 'retry') && this.deps.store.claim(e.id, this.deps.pid, now, true)) {
        if ((await this.run(this.mustGet(id, e.id))) === 'sent') sent += 1;
      } else if (e.status === 'sent' && e.sentCopy !== 'done') await this.finish(e);
    }
    return this.summary(id, sent);
  }

  /** The outbox of an account in numbers; `sent` is what the caller just sent. */
  summary(accountId: string, sent = 0): OutboxFlushResult {
    const entries = this.list(accountId);
    const count = (s: OutboxEntry['status'][]) => entries.filter((e) => s.includes(e.status)).length;
    return {
      sent,
      waiting: count(['queued', 'retry', 'sending']),
      failed: count(['failed']),
      maybeSent: count(['maybe-sent']),
      entries,
    };
  }

  /** Deliveries a dead process left half-done: before the data → retry; after → maybe sent. */
  recover(): void {
    for (const e of this.deps.store.orphans(this.deps.isAlive)) {
      if (e.phase === 'data')
        this.deps.store.release(e.id, 'maybe-sent', {
          error: new AppError('SMTP_FAILED', 'the app stopped after the message data was sent and before the reply', {
            messageVi:
              'Ứng dụng dừng đột ngột khi đang gửi, sau khi nội dung thư đã chuyển đi: thư có thể đã được gửi. Hãy kiểm tra trước khi gửi lại.',
          }).toPayload(),
        });
      else this.deps.store.release(e.id, 'retry', { nextAttemptAt: this.deps.clock.now().toISOString() });
      this.changed(e.accountId);
    }
  }

  /** One background round: every due entry of every account. */
  async deliverDue(): Promise<void> {
    this.recover();
    const now = this.deps.clock.now().toISOString();
    for (const e of this.deps.store.list()) {
      if (this.deps.store.claim(e.id, this.deps.pid, now)) await this.run(this.mustGet(e.accountId, e.id));
      else if (e.status === 'sent' && e.sentCopy !== 'done' && e.claimedBy === null) await this.finish(e);
    }
  }

  private nextDue(): Date | null {
    let next: number | null = null;
    for (const e of this.deps.store.list()) {
      const at = e.status === 'queued' ? e.sendAfter : e.status === 'retry' ? e.nextAttemptAt : null;
      if (at !== null) next = Math.min(next ?? Infinity, Date.parse(at));
    }
    return next === null ? null : new Date(next);
  }

  private async run(entry: StoredOutboxEntry): Promise<DeliveryKind> {
    this.changed(entry.accountId);
    const kind = await deliverClaimed(this.delivery, entry);
    this.changed(entry.accountId);
    if (kind === 'sent') await recordSent(this.deps.audit, entry);
    if (kind === 'sent') await this.finish(this.mustGet(entry.accountId, entry.id));
    return kind;
  }

  /** The Sent copy and the original's flag; then the entry leaves the outbox (kept if a recipient was refused). */
  private async finish(entry: StoredOutboxEntry): Promise<void> {
    const done = await finishSent(this.delivery, entry);
    const final = this.deps.store.get(entry.id);
    if (done && final && final.refused.length === 0) {
      this.deps.store.remove(entry.id);
      this.changed(entry.accountId, final);
    } else this.changed(entry.accountId);
  }

  private mustGet(accountId: string, id: string): StoredOutboxEntry {
    const entry = this.deps.store.get(id);
    if (!entry || (entry.accountId !== accountId && this.deps.accounts.get(accountId).id !== entry.accountId))
      throw new AppError('OUTBOX_ENTRY_NOT_FOUND', `no outbox entry ${id}`);
    return entry;
  }

  /** Tells the UI what the account's outbox holds now (also after an entry queued by receipts/). */
  changed(accountId: string, extra?: StoredOutboxEntry | null): void {
    const entries = this.deps.store.list(accountId).map(publicEntry);
    // The entry that just left, once more as sent, so that the UI can say "Đã gửi".
    if (extra) entries.push({ ...publicEntry(extra), status: 'sent', sentCopy: 'done' });
    this.deps.events.emit('outbox.changed', { accountId, entries });
  }
}
