// The one typed hook over i18next: useT('delegation') gives t() for that
// namespace, its keys typed against the Vietnamese catalogue (plural keys
// without their suffix), and the UI language for Intl formatting. It re-renders
// on a language change like useTranslation, whose t it is.
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/settings.ts';
import { localeOf } from './index.ts';
import type { Leaves, TValues } from './types.ts';
import type { Namespace, Resources } from './vi/index.ts';

export type KeyOf<N extends Namespace> = Leaves<Resources[N]>;
export type TFor<N extends Namespace> = (key: KeyOf<N>, values?: TValues) => string;

export interface Translator<N extends Namespace> {
  t: TFor<N>;
  lang: Language;
  /** BCP-47 locale of `lang`, for Intl. */
  locale: string;
}

export function useT<N extends Namespace>(namespace: N): Translator<N> {
  const { t, i18n } = useTranslation(namespace);
  const lang: Language = i18n.language === 'en' ? 'en' : 'vi';
  // i18next's own key types are wider (nesting, returnObjects); this signature is the one the screens use.
  return { t: t as unknown as TFor<N>, lang, locale: localeOf(lang) };
}
