// The window's top bar: the app's name, the account switcher and the
// account-wide entries (settings, adding an account, handover, delegation),
// then the language switch.
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/account.ts';
import { Icon } from '../components/Icon.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { DelegationButton } from '../delegation/DelegationButton.tsx';
import { HandoverEntry } from '../handover/HandoverEntry.tsx';
import { NoticesBell } from '../notices/NoticesBell.tsx';
import type { HandoverTab } from '../handover/tabs.ts';
import { AccountSwitcher } from './AccountSwitcher.tsx';
import type { Overlay } from './MainOverlays.tsx';

interface Props {
  accounts: AccountSummary[];
  account: AccountSummary;
  onSwitchAccount(id: string): void;
  onOverlay(overlay: Overlay): void;
  onOpenHandover?(tab: HandoverTab): void;
}

export function TopBar({ accounts, account, onSwitchAccount, onOverlay, onOpenHandover }: Props) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <div className="brand">{t('app.title')}</div>
      <AccountSwitcher accounts={accounts} current={account.id} onChange={onSwitchAccount} />
      <button
        type="button"
        className="btn btn-ghost"
        data-testid="btn-account-settings"
        title={t('settings.open')}
        onClick={() => onOverlay('settings')}
      >
        <Icon name="settings" /> {t('settings.open')}
      </button>
      <button type="button" className="btn btn-ghost" data-testid="btn-add-account" onClick={() => onOverlay('add')}>
        <Icon name="plus" /> {t('main.addAccount')}
      </button>
      {onOpenHandover && <HandoverEntry onOpen={onOpenHandover} />}
      {account.kind === 'unit' && <DelegationButton onOpen={() => onOverlay('delegation')} />}
      <div className="topbar-spacer" />
      <NoticesBell />
      <LanguageSwitch />
    </header>
  );
}
