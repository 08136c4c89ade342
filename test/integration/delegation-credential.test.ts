import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { connectImap } from '../../electron/services/imap/imap-connection.ts';
import { parseCertificates } from '../../electron/services/identity/certificates.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { DELEGATE, startSides, stopSides, type Side } from '../support/delegation-sides.ts';
import { UNIT_EMAIL, passwordOf } from '../support/fixtures.ts';
import { countInTree } from '../support/profile-scan.ts';

// A Dovecot without IMAP ACL commands: the app says so, and offers the fallback
// the regulation allows, the unit credential sealed to one delegate's certificate.
let stack: MailStack;
let head: Side;
let delegate: Side;
let sealed: Uint8Array;

beforeAll(async () => {
  stack = await startMailStack({ aclCommands: false });
  ({ head, delegate } = await startSides(stack));
  await delegate.identity.create({
    name: 'Trần Văn Cán',
    title: 'Chuyên viên',
    unit: 'Văn phòng UBND tỉnh Bình Phước',
    email: DELEGATE,
  });
});

afterAll(async () => {
  await delegate?.keychain.delete(secretKeys.accountPassword(UNIT_EMAIL)).catch(() => false);
  await stopSides({ head, delegate });
  await stack?.stop();
});

describe('servers without ACL: credential delegation', () => {
  it('detects the missing capability and says so plainly', async () => {
    const service = head.delegation();
    const support = await service.aclSupported(head.accountId);
    expect(support).toMatchObject({ supported: false, rightsCapability: null });
    expect(support.messageVi).toContain('không hỗ trợ phân quyền hộp thư (IMAP ACL)');
    const refused = await service
      .grant(head.accountId, { delegate: DELEGATE, role: 'xem', scope: 'all' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('ACL_UNSUPPORTED');
    expect((refused as AppError).messageVi).toContain('niêm phong');
    expect((await service.overview(head.accountId)).aclSupported).toBe(false);
  });

  it('seals the credential to the delegate’s certificate and records it (the password is not in the record)', async () => {
    const cert = parseCertificates(new TextEncoder().encode(await delegate.identity.certificatePem()))[0]!;
    sealed = await head.delegation().sealCredentialFor(head.accountId, cert);
    expect(sealed.length).toBeGreaterThan(500);
    expect(Buffer.from(sealed).includes(Buffer.from(passwordOf(stack, UNIT_EMAIL)))).toBe(false);
    const overview = await head.delegation().overview(head.accountId);
    expect(overview.grants).toEqual([
      expect.objectContaining({ delegate: DELEGATE, mode: 'credential', status: 'active', role: 'credential' }),
    ]);
    expect(overview.register).toMatchObject({ records: 1, intact: true });
    const exported = await head.delegation().exportRegister(head.accountId);
    expect(exported.lines.join('\n')).not.toContain(passwordOf(stack, UNIT_EMAIL));
  });

  it('only the delegate’s key opens it; the delegate’s keychain then holds the unit account', async () => {
    const wrong = await delegate
      .delegation()
      .importDelegatedCredential(sealed, await head.identity.decryptor())
      .catch((e: unknown) => e);
    expect((wrong as AppError).code).toBe('DECRYPT_FAILED');
    const account = await delegate.delegation().importDelegatedCredential(sealed, await delegate.identity.decryptor());
    expect(account).toMatchObject({ email: UNIT_EMAIL, kind: 'unit' });
    expect(await delegate.keychain.get(secretKeys.accountPassword(UNIT_EMAIL))).toBe(passwordOf(stack, UNIT_EMAIL));
    // Nowhere on disk, only in the keychain.
    expect(countInTree(delegate.profileDir, passwordOf(stack, UNIT_EMAIL)).count).toBe(0);
  });

  it('revoking it is a password reset, recorded; the old password stops working', async () => {
    const oldPassword = passwordOf(stack, UNIT_EMAIL);
    const newPassword = 'MatKhauMoi#2026-12!';
    await stack.addUser({ email: UNIT_EMAIL, password: newPassword }); // the IT Centre resets it
    const records = await head.delegation().recordPasswordReset(head.accountId, newPassword);
    expect(records.map((r) => [r.type, r.delegate])).toEqual([
      ['credential-revoke', DELEGATE],
      ['password-reset', ''],
    ]);
    expect(records.some((r) => JSON.stringify(r).includes(newPassword))).toBe(false);
    const overview = await head.delegation().overview(head.accountId);
    expect(overview.grants.find((g) => g.delegate === DELEGATE)?.status).toBe('revoked');
    expect(overview.register).toMatchObject({ records: 3, intact: true });
    // The head's keychain has the new password; the delegate's copy no longer logs in.
    expect(await head.keychain.get(secretKeys.accountPassword(UNIT_EMAIL))).toBe(newPassword);
    const { imap } = await delegate.services.accounts.credentials(UNIT_EMAIL);
    expect(imap.password).toBe(oldPassword);
    await expect(connectImap(imap)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
  });
});
