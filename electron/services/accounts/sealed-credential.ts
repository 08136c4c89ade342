// A unit account's settings and password as sealed (CMS EnvelopedData) to one person's
// certificate: to the incoming head in a handover (handover/credential.p7m), or to a
// delegate where the server has no ACL (credential delegation). Only that person's key
// opens it; the password is written nowhere else, and both uses end with a password reset.
import { z } from 'zod';
import {
  accountDraftSchema,
  passwordSchema,
  type AccountDraft,
  type AccountDraftParsed,
  type AccountSettings,
} from '../../../shared/account.ts';
import { AppError } from '../errors/app-error.ts';

export const CREDENTIAL_FORMAT = 'unit-mailbox-credential/1';

const credentialSchema = z.object({
  format: z.literal(CREDENTIAL_FORMAT),
  purpose: z.enum(['handover', 'delegation']),
  account: accountDraftSchema,
  password: passwordSchema,
  sealedAt: z.string(),
  /** Fingerprint of the certificate it was sealed to. */
  sealedTo: z.string(),
  /** Always true: the IT Centre resets the password at acceptance, or to revoke a credential delegation. */
  passwordResetRequired: z.literal(true),
});

export type CredentialPurpose = z.infer<typeof credentialSchema>['purpose'];

export interface SealedCredential {
  purpose: CredentialPurpose;
  account: AccountDraftParsed;
  password: string;
  sealedAt: string;
  sealedTo: string;
}

/** The settings part of an account as a draft another profile can add. */
export function accountDraftOf(account: AccountSettings): AccountDraft {
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

export function encodeCredential(
  account: AccountSettings,
  password: string,
  opts: { purpose: CredentialPurpose; sealedTo: string; at: Date },
): Uint8Array {
  const body: z.input<typeof credentialSchema> = {
    format: CREDENTIAL_FORMAT,
    purpose: opts.purpose,
    account: accountDraftOf(account),
    password,
    sealedAt: opts.at.toISOString(),
    sealedTo: opts.sealedTo,
    passwordResetRequired: true,
  };
  return new TextEncoder().encode(JSON.stringify(body, null, 2));
}

/** Parses an opened credential; errors name fields only, never values (it holds a password). */
export function decodeCredential(bytes: Uint8Array, expected: CredentialPurpose): SealedCredential {
  let json: unknown = null;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    // reported below as a format problem
  }
  const parsed = credentialSchema.safeParse(json);
  if (!parsed.success || parsed.data.purpose !== expected) {
    const fields = parsed.success ? 'purpose' : parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new AppError('PACKAGE_INVALID', `not a ${CREDENTIAL_FORMAT} ${expected} credential (${fields})`, {
      messageVi: 'Gói mật khẩu niêm phong không đúng định dạng của ứng dụng.',
    });
  }
  const { purpose, account, password, sealedAt, sealedTo } = parsed.data;
  return { purpose, account, password, sealedAt, sealedTo };
}
