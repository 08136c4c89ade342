// Sending, built together: the durable outbox and its delivery, drafts here and in \Drafts,
// attachment tokens, read receipts and signatures (issue 14). Their files live in the profile and
// are closed by the services' lifetime.
import { join } from 'node:path';
import type { AccountService } from '../accounts/account-service.ts';
import type { EventBus } from '../api/event-bus.ts';
import type { Clock } from '../clock/clock.ts';
import type { IdentityService } from '../identity/identity-service.ts';
import { toDisposable, type DisposableStore } from '../lifecycle/disposable.ts';
import { processAlive } from '../lifecycle/process-alive.ts';
import type { Logger } from '../logging/logger.ts';
import type { MailActions } from '../mail/mail-actions.ts';
import type { MailService } from '../mail/mail-service.ts';
import type { LoadedSendPolicy } from '../policy/send-policy-file.ts';
import type { AuditSink } from '../audit/audit-sink.ts';
import { ReceiptService } from '../receipts/receipt-service.ts';
import type { SettingsRepository } from '../settings/settings-repository.ts';
import { AttachmentTokens } from './attachment-tokens.ts';
import { DraftService } from './draft-service.ts';
import { DraftStore } from './draft-store.ts';
import { OutboxService } from './outbox-service.ts';
import { OutboxStore } from './outbox-store.ts';
import { SignatureStore } from './signatures.ts';

export interface SendServicesDeps {
  profileDir: string;
  appVersion: string;
  accounts: AccountService;
  mail: MailService;
  actions: MailActions;
  identity: IdentityService;
  settings: SettingsRepository;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  sendPolicy: () => Promise<LoadedSendPolicy>;
  lifetime: DisposableStore;
  /** Messages sent as or for a unit mailbox are recorded in its audit log. */
  audit?: AuditSink;
}

export interface SendServices {
  outbox: OutboxService;
  receipts: ReceiptService;
  signatures: SignatureStore;
  drafts: DraftService;
  attachmentTokens: AttachmentTokens;
}

export function createSendServices(deps: SendServicesDeps): SendServices {
  const { accounts, mail, actions, identity, settings, events, clock, logger, lifetime } = deps;
  const outboxStore = new OutboxStore(join(deps.profileDir, 'outbox.sqlite'));
  lifetime.add(toDisposable(() => outboxStore.close()));
  const attachmentTokens = new AttachmentTokens();
  const userAgent = `unit-mailbox/${deps.appVersion}`;
  const draftStore = new DraftStore(join(deps.profileDir, 'drafts.sqlite'));
  lifetime.add(toDisposable(() => draftStore.close()));
  const drafts = new DraftService({
    store: draftStore,
    accounts,
    mail,
    tokens: attachmentTokens,
    clock,
    logger,
    userAgent,
  });
  const outbox = new OutboxService({
    store: outboxStore,
    accounts,
    mail,
    actions,
    tokens: attachmentTokens,
    signer: () => identity.signer(),
    events,
    clock,
    logger,
    policy: deps.sendPolicy,
    undoSeconds: () => settings.preferences().sendUndoSeconds,
    userAgent,
    // The draft the message was written in goes once the message is safe in the outbox.
    onQueued: (accountId, draftId) =>
      void drafts
        .remove(accountId, draftId)
        .catch((e: unknown) => logger.log('warn', 'could not remove a sent draft', { detail: (e as Error).message })),
    pid: process.pid,
    isAlive: processAlive,
    audit: deps.audit,
  });
  lifetime.add(toDisposable(() => outbox.scheduler.dispose()));
  const receiptPolicy = () => settings.preferences().receiptPolicy;
  const receiptDeps = {
    accounts,
    mail,
    actions,
    outbox,
    clock,
    logger,
    userAgent,
    policy: deps.sendPolicy,
    receiptPolicy,
  };
  const receipts = new ReceiptService({ ...receiptDeps, file: join(deps.profileDir, 'receipts.sqlite') });
  lifetime.add(toDisposable(() => receipts.close()));
  return { outbox, receipts, drafts, attachmentTokens, signatures: new SignatureStore(settings, identity) };
}
