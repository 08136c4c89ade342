import { z } from 'zod';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Preferences shown in the UI; accounts are stored alongside but not edited here. */
export const preferencesSchema = z.object({
  language: z.enum(LANGUAGES).default('vi'),
  /** Art. 11: unit mailboxes must be on one of these domains. */
  officialDomains: z.array(z.string().trim().toLowerCase().min(3)).min(1).default(['binhphuoc.gov.vn']),
});
export type Preferences = z.infer<typeof preferencesSchema>;
export const preferencesPatchSchema = preferencesSchema.partial();
