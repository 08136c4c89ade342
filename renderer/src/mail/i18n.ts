// Merges the mail-safety strings into i18next (namespace 'mail') and gives a
// t() typed against them. renderer/src/i18n types t() against its own
// resources only, so these keys get their own small typed helper.
import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { mailEn } from './i18n-en.ts';
import { mailVi, type MailMessages } from './i18n-vi.ts';

export const MAIL_NS = 'mail';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MailKey = Leaves<MailMessages>;
export type MailT = (key: MailKey, values?: Record<string, string | number>) => string;

/** "a.b" → "…" pairs, for addResources (which splits keys on the key separator). */
function flatten(tree: object, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out[prefix + key] = value;
    else if (value && typeof value === 'object') flatten(value as object, `${prefix}${key}.`, out);
  }
  return out;
}

/** Adds the strings once per i18next instance (after its init, which creates the store). */
export function ensureMailResources(i18n: I18n): void {
  if (!i18n.hasResourceBundle('vi', MAIL_NS)) i18n.addResources('vi', MAIL_NS, flatten(mailVi));
  if (!i18n.hasResourceBundle('en', MAIL_NS)) i18n.addResources('en', MAIL_NS, flatten(mailEn));
}

/** t() for the mail-safety strings; re-renders on language change like useTranslation. */
export function useMailT(): MailT {
  const { i18n } = useTranslation();
  ensureMailResources(i18n);
  const translate = i18n.t.bind(i18n) as unknown as (key: string, options: Record<string, unknown>) => string;
  return (key, values) => translate(key, { ...values, ns: MAIL_NS });
}
