// Switches the UI language and remembers it in the preferences.
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/settings.ts';
import { invoke } from '../api.ts';
import { setLanguage } from '../i18n/index.ts';

// Type-only import of settings.ts: its runtime part would pull zod into the renderer bundle.
const CHOICES = ['vi', 'en'] as const satisfies readonly Language[];

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  async function change(language: Language) {
    await setLanguage(language);
    // Remembering is best effort: the switch itself already happened.
    await invoke('preferences.update', { language }).catch(() => undefined);
  }
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('lang.label')}</span>
      <select
        data-testid="lang-switch"
        value={i18n.language}
        onChange={(event) => void change(event.target.value as Language)}
        aria-label={t('lang.label')}
      >
        {CHOICES.map((language) => (
          <option key={language} value={language}>
            {t(`lang.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
