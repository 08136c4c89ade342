// The Article 11 sending policy: free webmail recipients are refused for official mail, recipients
// outside the official domains need a confirmation. The IT Centre deploys it as a JSON file
// (read by electron/services/policy/send-policy-file.ts); these are its schema, its defaults and
// the pure checks, shared by main (which enforces) and the composer (which warns early).
import { z } from 'zod';
import type { SendPolicyView } from './compose.ts';
import { toAsciiDomain } from './idn.ts';
import { normalizeAddress } from './recipients.ts';

export { DEFAULT_SECRET_MARKINGS, findSecretMarkings, type SecretMarkingHit } from './secret-markings.ts';

/**
 * Free webmail, refused by default. `name.*` stands for the provider under any country or generic
 * top-level part: one label (yandex.ru, gmx.de) or com/co/net/org/ne/or plus one (yahoo.com.vn,
 * hotmail.co.uk). So `live.*` matches live.com and live.co.uk, never live.gov.vn.
 */
export const DEFAULT_FREEMAIL_DOMAINS: readonly string[] = [
  'yahoo.*',
  'ymail.com',
  'rocketmail.com',
  'hotmail.*',
  'outlook.*',
  'live.*',
  'windowslive.com',
  'msn.com',
  'gmail.com',
  'googlemail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.*',
  'aim.com',
  'yandex.*',
  'ya.ru',
  'mail.ru',
  'inbox.ru',
  'list.ru',
  'bk.ru',
  'zoho.*',
  'zohomail.com',
  'proton.me',
  'protonmail.*',
  'pm.me',
  'gmx.*',
  'web.de',
  'mail.com',
  'tutanota.*',
  'tuta.io',
  'tutamail.com',
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sina.cn',
];

/** Official suffixes: "gov.vn" means gov.vn and every *.gov.vn. */
export const DEFAULT_OFFICIAL_DOMAINS: readonly string[] = ['gov.vn'];

/** Second-level names under a country code that `name.*` also covers (yahoo.com.vn, hotmail.co.uk). */
const GENERIC_SECOND_LEVEL = new Set(['com', 'co', 'net', 'org', 'ne', 'or']);

/** A free-mail entry in ASCII, lowercase: "domain" or "name.*"; null when malformed. */
export function normalizeFreemailPattern(entry: string): string | null {
  const e = entry.normalize('NFC').trim().toLowerCase();
  if (e.endsWith('.*')) {
    const base = e.slice(0, -2);
    // A single label has no TLD of its own: check it as if it had one.
    const ascii = toAsciiDomain(`${base}.example`);
    return ascii === null ? null : `${ascii.slice(0, -'.example'.length)}.*`;
  }
  return toAsciiDomain(e);
}

/** An official suffix in ASCII, lowercase ("*.gov.vn" and ".gov.vn" mean "gov.vn"); null when malformed. */
export function normalizeOfficialSuffix(entry: string): string | null {
  return toAsciiDomain(
    entry
      .normalize('NFC')
      .trim()
      .replace(/^\*?\./, ''),
  );
}

function domainEntry(normalize: (entry: string) => string | null, what: string) {
  return z
    .string()
    .max(253)
    .transform((value, ctx) => {
      const normalized = normalize(value);
      if (normalized === null) {
        ctx.addIssue({ code: 'custom', message: `"${value}" is not ${what}` });
        return z.NEVER;
      }
      return normalized;
    });
}

/** The policy file (version 1). Unknown keys are refused so that a misspelt key is not silently ignored. */
export const sendPolicySchema = z.strictObject({
  version: z.literal(1, { error: 'version must be 1 (the only version this app reads)' }),
  freemailDomains: z
    .array(domainEntry(normalizeFreemailPattern, 'a domain or a "name.*" pattern'))
    .max(5000)
    .default(() => [...DEFAULT_FREEMAIL_DOMAINS]),
  officialDomains: z
    .array(domainEntry(normalizeOfficialSuffix, 'a domain suffix such as "gov.vn"'))
    .min(1)
    .max(5000)
    .default(() => [...DEFAULT_OFFICIAL_DOMAINS]),
  maxMessageBytes: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  secretMarkings: z.array(z.string().trim().min(1).max(100)).max(200).optional(),
  /**
   * The ledger's and the audit's chain heads, signed, sent to this address every `everyDays`
   * days (issue 15), so that a rewrite of the records is visible outside the mailbox.
   */
  chainReport: z
    .strictObject({
      to: z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'not an e-mail address' }),
      everyDays: z.number().int().min(1).max(366),
    })
    .optional(),
});
export type SendPolicy = z.infer<typeof sendPolicySchema>;

export const DEFAULT_SEND_POLICY: SendPolicy = Object.freeze({
  version: 1 as const,
  freemailDomains: [...DEFAULT_FREEMAIL_DOMAINS],
  officialDomains: [...DEFAULT_OFFICIAL_DOMAINS],
});

/** Validates parsed JSON; `error` is English, naming each problem by its path. */
export function parseSendPolicy(value: unknown): { policy: SendPolicy; error: null } | { policy: null; error: string } {
  const parsed = sendPolicySchema.safeParse(value);
  if (parsed.success) return { policy: parsed.data, error: null };
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return { policy: null, error: problems.join('; ') };
}

/** Whether an ASCII domain is one of the free-mail entries (or a subdomain of one). */
export function isFreemail(domain: string, patterns: readonly string[]): boolean {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  return patterns.some((pattern) => {
    if (!pattern.endsWith('.*')) return labels.join('.') === pattern || labels.join('.').endsWith(`.${pattern}`);
    const base = pattern.slice(0, -2).split('.');
    // Try the pattern at every position, so a subdomain (mail.yahoo.com) matches too.
    for (let at = 0; at + base.length < labels.length; at++) {
      if (labels.slice(at, at + base.length).join('.') !== base.join('.')) continue;
      const tail = labels.slice(at + base.length);
      if (tail.length === 1 || (tail.length === 2 && GENERIC_SECOND_LEVEL.has(tail[0] ?? ''))) return true;
    }
    return false;
  });
}

/** Whether an ASCII domain is an official suffix or under one. */
export function isOfficial(domain: string, suffixes: readonly string[]): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return suffixes.some((s) => d === s || d.endsWith(`.${s}`));
}

export interface RecipientClassification {
  /** Free webmail: refused (Art. 11). */
  freemail: string[];
  /** Neither free-mail nor official: allowed after an explicit confirmation. */
  outside: string[];
  official: string[];
}

/**
 * Sorts recipients by the policy. A free-mail match wins over an official one (a policy listing
 * both is resolved towards refusing). An address that does not parse counts as outside.
 * Each address appears once (case-insensitive), as given.
 */
export function classifyRecipients(
  addresses: readonly string[],
  policy: Pick<SendPolicy, 'freemailDomains' | 'officialDomains'>,
): RecipientClassification {
  const result: RecipientClassification = { freemail: [], outside: [], official: [] };
  const seen = new Set<string>();
  for (const raw of addresses) {
    const given = raw.normalize('NFC').trim();
    const normalized = normalizeAddress(given);
    const key = (normalized?.address ?? given).toLowerCase();
    if (given === '' || seen.has(key)) continue;
    seen.add(key);
    const domain = normalized?.domain ?? given.slice(given.lastIndexOf('@') + 1).toLowerCase();
    if (isFreemail(domain, policy.freemailDomains)) result.freemail.push(given);
    else if (normalized && isOfficial(domain, policy.officialDomains)) result.official.push(given);
    else result.outside.push(given);
  }
  return result;
}

/** The policy as the settings screen shows it. */
export function sendPolicyView(
  policy: SendPolicy,
  source: string | null,
  error: string | null,
  undoSeconds: number,
): SendPolicyView {
  return {
    source,
    error,
    freemailDomains: [...policy.freemailDomains],
    officialDomains: [...policy.officialDomains],
    maxMessageBytes: policy.maxMessageBytes ?? null,
    undoSeconds,
  };
}
