// Merges the handover and identity strings into i18next (namespace 'handover')
// and gives a t() typed against them, like renderer/src/mail/i18n.ts does for
// the mail-safety strings.
import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { handoverEn } from './i18n-en.ts';
import { handoverVi, type HandoverMessages } from './i18n-vi.ts';

export const HANDOVER_NS = 'handover';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type HandoverKey = Leaves<HandoverMessages>;
export type HandoverT = (key: HandoverKey, values?: Record<string, string | number>) => string;

/** "a.b" → "…" pairs, for addResources (which splits keys on the key separator). */
function flatten(tree: object, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out[prefix + key] = value;
    else if (value && typeof value === 'object') flatten(value as object, `${prefix}${key}.`, out);
  }
  return out;
}

/** Adds the strings once per i18next instance (after its init, which creates the store). */
export function ensureHandoverResources(i18n: I18n): void {
  if (!i18n.hasResourceBundle('vi', HANDOVER_NS)) i18n.addResources('vi', HANDOVER_NS, flatten(handoverVi));
  if (!i18n.hasResourceBundle('en', HANDOVER_NS)) i18n.addResources('en', HANDOVER_NS, flatten(handoverEn));
}

/** t() for the handover and identity screens; re-renders on language change like useTranslation. */
export function useHandoverT(): { t: HandoverT; language: string } {
  const { i18n } = useTranslation();
  ensureHandoverResources(i18n);
  const translate = i18n.t.bind(i18n) as unknown as (key: string, options: Record<string, unknown>) => string;
  return { t: (key, values) => translate(key, { ...values, ns: HANDOVER_NS }), language: i18n.language };
}
