// "Bàn giao & chữ ký số": one modal window with four tabs — Chữ ký số (the
// user's identity), Bàn giao (export), Kiểm tra gói (verify) and Tiếp nhận
// (accept). It stays mounted once opened, so a running export keeps its
// progress when the window is closed and opened again.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { AccountSummary } from '../../../shared/account.ts';
import { invoke } from '../api.ts';
import { Icon } from '../components/Icon.tsx';
import { keepTabInside } from '../components/useModalFocus.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { IdentityScreen } from '../identity/IdentityScreen.tsx';
import { AcceptScreen } from './AcceptScreen.tsx';
import { ExportWizard } from './ExportWizard.tsx';
import { useHandoverT } from './i18n.ts';
import { HANDOVER_TABS, type HandoverTab } from './tabs.ts';
import { VerifyScreen } from './VerifyScreen.tsx';
import './handover.css';

interface Props {
  open: boolean;
  tab: HandoverTab;
  onTab(tab: HandoverTab): void;
  onClose(): void;
  accounts: AccountSummary[];
  currentAccountId: string | null;
}

/** Default export: App loads this window lazily, on first use. */
export default function HandoverCenter({ open, tab, onTab, onClose, accounts, currentAccountId }: Props) {
  const { t } = useHandoverT();
  const ref = useRef<HTMLDialogElement>(null);
  const identity = useAsync('identity', () => invoke('identity.current', {}));

  // A modal <dialog>: focus stays inside and the mail view's shortcuts (which
  // skip while a dialog is open) cannot act on messages behind it.
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const panel = (id: HandoverTab) => ({
    id: `handover-panel-${id}`,
    role: 'tabpanel',
    'aria-labelledby': `handover-tab-${id}`,
    hidden: tab !== id,
    // In the Tab order (as the ARIA tabs pattern has it): the panel, and so the window's scroll area, is
    // reachable and scrollable from the keyboard even when it shows no control (an accepted package).
    tabIndex: 0,
    className: 'handover-panel',
  });

  return (
    <dialog
      ref={ref}
      className="handover-center"
      aria-labelledby="handover-center-title"
      data-testid="handover-center"
      onKeyDown={(e) => keepTabInside(e.currentTarget, e)}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="handover-header">
        <h1 id="handover-center-title">{t('center.title')}</h1>
        <span className="topbar-spacer" />
        <LanguageSwitch />
        <button type="button" className="btn btn-ghost" data-testid="handover-close" onClick={onClose}>
          <Icon name="close" /> {t('center.close')}
        </button>
      </header>
      <HandoverTabs tab={tab} onTab={onTab} />
      <div className="handover-body">
        <div {...panel('identity')}>
          <IdentityScreen
            state={identity.state}
            onRetry={identity.reload}
            onChanged={(value) => identity.update(() => value)}
          />
        </div>
        <div {...panel('export')}>
          <ExportWizard
            accounts={accounts}
            currentAccountId={currentAccountId}
            identity={identity.state}
            onOpenIdentity={() => onTab('identity')}
          />
        </div>
        <div {...panel('verify')}>
          <VerifyScreen />
        </div>
        <div {...panel('accept')}>
          <AcceptScreen identity={identity.state} onOpenIdentity={() => onTab('identity')} />
        </div>
      </div>
    </dialog>
  );
}

/** The key that moves along the tabs, and where to (the ARIA tabs pattern): ←/→ wrap round, Home/End. */
function tabAfter(key: string, tab: HandoverTab): HandoverTab | null {
  const at = HANDOVER_TABS.indexOf(tab);
  const n = HANDOVER_TABS.length;
  const to = { ArrowLeft: at - 1 + n, ArrowRight: at + 1, Home: 0, End: n - 1 }[key];
  return to === undefined ? null : (HANDOVER_TABS[to % n] ?? null);
}

/**
 * The window's tabs (identity, export, verify, accept). One Tab stop, the open tab; the arrows move
 * between them and open the one reached, as screen readers announce a tab list to work.
 */
function HandoverTabs({ tab, onTab }: { tab: HandoverTab; onTab(tab: HandoverTab): void }) {
  const { t } = useHandoverT();
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = tabAfter(e.key, tab);
    if (!next) return;
    e.preventDefault();
    onTab(next);
    e.currentTarget.querySelector<HTMLElement>(`#handover-tab-${next}`)?.focus();
  };
  return (
    <div className="handover-tabs" role="tablist" aria-label={t('center.title')} onKeyDown={onKeyDown}>
      {HANDOVER_TABS.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`handover-tab-${id}`}
          data-testid={`handover-tab-${id}`}
          aria-selected={tab === id}
          aria-controls={`handover-panel-${id}`}
          tabIndex={tab === id ? 0 : -1}
          className={`handover-tab${tab === id ? ' is-active' : ''}`}
          onClick={() => onTab(id)}
        >
          <span className="handover-tab-title">{t(`center.tab.${id}`)}</span>
          <span className="handover-tab-sub">{t(`center.tabSub.${id}`)}</span>
        </button>
      ))}
    </div>
  );
}
