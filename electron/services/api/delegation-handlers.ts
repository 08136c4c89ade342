// Handlers of the delegation part of the contract (shared/contract-delegation.ts)
// over DelegationService. Every change to a unit mailbox's rights or register
// is announced as 'delegation.changed', so an open panel reloads.
import { writeFile } from 'node:fs/promises';
import type { CertificateInput, delegationContract } from '../../../shared/contract-delegation.ts';
import type { AppServices } from '../app-services.ts';
import { fileError } from '../errors/file-error.ts';
import { certificateInfo, leafCertificate, requireComparedFingerprint } from '../identity/certificates.ts';
import type { HandlersFor } from './handler-types.ts';

export function createDelegationHandlers(s: AppServices): HandlersFor<keyof typeof delegationContract> {
  const idOf = (accountId: string) => s.accounts.get(accountId).id;
  const changed = (accountId: string) => s.events.emit('delegation.changed', { accountId });

  return {
    'delegation.overview': async ({ accountId }) => s.delegation.overview(idOf(accountId)),
    'delegation.aclSupport': async ({ accountId }) => s.delegation.aclSupported(idOf(accountId)),
    'delegation.grant': async ({ accountId, request }) => {
      const id = idOf(accountId);
      const { rights, validFrom, validUntil, note, ...rest } = request;
      const result = await s.delegation.grant(id, {
        ...rest,
        ...(rights !== undefined ? { rights } : {}),
        ...(validFrom !== undefined ? { validFrom } : {}),
        ...(validUntil !== undefined ? { validUntil } : {}),
        ...(note ? { note } : {}),
      });
      changed(id);
      return result;
    },
    'delegation.revoke': async ({ accountId, delegate }) => {
      const id = idOf(accountId);
      const result = await s.delegation.revoke(id, delegate);
      changed(id);
      return result;
    },
    'delegation.check': async ({ accountId }) => s.delegation.check(idOf(accountId)),
    'delegation.fixDrift': async ({ accountId, findingId }) => {
      const id = idOf(accountId);
      const record = await s.delegation.fixDrift(id, findingId);
      changed(id);
      return { record, report: await s.delegation.check(id) };
    },
    'delegation.shared': async ({ accountId }) => s.delegation.sharedMailboxes(idOf(accountId)),

    'delegation.certificate': async ({ certificate }) => certificateInfo(leafOf(certificate)),
    'delegation.sealCredential': async ({ accountId, certificate, fingerprint }) => {
      const id = idOf(accountId);
      const der = leafOf(certificate);
      // The head compared this fingerprint with the delegate (by phone, on paper): seal only to that certificate.
      requireComparedFingerprint(der, fingerprint, {
        detail: 'the certificate differs from the one whose fingerprint was compared',
        messageVi: 'Chứng thư số đã khác với chứng thư vừa đối chiếu dấu vân tay. Hãy chọn và đối chiếu lại.',
      });
      const recipient = certificateInfo(der);
      // Where to save is asked first: sealing writes a register record, which a cancelled save must not leave behind.
      const path = await s.caps.dialogs.saveFile(
        sealedFileName(s.accounts.get(id).email, recipient.email),
        'Lưu mật khẩu đã niêm phong cho người được ủy quyền',
      );
      if (!path) return { saved: false, path: null, recipient };
      const envelope = await s.delegation.sealCredentialFor(id, der);
      await writeFile(path, envelope, { flag: 'w' }).catch((e: unknown) => {
        throw fileError('write', path, e);
      });
      changed(id);
      return { saved: true, path, recipient };
    },
    'delegation.importCredential': async ({ envelopeBase64 }) => {
      const envelope = new Uint8Array(Buffer.from(envelopeBase64, 'base64'));
      const account = await s.delegation.importDelegatedCredential(envelope, await s.identity.decryptor());
      s.events.emit('accounts.changed', { accounts: s.accounts.list() });
      return account;
    },
    'delegation.passwordReset': async ({ accountId, newPassword }) => {
      const id = idOf(accountId);
      const records = await s.delegation.recordPasswordReset(id, newPassword);
      // The open session logged in with the old password.
      await s.mail.pool.drop(id);
      changed(id);
      return { records };
    },
  };
}

/** The leaf certificate of what the renderer sent: PEM text or DER bytes in base64. */
function leafOf(input: CertificateInput): Uint8Array {
  const bytes =
    input.pem !== undefined
      ? new TextEncoder().encode(input.pem)
      : new Uint8Array(Buffer.from(input.derBase64 ?? '', 'base64'));
  return leafCertificate(bytes);
}

/** "vanphong-cho-canbo1.p7m": ASCII, so it survives every file system and mail client. */
function sealedFileName(mailbox: string, delegate: string | null): string {
  const local = (address: string | null) => (address ?? '').split('@')[0]?.replace(/[^a-z0-9._-]/gi, '') ?? '';
  const to = local(delegate);
  return `${local(mailbox) || 'hop-thu'}${to ? `-cho-${to}` : ''}.p7m`;
}
