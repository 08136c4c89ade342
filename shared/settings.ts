import { z } from 'zod';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Answering read-receipt requests (RFC 8098 §2.1: never without the user's consent): ask each
 * time, always (a standing consent: the MDN says "sent automatically"), or never.
 */
export const RECEIPT_POLICIES = ['ask', 'always', 'never'] as const;
export type ReceiptPolicy = (typeof RECEIPT_POLICIES)[number];

/** Which arriving messages the ledger registers by itself: the directives, or none ("Vào sổ" only). */
export const LEDGER_AUTO_REGISTER = ['directives', 'off'] as const;
export type LedgerAutoRegister = (typeof LEDGER_AUTO_REGISTER)[number];

const workingDays = z.number().int().min(0).max(365);
/** Default deadlines in working days after assignment, by urgency (the unit's rules, quy chế). */
export const ledgerDeadlineDaysSchema = z.object({
  'hoa-toc': workingDays,
  'thuong-khan': workingDays,
  khan: workingDays,
  thuong: workingDays,
});

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
  /** Seconds a sent message waits in the outbox, during which "Hoàn tác" takes it back. */
  sendUndoSeconds: z.number().int().min(0).max(120).default(10),
  /** Whether a read receipt asked for by an incoming message is sent (see RECEIPT_POLICIES). */
  receiptPolicy: z.enum(RECEIPT_POLICIES).default('ask'),
  /** The ledger's registration rule for this computer's unit accounts. */
  ledgerAutoRegister: z.enum(LEDGER_AUTO_REGISTER).default('directives'),
  /** Hỏa tốc the same day, Thượng khẩn 1 working day, Khẩn 2, Thường 7 unless the unit decides otherwise. */
  ledgerDeadlineDays: ledgerDeadlineDaysSchema.default({ 'hoa-toc': 0, 'thuong-khan': 1, khan: 2, thuong: 7 }),
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
    sendUndoSeconds: shape.sendUndoSeconds.unwrap(),
    receiptPolicy: shape.receiptPolicy.unwrap(),
    ledgerAutoRegister: shape.ledgerAutoRegister.unwrap(),
    ledgerDeadlineDays: shape.ledgerDeadlineDays.unwrap(),
  })
  .partial();
