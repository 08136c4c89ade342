import { join } from 'node:path';
import { AccountService } from './accounts/account-service.ts';
import { discoverSettings, tcpPortProbe, type FetchLike } from './accounts/autoconfig.ts';
import { EventBus } from './api/event-bus.ts';
import { CacheRegistry } from './cache/cache-registry.ts';
import type { Clock } from './clock/clock.ts';
import { DEFAULT_DIRECTIVE_RULES, type DirectiveRules } from './directives/directive-rules.ts';
import type { SecretStore } from './keychain/secret-store.ts';
import { FileLogger, type Logger } from './logging/logger.ts';
import { MailActions } from './mail/mail-actions.ts';
import { MailService } from './mail/mail-service.ts';
import { loadTrustAnchors, verifySignedMessage } from './mail/smime-verify.ts';
import type { ImageFetch } from './mail/remote-images.ts';
import type { KeyValueStore } from './settings/key-value-store.ts';
import { createConfStore } from './settings/conf-store.ts';
import { SettingsRepository } from './settings/settings-repository.ts';
import { MailWatcher } from './sync/mail-watcher.ts';
import { SyncService } from './sync/sync-service.ts';
import { HandoverService } from './handover/handover-service.ts';
import { DelegationService } from './delegation/delegation-service.ts';
import { delegationUpkeepStarter } from './delegation/delegation-upkeep.ts';
import { createChainReport } from './ledger/chain-report/chain-report-services.ts';
import { IdentityService } from './identity/identity-service.ts';
import { defaultResourcesDir } from './profile/resources-dir.ts';
import { DisposableStore, toDisposable } from './lifecycle/disposable.ts';
import type { RepeatingTask } from './lifecycle/repeating-task.ts';
import { loadSendPolicy, type LoadedSendPolicy } from './policy/send-policy-file.ts';
import { createRecipientServices, type RecipientServices } from './directory/recipient-services.ts';
import type { OutboxService } from './send/outbox-service.ts';
import type { ReceiptService } from './receipts/receipt-service.ts';
import type { SignatureStore } from './send/signatures.ts';
import type { DraftService } from './send/draft-service.ts';
import type { AttachmentTokens } from './send/attachment-tokens.ts';
import { createSendServices } from './send/send-services.ts';
import { createLedgerServices } from './ledger/ledger-services.ts';
import type { LedgerService } from './ledger/ledger-service.ts';
import type { LedgerBooks } from './ledger/ledger-books.ts';
import type { NoticeStore } from './ledger/notify/notice-store.ts';
import { createAuditServices, type AuditServices } from './audit/audit-services.ts';
import { auditedLedger } from './audit/audit-ledger.ts';

/** Native dialogs, provided by Electron in the app and by a fake in tests. Each resolves to null when cancelled. */
export interface Dialogs {
  pickCaFile(): Promise<{ path: string; pem: string } | null>;
  /** Asks where to save a file; resolves to the chosen path. */
  saveFile(suggestedName: string, title?: string): Promise<string | null>;
  /** Open dialog for one file: a certificate, a PKCS#12 or a bag (.tar) of the handover; contacts (.vcf, .csv). */
  pickFile(purpose: 'certificate' | 'p12' | 'bag' | 'contacts', title: string): Promise<string | null>;
  /** Open dialog for a folder (where to write a bag, or a bag to check). */
  pickDirectory(title: string): Promise<string | null>;
  /** Open dialog for files to attach to a message (several at once). */
  pickFiles(title: string): Promise<string[] | null>;
}

/** For hosts without a screen (the CLI): no dialog can be shown, so nothing is ever chosen. */
export const headlessDialogs: Dialogs = {
  pickCaFile: async () => null,
  saveFile: async () => null,
  pickFile: async () => null,
  pickDirectory: async () => null,
  pickFiles: async () => null,
};

/** Everything platform-specific, injected so services stay plain Node. */
export interface PlatformCapabilities {
  profileDir: string;
  secrets: SecretStore;
  /** The time every service compares with: `systemClock` in the app and the CLI, a set clock in tests. */
  clock: Clock;
  dialogs: Dialogs;
  openExternal(url: string): Promise<void>;
  appVersion: string;
  platform: string;
  /** Settings persistence; defaults to conf on `<profileDir>/config.json`. */
  store?: KeyValueStore;
  fetch?: FetchLike;
  /** Used for remote images the user chose to load; defaults to global fetch. */
  fetchImage?: ImageFetch;
  logger?: Logger;
  /** Folder with fonts and templates; defaults to the repository's resources/. */
  resourcesDir?: string;
  /** Entry of the sync worker thread (see sync/sync-worker.ts); without it syncs run in-process. */
  syncWorkerUrl?: URL;
  /** Entry of the handover export's fetch threads (handover/export/fetch-worker.ts); without it the export fetches in-process. */
  exportWorkerUrl?: URL;
  /** The Article 11 sending policy the IT Centre deploys (JSON); defaults to `<profileDir>/send-policy.json`. */
  sendPolicyFile?: string;
}

export interface AppServices {
  caps: PlatformCapabilities;
  logger: Logger;
  events: EventBus;
  settings: SettingsRepository;
  accounts: AccountService;
  caches: CacheRegistry;
  mail: MailService;
  actions: MailActions;
  sync: SyncService;
  watcher: MailWatcher;
  /** The user's signing identity (certificate in the profile, key in the keychain). */
  identity: IdentityService;
  handover: HandoverService;
  /** IMAP ACL grants and the signed register (issue 5). */
  delegation: DelegationService;
  /** Sending: the durable outbox, delivery, the Sent copy (issue 14). */
  outbox: OutboxService;
  /** Read receipts (MDN): returned ones matched to the sent log, and answering requests with consent. */
  receipts: ReceiptService;
  /** Signatures (chữ ký) per sending address. */
  signatures: SignatureStore;
  /** Drafts here and in the server's Drafts folder. */
  drafts: DraftService;
  /** The processing ledger (issue 15); sync registers a unit account's new directives. */
  ledger: LedgerService;
  /** The audit log (nhật ký) of unit mailboxes: every action through the app, signed and chained (issue 15). */
  audit: AuditServices;
  /** The register table's pages, from a local SQLite copy of the book while the server is read. */
  ledgerBooks: LedgerBooks;
  /** The notices kept for the app's list (ledger/notify/notice-store.ts). */
  notices: Pick<NoticeStore, 'list' | 'markAllRead' | 'clear'>;
  /** Files picked in main's dialog for attachments, by token. */
  attachmentTokens: AttachmentTokens;
  /** Recipient suggestions: cache, contacts list (vCard/CSV import), the province directory (LDAP). */
  recipients: RecipientServices;
  /** The Article 11 sending policy in force, read from its file on each call. */
  sendPolicy(): Promise<LoadedSendPolicy>;
  /**
   * Delivers queued mail in the background (after the undo delay, retries with backoff), and
   * recovers deliveries a crash interrupted. Started once; dispose() of the services stops it.
   */
  startOutbox(): void;
  /**
   * Revokes grants whose validity ended (at once when running, at the next start otherwise) and
   * applies whole-mailbox grants to folders created since, for every unit account, now and then
   * `intervalMs` after each round ends (rounds never overlap). Started once: a second call returns
   * the running task. Disposing the task stops it; dispose() of the services does too.
   */
  startDelegationUpkeep(intervalMs?: number): RepeatingTask;
  /** Every `intervalMs`: queued ledger actions applied, deadline notices, the heads' daily digests. */
  startLedgerUpkeep(intervalMs?: number): RepeatingTask;
  /** Sends the ledger and audit chain heads, signed, to the IT Centre's address when policy says it is due. */
  startChainReport(intervalMs?: number): RepeatingTask;
  /**
   * Owns what is started on these services and must stop with them: the upkeep, the watcher,
   * syncs, connections, and the host's event listeners (add them here). dispose() disposes it.
   */
  lifetime: DisposableStore;
  directiveRules(): DirectiveRules;
  autoconfig(email: string): ReturnType<typeof discoverSettings>;
  /** Removes an account with everything local to it: keychain entry, connection, cache. */
  removeAccount(accountId: string): Promise<void>;
  /** Stops everything in `lifetime`, newest first; later calls return the same promise. */
  dispose(): Promise<void>;
}

export function createAppServices(caps: PlatformCapabilities): AppServices {
  const { clock } = caps;
  const lifetime = new DisposableStore();
  const logger = caps.logger ?? new FileLogger(caps.profileDir, clock);
  const events = new EventBus();
  const settings = new SettingsRepository(caps.store ?? createConfStore(caps.profileDir));
  const accounts = new AccountService({ settings, secrets: caps.secrets, logger, clock });
  const directiveRules = (): DirectiveRules => {
    const prefs = settings.preferences();
    return {
      leadership: prefs.directiveLeadership,
      subjectPatterns: [...DEFAULT_DIRECTIVE_RULES.subjectPatterns, ...prefs.directiveSubjectPatterns],
      // The unit's official domains (Art. 11) are official senders too, besides every *.gov.vn.
      officialDomains: prefs.officialDomains,
    };
  };
  // Disposed in reverse: the watcher stops before syncs are cancelled, before connections and caches close.
  // The leadership list or patterns changed (here or in another process): what is cached is classified again.
  const caches = new CacheRegistry(caps.profileDir, directiveRules, (accountId, result) => {
    if (result instanceof Error) {
      logger.log('warn', 'directive re-classification failed', { detail: result.message });
      return;
    }
    logger.log('info', 'directives re-classified', { ...result });
    if (result.changed > 0)
      events.emit('cache.changed', {
        accountId,
        folders: caches
          .get(accountId)
          .folders()
          .map((f) => f.path),
      });
  });
  lifetime.add(toDisposable(() => caches.closeAll()));
  const mail = new MailService(accounts, caches, async (source) =>
    verifySignedMessage(source, {
      now: clock.now(),
      trusted: await loadTrustAnchors(join(caps.profileDir, 'trust-anchors')),
    }),
  );
  lifetime.add(toDisposable(() => mail.close()));
  const identity = new IdentityService({ profileDir: caps.profileDir, secrets: caps.secrets, clock });
  const audit = createAuditServices(caps.profileDir, { accounts, identity, clock, settings, logger, lifetime });
  const actions = new MailActions({ pool: mail.pool, caches, events, clock, audit: audit.sink });
  const resourcesDir = caps.resourcesDir ?? defaultResourcesDir();
  const ledger = createLedgerServices({
    ...{ accounts, identity, events, clock, logger, resourcesDir, lifetime },
    profileDir: caps.profileDir,
    audited: (l) => auditedLedger(l, audit.sink),
    rules: () => settings.preferences().ledgerDeadlineDays,
    autoRegister: () => settings.preferences().ledgerAutoRegister,
  });
  const ledgerService = auditedLedger(ledger.ledger, audit.sink);
  const sync = new SyncService({
    accounts,
    caches,
    events,
    logger,
    clock,
    bodyDays: () => settings.preferences().offlineBodyDays,
    rules: directiveRules,
    workerUrl: caps.syncWorkerUrl,
    afterSync: audit.following(ledger.afterSync),
  });
  lifetime.add(toDisposable(() => sync.cancelAll()));
  const watcher = new MailWatcher({ accounts, sync, logger });
  lifetime.add(toDisposable(() => watcher.stopAll()));
  const delegation = new DelegationService({ accounts, identity, settings, logger, clock, audit: audit.sink });
  const handover = new HandoverService({
    accounts,
    identity,
    caches,
    logger,
    clock,
    registers: async (accountId) => [await delegation.exportRegister(accountId)],
    activeDelegates: async (accountId) =>
      (await delegation.overview(accountId)).grants.filter((g) => g.status === 'active').map((g) => g.delegate),
    fontsDir: join(resourcesDir, 'fonts'),
    appVersion: caps.appVersion,
    exportWorkerUrl: caps.exportWorkerUrl,
    audit: audit.sink,
  });
  lifetime.add(toDisposable(() => handover.dispose()));
  const sendPolicyFile = caps.sendPolicyFile ?? join(caps.profileDir, 'send-policy.json');
  const sendPolicy = () => loadSendPolicy(sendPolicyFile);
  const send = createSendServices({
    profileDir: caps.profileDir,
    appVersion: caps.appVersion,
    accounts,
    mail,
    actions,
    identity,
    settings,
    events,
    clock,
    logger,
    sendPolicy,
    lifetime,
    audit: audit.sink,
  });
  const startDelegationUpkeep = delegationUpkeepStarter({ accounts, schedule: delegation, events, logger }, lifetime);
  const chainReport = createChainReport({
    ...{ accounts, identity, settings, clock, logger },
    sendPolicy,
    lifetime,
    outbox: send.outbox,
  });
  const fetchFn = caps.fetch ?? (globalThis.fetch as unknown as FetchLike);
  return {
    caps,
    logger,
    events,
    settings,
    accounts,
    caches,
    mail,
    actions,
    sync,
    watcher,
    identity,
    handover,
    delegation,
    startDelegationUpkeep,
    ...send,
    ledger: ledgerService,
    audit,
    ledgerBooks: ledger.books,
    notices: ledger.notices,
    recipients: createRecipientServices({ profileDir: caps.profileDir, accounts, caches, clock, logger, lifetime }),
    sendPolicy,
    startOutbox: () => send.outbox.scheduler.start(),
    startLedgerUpkeep: (ms) => ledger.startUpkeep(ms),
    startChainReport: (ms) => chainReport.start(ms),
    lifetime,
    directiveRules,
    autoconfig: (email) => discoverSettings(email, { fetch: fetchFn, probePort: tcpPortProbe }),
    removeAccount: async (accountId) => {
      const { id } = accounts.get(accountId);
      await watcher.unwatch(id);
      sync.cancel(id);
      await mail.pool.drop(id);
      await accounts.remove(id);
      caches.remove(id);
      ledger.notices.forgetAccount(id);
      events.emit('accounts.changed', { accounts: accounts.list() });
    },
    dispose: () => lifetime.dispose(),
  };
}
