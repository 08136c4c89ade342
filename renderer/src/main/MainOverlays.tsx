// The windows that open over the mail view: adding an account, the account's
// settings, and (unit accounts) delegation. One at a time; a new kind of
// window is one more case here.
import { lazy, Suspense, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/account.ts';
import { useModalFocus } from '../components/useModalFocus.ts';
import { DelegationPanel } from '../delegation/DelegationPanel.tsx';
import { AccountForm } from '../firstrun/AccountForm.tsx';
import type { LedgerAt } from '../ledger/useLedgerData.ts';
import { AccountSettings } from '../settings/AccountSettings.tsx';
import type { ToastApi } from './Toasts.tsx';

// Loaded on first use, like the handover window.
const LedgerPanel = lazy(() => import('../ledger/LedgerPanel.tsx').then((m) => ({ default: m.LedgerPanel })));

export type Overlay = 'add' | 'settings' | 'delegation' | 'ledger';

interface Props {
  overlay: Overlay | null;
  onClose(): void;
  account: AccountSummary;
  domain: string;
  toasts: ToastApi;
  onAccountAdded(account: AccountSummary): void;
  onAccountUpdated(account: AccountSummary): void;
  onAccountRemoved(accountId: string): void;
  /** Opens the signing identity (handover window); closes the overlay first. */
  onOpenIdentity?(): void;
  /** The addresses the account sends from (settings: a signature each). */
  sendingAddresses?: string[];
  /** The ledger: the unit mailboxes shared with the account, and where to open it. */
  ledger?: { units: string[]; at?: LedgerAt | undefined };
}

export function MainOverlays(props: Props) {
  const { t } = useTranslation();
  const { overlay, onClose, account, domain } = props;
  if (overlay === 'add') {
    return (
      <AddAccountOverlay
        domain={domain}
        onClose={onClose}
        onSaved={(added) => {
          onClose();
          props.onAccountAdded(added);
        }}
      />
    );
  }
  if (overlay === 'delegation') {
    const { onOpenIdentity } = props;
    const openIdentity = () => {
      onClose();
      onOpenIdentity?.();
    };
    return (
      <DelegationPanel
        account={account}
        onClose={onClose}
        {...(onOpenIdentity ? { onOpenIdentity: openIdentity } : {})}
      />
    );
  }
  if (overlay === 'ledger') {
    const at = props.ledger?.at;
    return (
      <Suspense fallback={null}>
        <LedgerPanel
          account={account}
          units={props.ledger?.units ?? []}
          onClose={onClose}
          {...(at ? { initial: at } : {})}
        />
      </Suspense>
    );
  }
  if (overlay === 'settings') {
    return (
      <AccountSettings
        account={account}
        domain={domain}
        onClose={onClose}
        onSaved={(updated) => {
          onClose();
          props.onAccountUpdated(updated);
          props.toasts.push({ text: t('settings.saved', { email: updated.email }), testId: 'toast-settings-saved' });
        }}
        onRemoved={props.onAccountRemoved}
        {...(props.sendingAddresses ? { sendingAddresses: props.sendingAddresses } : {})}
      />
    );
  }
  return null;
}

function AddAccountOverlay(props: { domain: string; onClose(): void; onSaved(account: AccountSummary): void }) {
  const { t } = useTranslation();
  const card = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useModalFocus(card, props.onClose);
  return (
    <div className="overlay" data-testid="add-account-overlay">
      <div ref={card} className="overlay-card" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <header className="first-run-header">
          <h1 id={titleId}>{t('firstRun.title')}</h1>
          <button type="button" className="btn btn-ghost" onClick={props.onClose}>
            {t('main.closeAddAccount')}
          </button>
        </header>
        <AccountForm domain={props.domain} onCancel={props.onClose} onSaved={props.onSaved} />
      </div>
    </div>
  );
}
