import { AccountService } from './accounts/account-service.ts';
import { discoverSettings, tcpPortProbe, type FetchLike } from './accounts/autoconfig.ts';
import type { SecretStore } from './keychain/secret-store.ts';
import { FileLogger, type Logger } from './logging/logger.ts';
import { MailService } from './mail/mail-service.ts';
import type { KeyValueStore } from './settings/key-value-store.ts';
import { createConfStore } from './settings/conf-store.ts';
import { SettingsRepository } from './settings/settings-repository.ts';

/** Native dialogs, provided by Electron in the app and by a fake in tests. */
export interface Dialogs {
  pickCaFile(): Promise<{ path: string; pem: string } | null>;
}

/** Everything platform-specific, injected so services stay plain Node. */
export interface PlatformCapabilities {
  profileDir: string;
  secrets: SecretStore;
  dialogs: Dialogs;
  openExternal(url: string): Promise<void>;
  appVersion: string;
  platform: string;
  /** Settings persistence; defaults to conf on `<profileDir>/config.json`. */
  store?: KeyValueStore;
  fetch?: FetchLike;
  logger?: Logger;
}

export interface AppServices {
  caps: PlatformCapabilities;
  logger: Logger;
  settings: SettingsRepository;
  accounts: AccountService;
  mail: MailService;
  autoconfig(email: string): ReturnType<typeof discoverSettings>;
  dispose(): Promise<void>;
}

export function createAppServices(caps: PlatformCapabilities): AppServices {
  const logger = caps.logger ?? new FileLogger(caps.profileDir);
  const settings = new SettingsRepository(caps.store ?? createConfStore(caps.profileDir));
  const accounts = new AccountService({ settings, secrets: caps.secrets, logger });
  const mail = new MailService(accounts);
  const fetchFn = caps.fetch ?? (globalThis.fetch as unknown as FetchLike);
  return {
    caps,
    logger,
    settings,
    accounts,
    mail,
    autoconfig: (email) => discoverSettings(email, { fetch: fetchFn, probePort: tcpPortProbe }),
    dispose: () => mail.close(),
  };
}
