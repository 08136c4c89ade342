// Renderer entry: read preferences (language, official domain), start i18n,
// then render. Runs under APP_CSP: no inline script, no remote anything.
import './forms/zod-config.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Preferences } from '../../shared/settings.ts';
import { invoke } from './api.ts';
import { App } from './app/App.tsx';
import { initI18n } from './i18n/index.ts';
import './styles/mailbox.css';
import './styles/a11y.css';

const FALLBACK: Pick<Preferences, 'language' | 'officialDomains'> = {
  language: 'vi',
  officialDomains: ['binhphuoc.gov.vn'],
};

async function boot(): Promise<void> {
  // Without preferences the app still starts, in Vietnamese.
  const preferences = await invoke('preferences.get', {}).catch(() => FALLBACK);
  await initI18n(preferences.language);
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <App domain={preferences.officialDomains[0] ?? 'binhphuoc.gov.vn'} />
    </StrictMode>,
  );
}

void boot();
