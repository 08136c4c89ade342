// The sealed credential (handover/credential.p7m, CMS EnvelopedData to the incoming head):
// the unit account's settings and its password, so the incoming head's app can take the
// mailbox over without the password ever being written down or read aloud.
import { z } from 'zod';
import {
  accountDraftSchema,
  passwordSchema,
  type AccountDraftParsed,
  type AccountSettings,
} from '../../../shared/account.ts';
import { AppError } from '../errors/app-error.ts';

export const CREDENTIAL_FORMAT = 'unit-mailbox-credential/1';

const credentialSchema = z.object({
  format: z.literal(CREDENTIAL_FORMAT),
  account: accountDraftSchema,
  password: passwordSchema,
  sealedAt: z.string(),
  /** Always true: the IT Centre resets the password once the incoming head has accepted. */
  passwordResetRequired: z.literal(true),
});

export interface SealedCredential {
  account: AccountDraftParsed;
  password: string;
  sealedAt: string;
}

export function encodeCredential(account: AccountSettings, password: string, now: Date): Uint8Array {
  const body: z.input<typeof credentialSchema> = {
    format: CREDENTIAL_FORMAT,
    account: {
      kind: account.kind,
      displayName: account.displayName,
      email: account.email,
      username: account.username,
      imap: account.imap,
      smtp: account.smtp,
      ...(account.caPem ? { caPem: account.caPem } : {}),
      allowInsecure: account.allowInsecure,
    },
    password,
    sealedAt: now.toISOString(),
    passwordResetRequired: true,
  };
  return new TextEncoder().encode(JSON.stringify(body, null, 2));
}

/** Parses an opened credential; the error never quotes the content (it holds a password). */
export function decodeCredential(bytes: Uint8Array): SealedCredential {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new AppError('PACKAGE_INVALID', 'handover/credential.p7m does not contain a JSON credential');
  }
  const parsed = credentialSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new AppError('PACKAGE_INVALID', `handover/credential.p7m: unexpected credential format (fields: ${fields})`);
  }
  return { account: parsed.data.account, password: parsed.data.password, sealedAt: parsed.data.sealedAt };
}
