// The delegation part of the IPC contract (spread into shared/contract.ts):
// the unit head's side (who holds which rights, grant, revoke, drift, the
// register), the delegate's side (unit mailboxes shared with their own
// account) and, for servers without IMAP ACL, the sealed-credential fallback.
//
// Files cross as their content (read in the renderer from a file the user
// chose), never as paths: main writes only where its own save dialog pointed.
import { z } from 'zod';
import type { AccountSummary } from './account.ts';
import { emailSchema, passwordSchema } from './account.ts';
import type { Call } from './contract-call.ts';
import { accountRef, call } from './contract-call.ts';
import {
  DELEGATION_ROLES,
  type AclSupport,
  type CheckReport,
  type DelegationOverview,
  type GrantResult,
  type RegisterRecordDto,
  type RevokeResult,
  type SharedMailbox,
} from './delegation.ts';
import type { CertificateInfoDto } from './identity.ts';

/** RFC 3339 instant (the form turns the days a person picks into local start and end of day). */
const dateSchema = z
  .string()
  .trim()
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), 'not a date');

/** A certificate as the user picked it: PEM text, or DER in base64. */
const certificateSchema = z.object({
  pem: z.string().max(200_000).optional(),
  derBase64: z.string().max(300_000).optional(),
});
export type CertificateInput = z.infer<typeof certificateSchema>;

export const grantRequestSchema = z.object({
  delegate: emailSchema,
  role: z.enum(DELEGATION_ROLES),
  /** Letters for role 'custom' (checked against RFC 4314 and the server's LISTRIGHTS by the service). */
  rights: z
    .string()
    .max(40)
    .regex(/^[a-z]*$/, 'rights are lower-case letters')
    .optional(),
  allowAdmin: z.boolean().default(false),
  scope: z.union([z.literal('all'), z.array(z.string().min(1).max(1000)).min(1).max(1000)]),
  validFrom: dateSchema.optional(),
  validUntil: dateSchema.nullable().optional(),
  note: z.string().trim().max(500).optional(),
});

/** What the sealed-credential export answers: where it went, and to whom it is sealed. */
export interface SealedCredentialResult {
  saved: boolean;
  path: string | null;
  recipient: CertificateInfoDto;
}

export const delegationContract = {
  /** The head's view: rights folder by folder, grants with their status, the register's state. */
  'delegation.overview': call<DelegationOverview>()(accountRef),
  /** Whether the server offers IMAP ACL (else only the sealed-credential fallback is possible). */
  'delegation.aclSupport': call<AclSupport>()(accountRef),
  /** Grants (or changes) a delegate's rights and records it in the register. */
  'delegation.grant': call<GrantResult>()(accountRef.extend({ request: grantRequestSchema })),
  /** DELETEACL everywhere, confirmed with GETACL; the measured time is in the result. */
  'delegation.revoke': call<RevokeResult>()(accountRef.extend({ delegate: emailSchema })),
  /** Drift between the live rights and the register, and the register's integrity. */
  'delegation.check': call<CheckReport>()(accountRef),
  /** One-click fix of one drift finding (recorded); answers with the fresh check. */
  'delegation.fixDrift': call<{ record: RegisterRecordDto; report: CheckReport }>()(
    accountRef.extend({ findingId: z.string().min(1).max(2000) }),
  ),
  /** Delegate's side: unit mailboxes shared with this (personal) account, with the rights on each folder. */
  'delegation.shared': call<SharedMailbox[]>()(accountRef),

  /** Reads a certificate the user picked, to compare its fingerprint before sealing anything to it. */
  'delegation.certificate': call<CertificateInfoDto>()(z.object({ certificate: certificateSchema })),
  /** Servers without ACL: seals the unit credential to the delegate's certificate and saves the .p7m. */
  'delegation.sealCredential': call<SealedCredentialResult>()(
    accountRef.extend({ certificate: certificateSchema, fingerprint: z.string().trim().min(64).max(200) }),
  ),
  /** Delegate's side: opens a sealed credential with the user's identity; the account lands in the keychain. */
  'delegation.importCredential': call<AccountSummary>()(z.object({ envelopeBase64: z.string().min(1).max(2_000_000) })),
  /** Revoking a sealed credential = a new password: tested, stored in the keychain, recorded. */
  'delegation.passwordReset': call<{ records: RegisterRecordDto[] }>()(
    accountRef.extend({ newPassword: passwordSchema }),
  ),
} as const satisfies Record<string, Call<z.ZodType, unknown>>;

/** Events pushed from main for this capability. */
export interface DelegationEvents {
  /** Rights or the register of a unit mailbox changed (grant, revoke, fix, credential). */
  'delegation.changed': { accountId: string };
}

export const DELEGATION_EVENTS: (keyof DelegationEvents)[] = ['delegation.changed'];
