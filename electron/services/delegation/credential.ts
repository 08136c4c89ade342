// Credential delegation, the fallback for servers without ACL: the unit
// account's settings and password sealed (CMS EnvelopedData) to one delegate's
// certificate. Only the delegate's key opens it; the password is never written
// anywhere else, and revoking it means a password reset.
import { z } from 'zod';
import {
  accountDraftSchema,
  passwordSchema,
  type AccountDraft,
  type AccountSettings,
} from '../../../shared/account.ts';
import { AppError } from '../errors/app-error.ts';

export const CREDENTIAL_FORMAT = 'unit-mailbox-credential/1';

const payloadSchema = z.object({
  format: z.literal(CREDENTIAL_FORMAT),
  account: accountDraftSchema,
  password: passwordSchema,
  sealedAt: z.string(),
  sealedBy: z.string(),
});

export function draftOf(account: AccountSettings): AccountDraft {
  return {
    kind: account.kind,
    displayName: account.displayName,
    email: account.email,
    username: account.username,
    imap: account.imap,
    smtp: account.smtp,
    ...(account.caPem ? { caPem: account.caPem } : {}),
    allowInsecure: account.allowInsecure,
  };
}

export function credentialPayload(account: AccountSettings, password: string, sealedBy: string, at: Date): Uint8Array {
  const payload = {
    format: CREDENTIAL_FORMAT,
    account: draftOf(account),
    password,
    sealedAt: at.toISOString(),
    sealedBy,
  };
  return new TextEncoder().encode(JSON.stringify(payload));
}

export function readCredentialPayload(bytes: Uint8Array): { draft: AccountDraft; password: string; sealedBy: string } {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    value = null;
  }
  const parsed = payloadSchema.safeParse(value);
  if (!parsed.success) {
    // The issue list names fields only, never values: the payload holds a password.
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new AppError('PACKAGE_INVALID', `not a ${CREDENTIAL_FORMAT} payload (${fields})`, {
      messageVi: 'Gói mật khẩu niêm phong không đúng định dạng của ứng dụng.',
    });
  }
  return { draft: parsed.data.account, password: parsed.data.password, sealedBy: parsed.data.sealedBy };
}
