// Top-level switch: first-run form while there is no account, else the mail view.
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/account.ts';
import { invoke, onEvent } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { FirstRunScreen } from '../firstrun/FirstRunScreen.tsx';
import type { HandoverTab } from '../handover/tabs.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { MainScreen } from '../main/MainScreen.tsx';
import { ShortcutsHelp } from '../shortcuts/ShortcutsHelp.tsx';

// Loaded on first use: most sessions never open it.
const HandoverCenter = lazy(() => import('../handover/HandoverCenter.tsx'));

export function App({ domain }: { domain: string }) {
  const { t } = useTranslation();
  const accounts = useAsync('accounts', () => invoke('accounts.list', {}));
  const [currentId, setCurrentId] = useState<string | null>(null);
  // The handover window outlives the switch from the first-run screen to the mail view (accepting adds the account).
  const [handover, setHandover] = useState<{ open: boolean; tab: HandoverTab } | null>(null);
  const openHandover = (tab: HandoverTab) => setHandover({ open: true, tab });

  // Main pushes the list when accounts change (e.g. added from another window).
  const { update } = accounts;
  useEffect(() => onEvent('accounts.changed', ({ accounts: list }) => update(() => list)), [update]);

  if (accounts.state.status === 'idle' || accounts.state.status === 'loading') {
    return <p className="boot muted">{t('app.loading')}</p>;
  }
  if (accounts.state.status === 'error') {
    return (
      <div className="boot">
        <h1>{t('app.bootFailed')}</h1>
        <ErrorNotice error={accounts.state.error} testId="boot-error" />
      </div>
    );
  }

  const list = accounts.state.value;
  const added = (account: AccountSummary) => {
    update((current) => [...current.filter((a) => a.id !== account.id), account]);
    setCurrentId(account.id);
  };
  const updated = (account: AccountSummary) =>
    update((current) => current.map((a) => (a.id === account.id ? account : a)));
  // After removing the last account the first-run screen appears by itself.
  const removed = (accountId: string) => {
    update((current) => current.filter((a) => a.id !== accountId));
    setCurrentId(null);
  };
  const account = list.find((a) => a.id === currentId) ?? list[0];
  const center = handover && (
    <Suspense key="handover-center" fallback={null}>
      <HandoverCenter
        open={handover.open}
        tab={handover.tab}
        onTab={(tab) => setHandover({ open: true, tab })}
        onClose={() => setHandover((h) => h && { ...h, open: false })}
        accounts={list}
        currentAccountId={account?.id ?? null}
      />
    </Suspense>
  );
  if (!account)
    return (
      <>
        <FirstRunScreen domain={domain} onSaved={added} onOpenHandover={openHandover} />
        {center}
      </>
    );
  return (
    <>
      <MainScreen
        key={account.id}
        accounts={list}
        account={account}
        domain={domain}
        onSwitchAccount={setCurrentId}
        onAccountAdded={added}
        onAccountUpdated={updated}
        onAccountRemoved={removed}
        onOpenHandover={openHandover}
      />
      <ShortcutsHelp />
      {center}
    </>
  );
}
