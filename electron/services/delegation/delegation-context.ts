// What the delegation services share. Each one takes only the parts it uses
// (a Pick of this), so its constructor says what it can touch.
import type { AccountService } from '../accounts/account-service.ts';
import type { AuditSink } from '../audit/audit-sink.ts';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../logging/logger.ts';
import type { SettingsRepository } from '../settings/settings-repository.ts';
import type { SessionRunner } from './mailbox-session.ts';
import type { RegisterBook, RegisterIdentity } from './register-book.ts';

export interface DelegationContext {
  accounts: AccountService;
  /** Official domains, and what this computer remembers (local-state.ts). */
  settings: SettingsRepository;
  /** The head's signing key for register records. */
  identity: RegisterIdentity;
  register: RegisterBook;
  sessions: SessionRunner;
  logger: Logger;
  /** What "now" is for validity, record dates and signing times. */
  clock: Clock;
  /** Grants and revocations are recorded in the unit mailbox's audit log too. */
  audit?: AuditSink | undefined;
}

/** Gives whole-mailbox grants their rights on folders created since this computer last looked. */
export interface NewFolderGrants {
  applyToNewFolders(accountId: string): Promise<string[]>;
}
