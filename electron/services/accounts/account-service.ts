import { randomUUID } from 'node:crypto';
import {
  accountDraftSchema,
  type AccountDraft,
  type AccountDraftParsed,
  type AccountSettings,
  type AccountSummary,
  type ConnectionTestResult,
} from '../../../shared/account.ts';
import { AppError } from '../errors/app-error.ts';
import { capabilityList, connectImap, type ImapCredentials } from '../imap/imap-connection.ts';
import { secretKeys, type SecretStore } from '../keychain/secret-store.ts';
import type { Logger } from '../logging/logger.ts';
import { assertAllowedAddress } from '../policy/domain-policy.ts';
import type { SettingsRepository } from '../settings/settings-repository.ts';
import { verifySmtp } from '../smtp/smtp-transport.ts';
import type { Clock } from '../clock/clock.ts';

/** IMAP capabilities without which the app cannot work correctly. */
export const REQUIRED_IMAP_CAPABILITIES = ['IMAP4rev1'];

export interface AccountServiceDeps {
  settings: SettingsRepository;
  secrets: SecretStore;
  logger: Logger;
  clock: Clock;
}

/** Account lifecycle. Passwords go to the keychain and nowhere else. */
export class AccountService {
  private readonly deps: AccountServiceDeps;

  constructor(deps: AccountServiceDeps) {
    this.deps = deps;
  }

  list(): AccountSummary[] {
    return this.deps.settings.accounts().map(toSummary);
  }

  get(accountId: string): AccountSettings {
    const found = this.deps.settings.accounts().find((a) => a.id === accountId || a.email === accountId);
    if (!found) throw new AppError('ACCOUNT_NOT_FOUND', `no account ${accountId}`);
    return found;
  }

  /** Settings plus the password from the keychain, for the mail services. */
  async credentials(
    accountId: string,
  ): Promise<{ account: AccountSettings; imap: ImapCredentials; smtp: ImapCredentials }> {
    const account = this.get(accountId);
    const password = await this.deps.secrets.get(secretKeys.accountPassword(account.email));
    if (password === null) throw new AppError('SECRET_MISSING', `no keychain entry for ${account.email}`);
    this.deps.logger.redact(password);
    return { account, ...credentialsFor(account, password) };
  }

  /** Tests IMAP login (with required capabilities) and SMTP authentication. */
  async test(draftInput: AccountDraft, password: string): Promise<ConnectionTestResult> {
    const draft = this.validate(draftInput);
    this.deps.logger.redact(password);
    const creds = credentialsFor(draftToSettings(draft, 'test', this.deps.clock), password);
    const client = await connectImap(creds.imap);
    let capabilities: string[];
    try {
      capabilities = capabilityList(client);
      const missing = REQUIRED_IMAP_CAPABILITIES.filter((c) => !client.capabilities.has(c));
      if (missing.length) {
        throw new AppError('CAPABILITY_MISSING', `IMAP server lacks ${missing.join(', ')}`, {
          messageVi: `Máy chủ IMAP thiếu tính năng bắt buộc: ${missing.join(', ')}.`,
          data: { missing: missing.join(',') },
        });
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
    const smtp = await verifySmtp(creds.smtp);
    this.deps.logger.log('info', 'connection test passed', { email: draft.email, imapHost: draft.imap.host });
    return { imap: { ok: true, capabilities, tls: draft.imap.security !== 'none' }, smtp };
  }

  async add(draftInput: AccountDraft, password: string): Promise<AccountSummary> {
    const draft = this.validate(draftInput);
    const accounts = this.deps.settings.accounts();
    if (accounts.some((a) => a.email === draft.email)) {
      throw new AppError('ACCOUNT_EXISTS', `${draft.email} already configured`);
    }
    await this.test(draft, password);
    const account = draftToSettings(draft, randomUUID(), this.deps.clock);
    // Keychain first: if it is unavailable nothing is saved, and nothing in clear.
    await this.deps.secrets.set(secretKeys.accountPassword(account.email), password);
    try {
      this.deps.settings.saveAccounts([...accounts, account]);
    } catch (e) {
      await this.deps.secrets.delete(secretKeys.accountPassword(account.email)).catch(() => false);
      throw e;
    }
    this.deps.logger.log('info', 'account added', { email: account.email, kind: account.kind });
    return toSummary(account);
  }

  /** Edits settings; re-tests the connection with the new or the stored password. */
  async update(accountId: string, draftInput: AccountDraft, newPassword?: string): Promise<AccountSummary> {
    const existing = this.get(accountId);
    const parsed = this.validate(draftInput);
    // Fields the form cannot show back (the CA's PEM, a custom login) are kept unless changed:
    // caPem undefined keeps the stored CA, '' removes it.
    const draft: AccountDraftParsed = {
      ...parsed,
      username: parsed.username ?? existing.username,
      caPem: parsed.caPem === undefined ? existing.caPem : parsed.caPem || undefined,
    };
    if (draft.email !== existing.email) {
      throw new AppError('VALIDATION', 'the e-mail address of an account cannot change; add a new account', {
        messageVi: 'Không đổi được địa chỉ của tài khoản; hãy thêm tài khoản mới.',
      });
    }
    const key = secretKeys.accountPassword(existing.email);
    const password = newPassword ?? (await this.deps.secrets.get(key));
    if (password === null) throw new AppError('SECRET_MISSING', `no keychain entry for ${existing.email}`);
    await this.test(draft, password);
    const updated: AccountSettings = {
      ...draftToSettings(draft, existing.id, this.deps.clock),
      createdAt: existing.createdAt,
    };
    if (newPassword !== undefined) await this.deps.secrets.set(key, newPassword);
    this.deps.settings.saveAccounts(this.deps.settings.accounts().map((a) => (a.id === existing.id ? updated : a)));
    this.deps.logger.log('info', 'account updated', { email: existing.email });
    return toSummary(updated);
  }

  async remove(accountId: string): Promise<void> {
    const existing = this.get(accountId);
    await this.deps.secrets.delete(secretKeys.accountPassword(existing.email));
    this.deps.settings.saveAccounts(this.deps.settings.accounts().filter((a) => a.id !== existing.id));
    this.deps.logger.log('info', 'account removed', { email: existing.email });
  }

  private validate(input: AccountDraft): AccountDraftParsed {
    const parsed = accountDraftSchema.safeParse(input);
    if (!parsed.success)
      throw new AppError('VALIDATION', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const draft = parsed.data;
    assertAllowedAddress(draft.email, draft.kind, this.deps.settings.preferences().officialDomains);
    const insecure = draft.imap.security === 'none' || draft.smtp.security === 'none';
    if (insecure && !draft.allowInsecure) {
      throw new AppError('INSECURE_NOT_CONFIRMED', 'plaintext connection requested without allowInsecure');
    }
    return draft;
  }
}

function draftToSettings(draft: AccountDraftParsed, id: string, clock: Clock): AccountSettings {
  return {
    id,
    kind: draft.kind,
    displayName: draft.displayName || draft.email,
    email: draft.email,
    username: draft.username ?? draft.email,
    imap: draft.imap,
    smtp: draft.smtp,
    ...(draft.caPem ? { caPem: draft.caPem } : {}),
    allowInsecure: draft.allowInsecure,
    createdAt: clock.now().toISOString(),
  };
}

function credentialsFor(account: AccountSettings, password: string): { imap: ImapCredentials; smtp: ImapCredentials } {
  const base = { username: account.username, password, caPem: account.caPem, allowInsecure: account.allowInsecure };
  return { imap: { ...base, server: account.imap }, smtp: { ...base, server: account.smtp } };
}

export function toSummary(a: AccountSettings): AccountSummary {
  return {
    id: a.id,
    kind: a.kind,
    displayName: a.displayName,
    email: a.email,
    username: a.username,
    imap: a.imap,
    smtp: a.smtp,
    hasCustomCa: Boolean(a.caPem),
    insecure: a.imap.security === 'none' || a.smtp.security === 'none',
  };
}
