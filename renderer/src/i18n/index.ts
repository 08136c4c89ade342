// i18next set-up: Vietnamese first, English switchable at runtime.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/settings.ts';
import { en } from './en.ts';
import { vi } from './vi.ts';

export async function initI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
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
