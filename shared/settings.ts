import { z } from 'zod';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Preferences shown in the UI; accounts are stored alongside but not edited here. */
export const preferencesSchema = z.object({
  language: z.enum(LANGUAGES).default('vi'),
  /** Art. 11: unit mailboxes must be on one of these domains. */
  officialDomains: z.array(z.string().trim().toLowerCase().min(3)).min(1).default(['binhphuoc.gov.vn']),
  /** Offline policy: bodies of messages newer than this many days are cached (opened ones always are). */
  offlineBodyDays: z.number().int().min(0).max(3650).default(30),
  /** Senders whose mail counts as a directive (addresses or @domain). */
  directiveLeadership: z.array(z.string().trim().toLowerCase().min(3)).default([]),
  /** Extra subject patterns for directives, on top of the built-in ones. */
  directiveSubjectPatterns: z.array(z.string().trim().min(2)).default([]),
});
export type Preferences = z.infer<typeof preferencesSchema>;
/**
 * A change to some preferences: each field checked as above, none defaulted. (zod 4 applies a
 * default inside .partial(), so `preferencesSchema.partial()` would turn `{ language: 'en' }` into
 * a full set of defaults and reset every preference the patch did not name.)
 */
const { shape } = preferencesSchema;
export const preferencesPatchSchema = z
  .object({
    language: shape.language.unwrap(),
    officialDomains: shape.officialDomains.unwrap(),
    offlineBodyDays: shape.offlineBodyDays.unwrap(),
    directiveLeadership: shape.directiveLeadership.unwrap(),
    directiveSubjectPatterns: shape.directiveSubjectPatterns.unwrap(),
  })
  .partial();
