// For servers without ACL, the only fallback the regulation allows: the unit
// credential sealed (CMS EnvelopedData) to one delegate's certificate, stored
// in that delegate's keychain, and recorded. Revoking it is a password reset,
// recorded too. Where the server has ACL the password never travels.
import type { AccountSummary } from '../../../shared/account.ts';
import type { RegisterRecordDto } from '../../../shared/delegation.ts';
import { accountDraftOf, decodeCredential, encodeCredential } from '../accounts/sealed-credential.ts';
import { envelopeFor, openEnvelope } from '../cms/cms.ts';
import { AppError } from '../errors/app-error.ts';
import { certificateInfo, leafCertificate, sha256Fingerprint } from '../identity/certificates.ts';
import type { Decryptor } from '../identity/signer.ts';
import { hasAcl } from '../imap/imap-acl.ts';
import type { DelegationContext } from './delegation-context.ts';
import { checkDelegate } from './grant-request.ts';
import { grantsIn } from './register-book.ts';
import { sha256Hex } from './register.ts';

type FallbackDeps = Pick<
  DelegationContext,
  'accounts' | 'settings' | 'identity' | 'register' | 'sessions' | 'logger' | 'clock'
>;

export class CredentialFallback {
  private readonly deps: FallbackDeps;

  constructor(deps: FallbackDeps) {
    this.deps = deps;
  }

  /**
   * Seals the unit credential to one delegate's certificate (CMS EnvelopedData)
   * and records it. Refused where the server has ACL: there the password need not travel.
   */
  async sealCredentialFor(accountId: string, delegateCertificate: Uint8Array): Promise<Uint8Array> {
    const der = leafCertificate(delegateCertificate);
    const info = certificateInfo(der);
    if (!info.email)
      throw new AppError('CERTIFICATE_INVALID', `certificate ${info.sha256Fingerprint} names no e-mail address`, {
        messageVi: 'Chứng thư số của người được ủy quyền không ghi địa chỉ thư điện tử.',
      });
    const { accounts, settings, identity, register, logger } = this.deps;
    const account = accounts.get(accountId);
    const delegate = checkDelegate(info.email, account, settings.preferences().officialDomains);
    const signer = await identity.signer();
    const { imap } = await accounts.credentials(accountId);
    const now = this.deps.clock.now();
    return this.deps.sessions(accountId, async (s) => {
      if (hasAcl(s.client)) {
        throw new AppError('VALIDATION', 'the server supports ACL: grant rights instead of sharing the password', {
          messageVi:
            'Máy chủ hỗ trợ phân quyền (IMAP ACL): hãy cấp quyền cho tài khoản riêng của người được ủy quyền, không giao mật khẩu hộp thư (Điều 9).',
        });
      }
      const envelope = await envelopeFor(
        encodeCredential(account, imap.password, { purpose: 'delegation', sealedTo: sha256Fingerprint(der), at: now }),
        der,
        { now },
      );
      const draft = {
        type: 'credential-grant' as const,
        mailbox: s.email,
        delegate,
        role: 'credential' as const,
        rights: '',
        scope: 'all' as const,
        validFrom: now.toISOString(),
        validUntil: null,
        note: `sealed to certificate ${info.sha256Fingerprint}; envelope sha256 ${sha256Hex(envelope)}`,
      };
      await register.append(s, await register.read(s), draft, signer, now);
      logger.log('info', 'credential sealed', { mailbox: s.email, delegate });
      return envelope;
    });
  }

  /** Delegate's side: opens the sealed credential and stores the unit account in this user's keychain. */
  async importDelegatedCredential(p7m: Uint8Array, decryptor: Decryptor): Promise<AccountSummary> {
    const { account: draft, password } = decodeCredential(await openEnvelope(p7m, decryptor), 'delegation');
    this.deps.logger.redact(password);
    return this.deps.accounts.add(draft, password);
  }

  /**
   * Revoking a credential delegation is a password reset (done by the IT
   * Centre or the head): stores the new password after a login test, then
   * records 'credential-revoke' for each holder and 'password-reset'.
   */
  async recordPasswordReset(accountId: string, newPassword: string): Promise<RegisterRecordDto[]> {
    const { accounts, identity, register, logger } = this.deps;
    logger.redact(newPassword);
    const account = accounts.get(accountId);
    await accounts.update(account.id, accountDraftOf(account), newPassword);
    const signer = await identity.signer();
    const now = this.deps.clock.now();
    return this.deps.sessions(accountId, async (s) => {
      let read = await register.read(s);
      const holders = grantsIn(read, now).filter((g) => g.mode === 'credential' && g.status !== 'revoked');
      const records: RegisterRecordDto[] = [];
      const base = { mailbox: s.email, role: 'credential' as const, rights: '', scope: 'all' as const };
      for (const g of holders) {
        const draft = {
          ...base,
          type: 'credential-revoke' as const,
          delegate: g.delegate,
          validFrom: g.validFrom,
          validUntil: now.toISOString(),
        };
        records.push(await register.append(s, read, draft, signer, now));
        read = await register.read(s);
      }
      const reset = { ...base, type: 'password-reset' as const, delegate: '', validFrom: now.toISOString() };
      records.push(await register.append(s, read, { ...reset, validUntil: null }, signer, now));
      logger.log('info', 'password reset recorded', { mailbox: s.email, revoked: holders.length });
      return records;
    });
  }
}
