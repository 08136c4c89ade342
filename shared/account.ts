import { z } from 'zod';

export const SECURITY_MODES = ['tls', 'starttls', 'none'] as const;
export type SecurityMode = (typeof SECURITY_MODES)[number];

export const ACCOUNT_KINDS = ['unit', 'personal'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

const hostname = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'invalid host name');

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'invalid e-mail address');

export const serverSchema = z.object({
  host: hostname,
  port: z.number().int().min(1).max(65535),
  security: z.enum(SECURITY_MODES),
});
export type ServerSettings = z.infer<typeof serverSchema>;

/** Everything about an account except its password (which lives in the keychain). */
export const accountSettingsSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(ACCOUNT_KINDS),
  displayName: z.string().trim().max(200),
  email: emailSchema,
  /** Login name; the e-mail address unless the server wants something else. */
  username: z.string().min(1).max(320),
  imap: serverSchema,
  smtp: serverSchema,
  /** PEM of a private CA the user chose to trust for this account's servers. */
  caPem: z.string().max(200_000).optional(),
  /** Explicit consent to a plaintext connection; shown as a persistent warning. */
  allowInsecure: z.boolean().default(false),
  createdAt: z.string(),
});
export type AccountSettings = z.infer<typeof accountSettingsSchema>;

/** What the user submits to add an account. */
export const accountDraftSchema = z.object({
  kind: z.enum(ACCOUNT_KINDS).default('unit'),
  displayName: z.string().trim().max(200).default(''),
  email: emailSchema,
  username: z.string().min(1).max(320).optional(),
  imap: serverSchema,
  smtp: serverSchema,
  caPem: z.string().max(200_000).optional(),
  allowInsecure: z.boolean().default(false),
});
export type AccountDraft = z.input<typeof accountDraftSchema>;
export type AccountDraftParsed = z.infer<typeof accountDraftSchema>;

export const passwordSchema = z.string().min(1).max(1024);

export interface AccountSummary {
  id: string;
  kind: AccountKind;
  displayName: string;
  email: string;
  /** Login name (the e-mail address unless the server wants another). */
  username: string;
  imap: ServerSettings;
  smtp: ServerSettings;
  hasCustomCa: boolean;
  insecure: boolean;
}

export interface ConnectionTestResult {
  imap: { ok: true; capabilities: string[]; tls: boolean };
  smtp: { ok: true; tls: boolean };
}

export interface AutoconfigResult {
  source: 'autoconfig' | 'well-known' | 'guess';
  url?: string;
  imap: ServerSettings;
  smtp: ServerSettings;
  username?: string;
}
