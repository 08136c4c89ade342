// The one i18n set-up: i18next with every namespace's catalogues registered at
// init, Vietnamese first, English switchable at runtime. Components read their
// strings with useT(namespace) (useT.ts); the default namespace 'app' also
// serves plain useTranslation().
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/settings.ts';
import { en } from './en/index.ts';
import { vi, type Namespace } from './vi/index.ts';

export const NAMESPACES = Object.keys(vi) as Namespace[];
export const DEFAULT_NAMESPACE = 'app' satisfies Namespace;

export async function initI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { vi, en },
    ns: NAMESPACES,
    defaultNS: DEFAULT_NAMESPACE,
    lng: language,
    fallbackLng: 'vi',
    // React escapes text itself; double escaping would mangle "&" in folder names.
    interpolation: { escapeValue: false },
  });
  syncDocumentLanguage(language);
}

export async function setLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  syncDocumentLanguage(language);
}

/** <html lang> drives hyphenation, screen readers and font fallback choice. */
function syncDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.title = i18next.t('app.title');
}

/** BCP-47 locale for Intl formatting of the current UI language. */
export function localeOf(language: string): string {
  return language === 'en' ? 'en-GB' : 'vi-VN';
}
