// Merges the delegation strings into i18next (namespace 'delegation') and
// gives a t() typed against them, like renderer/src/mail/i18n.ts does for the
// mail-safety strings. `lang` picks the words of shared/delegation.ts.
import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { delegationEn } from './i18n-en.ts';
import { delegationVi, type DelegationMessages } from './i18n-vi.ts';

export const DELEGATION_NS = 'delegation';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type DelegationKey = Leaves<DelegationMessages>;
export type DelegationT = (key: DelegationKey, values?: Record<string, string | number>) => string;
export type Lang = 'vi' | 'en';

/** "a.b" → "…" pairs, for addResources (which splits keys on the key separator). */
function flatten(tree: object, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out[prefix + key] = value;
    else if (value && typeof value === 'object') flatten(value as object, `${prefix}${key}.`, out);
  }
  return out;
}

/** Adds the strings once per i18next instance (after its init, which creates the store). */
export function ensureDelegationResources(i18n: I18n): void {
  if (!i18n.hasResourceBundle('vi', DELEGATION_NS)) i18n.addResources('vi', DELEGATION_NS, flatten(delegationVi));
  if (!i18n.hasResourceBundle('en', DELEGATION_NS)) i18n.addResources('en', DELEGATION_NS, flatten(delegationEn));
}

/** t() for the delegation screens; re-renders on language change like useTranslation. */
export function useDelegationT(): { t: DelegationT; lang: Lang; locale: string } {
  const { i18n } = useTranslation();
  ensureDelegationResources(i18n);
  const translate = i18n.t.bind(i18n) as unknown as (key: string, options: Record<string, unknown>) => string;
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  return {
    t: (key, values) => translate(key, { ...values, ns: DELEGATION_NS }),
    lang,
    locale: lang === 'en' ? 'en-GB' : 'vi-VN',
  };
}
