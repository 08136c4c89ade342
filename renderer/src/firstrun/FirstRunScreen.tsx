// Shown while there is no account yet.
import type { AccountSummary } from '../../../shared/account.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import type { HandoverTab } from '../handover/tabs.ts';
import { HandoverFirstRunEntry } from '../handover/HandoverEntry.tsx';
import { useT } from '../i18n/useT.ts';
import { AccountForm } from './AccountForm.tsx';

interface Props {
  domain: string;
  onSaved(account: AccountSummary): void;
  /** Opens the handover window: an incoming head takes over the unit mailbox from a package. */
  onOpenHandover?(tab: HandoverTab): void;
}

export function FirstRunScreen({ domain, onSaved, onOpenHandover }: Props) {
  const { t } = useT('app');
  return (
    <main className="first-run" data-testid="first-run-screen">
      <div className="first-run-card">
        <header className="first-run-header">
          <div>
            <div className="brand-small">{t('app.title')}</div>
            <h1>{t('firstRun.title')}</h1>
          </div>
          <LanguageSwitch />
        </header>
        <p className="intro">{t('firstRun.intro')}</p>
        <AccountForm domain={domain} onSaved={onSaved} />
        {onOpenHandover && <HandoverFirstRunEntry onOpen={onOpenHandover} />}
      </div>
    </main>
  );
}
