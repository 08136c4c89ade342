// Delegation of a unit mailbox without sharing its password (Art. 9, 10):
// rights granted with IMAP ACL (RFC 4314) to each delegate's own account,
// every act recorded in the signed register inside the mailbox. This file only
// assembles the parts and is what the dispatcher, the CLI and the tests call;
// each part does one job:
//   grant-service.ts        grant, change, revoke
//   schedule-service.ts     expiry, scheduled starts, folders created later
//   drift-service.ts        live ACL against the register, and the fix
//   overview-service.ts     what the panel shows; the register for a handover
//   shared-mailboxes.ts     the delegate's side: what is shared with me
//   credential-fallback.ts  servers without ACL: the sealed credential
//   register-book.ts        reading and appending the register on a session
//   mailbox-session.ts      one IMAP session per piece of work
import type { ImapFlow } from 'imapflow';
import type { AccountSummary } from '../../../shared/account.ts';
import type {
  AclSupport,
  CheckReport,
  DelegationOverview,
  DriftFinding,
  GrantRequest,
  GrantResult,
  RegisterRecordDto,
  RevokeResult,
  SharedMailbox,
} from '../../../shared/delegation.ts';
import type { AccountService } from '../accounts/account-service.ts';
import type { AuditSink } from '../audit/audit-sink.ts';
import type { Clock } from '../clock/clock.ts';
import type { Decryptor } from '../identity/signer.ts';
import type { ImapCredentials } from '../imap/imap-connection.ts';
import type { Logger } from '../logging/logger.ts';
import type { SettingsRepository } from '../settings/settings-repository.ts';
import { CredentialFallback } from './credential-fallback.ts';
import type { DelegationContext } from './delegation-context.ts';
import { DriftService } from './drift-service.ts';
import { GrantService } from './grant-service.ts';
import { sessionRunner, type SessionRunner } from './mailbox-session.ts';
import { OverviewService } from './overview-service.ts';
import { RegisterBook, type RegisterIdentity } from './register-book.ts';
import { ScheduleService } from './schedule-service.ts';
import { sharedMailboxesOn } from './shared-mailboxes.ts';

export interface DelegationServiceDeps {
  accounts: AccountService;
  identity: RegisterIdentity;
  settings: SettingsRepository;
  logger: Logger;
  /** What "now" is for validity, record dates and signing times. */
  clock: Clock;
  /** Opens an IMAP session (tests may count or wrap them); defaults to connectImap. */
  connect?: (creds: ImapCredentials) => Promise<ImapFlow>;
  /** Grants and revocations are recorded in the audit log (audit-services.ts); none without it. */
  audit?: AuditSink;
}

export class DelegationService {
  private readonly sessions: SessionRunner;
  private readonly grants: GrantService;
  private readonly schedule: ScheduleService;
  private readonly drift: DriftService;
  private readonly view: OverviewService;
  private readonly fallback: CredentialFallback;

  constructor(deps: DelegationServiceDeps) {
    const sessions = sessionRunner(deps.accounts, deps.connect);
    const context: DelegationContext = { ...deps, sessions, register: new RegisterBook(deps.settings) };
    this.sessions = sessions;
    this.grants = new GrantService(context);
    this.schedule = new ScheduleService(context);
    this.drift = new DriftService({ ...context, newFolders: this.schedule });
    this.view = new OverviewService({ ...context, newFolders: this.schedule });
    this.fallback = new CredentialFallback(context);
  }

  // ---- head's side ---------------------------------------------------------

  aclSupported(accountId: string): Promise<AclSupport> {
    return this.view.aclSupported(accountId);
  }

  overview(accountId: string): Promise<DelegationOverview> {
    return this.view.overview(accountId);
  }

  grant(accountId: string, req: GrantRequest): Promise<GrantResult> {
    return this.grants.grant(accountId, req);
  }

  revoke(accountId: string, delegate: string): Promise<RevokeResult> {
    return this.grants.revoke(accountId, delegate);
  }

  /** Revokes grants past their end and applies grants whose start has come (schedule-service.ts). */
  expireDue(accountId: string): Promise<{ expired: string[]; activated: string[] }> {
    return this.schedule.expireDue(accountId);
  }

  /** Gives 'all'-scope grants their rights on folders created since this computer last looked. */
  applyToNewFolders(accountId: string): Promise<string[]> {
    return this.schedule.applyToNewFolders(accountId);
  }

  check(accountId: string, opts: { fix?: boolean } = {}): Promise<CheckReport> {
    return this.drift.check(accountId, opts);
  }

  fixDrift(accountId: string, findingOrId: DriftFinding | string): Promise<RegisterRecordDto> {
    return this.drift.fixDrift(accountId, findingOrId);
  }

  exportRegister(accountId: string): Promise<{ fileName: 'delegation.jsonl'; header: string; lines: string[] }> {
    return this.view.exportRegister(accountId);
  }

  // ---- delegate's side -----------------------------------------------------

  /** Unit mailboxes other users share with this account (NAMESPACE, LIST, MYRIGHTS). */
  sharedMailboxes(delegateAccountId: string): Promise<SharedMailbox[]> {
    return this.sessions(delegateAccountId, ({ client }) => sharedMailboxesOn(client));
  }

  // ---- servers without ACL -------------------------------------------------

  sealCredentialFor(accountId: string, delegateCertificate: Uint8Array): Promise<Uint8Array> {
    return this.fallback.sealCredentialFor(accountId, delegateCertificate);
  }

  importDelegatedCredential(p7m: Uint8Array, decryptor: Decryptor): Promise<AccountSummary> {
    return this.fallback.importDelegatedCredential(p7m, decryptor);
  }

  recordPasswordReset(accountId: string, newPassword: string): Promise<RegisterRecordDto[]> {
    return this.fallback.recordPasswordReset(accountId, newPassword);
  }
}
