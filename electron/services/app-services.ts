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
import type { ImageFetch } from './mail/remote-images.ts';
import type { KeyValueStore } from './settings/key-value-store.ts';
import { createConfStore } from './settings/conf-store.ts';
import { SettingsRepository } from './settings/settings-repository.ts';
import { MailWatcher } from './sync/mail-watcher.ts';
import { SyncService } from './sync/sync-service.ts';
import { HandoverService } from './handover/handover-service.ts';
import { DelegationService } from './delegation/delegation-service.ts';
import { IdentityService } from './identity/identity-service.ts';
import { defaultResourcesDir } from './profile/resources-dir.ts';

/** Native dialogs, provided by Electron in the app and by a fake in tests. */
export interface Dialogs {
  pickCaFile(): Promise<{ path: string; pem: string } | null>;
  /** Asks where to save a file; resolves to the chosen path or null when cancelled. */
  saveFile?(suggestedName: string, title?: string): Promise<string | null>;
  /** Open dialog for one file of the handover: a certificate, a PKCS#12 or a bag (.tar). */
  pickFile?(purpose: 'certificate' | 'p12' | 'bag', title: string): Promise<string | null>;
  /** Open dialog for a folder (where to write a bag, or a bag to check). */
  pickDirectory?(title: string): Promise<string | null>;
}

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
  /**
   * Revokes grants whose validity ended (at once when running, at the next start otherwise) and
   * applies whole-mailbox grants to folders created since, for every unit account, now and
   * then every `intervalMs`. Returns a stop function; dispose() stops it too.
   */
  startDelegationUpkeep(intervalMs?: number): () => void;
  directiveRules(): DirectiveRules;
  autoconfig(email: string): ReturnType<typeof discoverSettings>;
  /** Removes an account with everything local to it: keychain entry, connection, cache. */
  removeAccount(accountId: string): Promise<void>;
  dispose(): Promise<void>;
}

export function createAppServices(caps: PlatformCapabilities): AppServices {
  const { clock } = caps;
  const logger = caps.logger ?? new FileLogger(caps.profileDir, clock);
  const events = new EventBus();
  const settings = new SettingsRepository(caps.store ?? createConfStore(caps.profileDir));
  const accounts = new AccountService({ settings, secrets: caps.secrets, logger, clock });
  const directiveRules = (): DirectiveRules => {
    const prefs = settings.preferences();
    return {
      leadership: prefs.directiveLeadership,
      subjectPatterns: [...DEFAULT_DIRECTIVE_RULES.subjectPatterns, ...prefs.directiveSubjectPatterns],
    };
  };
  const caches = new CacheRegistry(caps.profileDir, directiveRules);
  const mail = new MailService(accounts, caches);
  const actions = new MailActions({ pool: mail.pool, caches, events, clock });
  const sync = new SyncService({
    accounts,
    caches,
    events,
    logger,
    clock,
    bodyDays: () => settings.preferences().offlineBodyDays,
    rules: directiveRules,
    workerUrl: caps.syncWorkerUrl,
  });
  const watcher = new MailWatcher({ accounts, sync, logger });
  const identity = new IdentityService({ profileDir: caps.profileDir, secrets: caps.secrets, clock });
  const delegation = new DelegationService({ accounts, identity, settings, logger, clock });
  const handover = new HandoverService({
    accounts,
    identity,
    caches,
    logger,
    clock,
    registers: async (accountId) => [await delegation.exportRegister(accountId)],
    activeDelegates: async (accountId) =>
      (await delegation.overview(accountId)).grants.filter((g) => g.status === 'active').map((g) => g.delegate),
    fontsDir: join(caps.resourcesDir ?? defaultResourcesDir(), 'fonts'),
    appVersion: caps.appVersion,
    exportWorkerUrl: caps.exportWorkerUrl,
  });
  let stopUpkeep = (): void => undefined;
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
    startDelegationUpkeep: (intervalMs = 60_000) => {
      const upkeep = async () => {
        for (const account of accounts.list().filter((a) => a.kind === 'unit')) {
          try {
            const { expired } = await delegation.expireDue(account.id);
            if (expired.length) logger.log('info', 'delegation: expired grants revoked', { count: expired.length });
            const applied = await delegation.applyToNewFolders(account.id);
            // An open Ủy quyền panel shows the new state without a reload.
            if (expired.length || applied.length) events.emit('delegation.changed', { accountId: account.id });
          } catch (e) {
            // No identity yet, no ACL, offline: nothing to keep up; retried on the next round.
            logger.log('debug', 'delegation upkeep skipped', { detail: (e as Error).message });
          }
        }
      };
      void upkeep();
      const timer = setInterval(() => void upkeep(), intervalMs);
      timer.unref?.();
      stopUpkeep = () => clearInterval(timer);
      return stopUpkeep;
    },
    directiveRules,
    autoconfig: (email) => discoverSettings(email, { fetch: fetchFn, probePort: tcpPortProbe }),
    removeAccount: async (accountId) => {
      const { id } = accounts.get(accountId);
      await watcher.unwatch(id);
      sync.cancel(id);
      await mail.pool.drop(id);
      await accounts.remove(id);
      caches.remove(id);
      events.emit('accounts.changed', { accounts: accounts.list() });
    },
    dispose: async () => {
      stopUpkeep();
      await watcher.stopAll();
      await sync.cancelAll();
      await mail.close();
      caches.closeAll();
    },
  };
}
