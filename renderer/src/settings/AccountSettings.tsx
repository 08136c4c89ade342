// "Cài đặt hộp thư": the account form in edit mode (same fields, same typed
// errors as the first run) and removing the mailbox from the app, after a
// confirmation that says what goes with it: the keychain entry and the cache.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/account.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Icon } from '../components/Icon.tsx';
import { useModalFocus } from '../components/useModalFocus.ts';
import { AccountForm } from '../firstrun/AccountForm.tsx';
import { ContactsSettings } from '../contacts/ContactsSettings.tsx';
import { ReceiptPolicySettings } from '../receipts/ReceiptPolicySettings.tsx';
import { SendingSettings } from './SendingSettings.tsx';

interface Props {
  account: AccountSummary;
  domain: string;
  onSaved(account: AccountSummary): void;
  onRemoved(accountId: string): void;
  onClose(): void;
  /** The addresses this account sends from (its own, units it sends for): a signature each. */
  sendingAddresses?: string[];
}

export function AccountSettings({ account, domain, onSaved, onRemoved, onClose, sendingAddresses }: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const card = useRef<HTMLDivElement>(null);
  useModalFocus(card, onClose);

  async function remove() {
    setConfirming(false);
    setRemoving(true);
    setError(null);
    try {
      await invoke('accounts.remove', { accountId: account.id });
      onRemoved(account.id);
    } catch (e) {
      setError(toUiError(e));
      setRemoving(false);
    }
  }

  return (
    <div className="overlay" data-testid="account-settings">
      <div ref={card} className="overlay-card" role="dialog" aria-modal="true" aria-labelledby="account-settings-title">
        <header className="first-run-header">
          <div>
            <div className="brand-small">{t('settings.title')}</div>
            <h1 id="account-settings-title">{account.email}</h1>
          </div>
          <button type="button" className="btn btn-ghost" data-testid="btn-close-settings" onClick={onClose}>
            <Icon name="close" /> {t('settings.close')}
          </button>
        </header>
        <p className="intro">{t('settings.testNeedsPassword')}</p>
        <AccountForm key={account.id} account={account} domain={domain} onSaved={onSaved} onCancel={onClose} />
        <SendingSettings addresses={sendingAddresses ?? [account.email]} />
        <ReceiptPolicySettings />
        <ContactsSettings accountId={account.id} />

        <section className="danger-zone" aria-labelledby="remove-account-title">
          <div>
            <h2 id="remove-account-title" className="danger-title">
              {t('settings.removeSection')}
            </h2>
            <p className="hint">{t('settings.removeHint')}</p>
          </div>
          <button
            type="button"
            className="btn btn-danger"
            data-testid="btn-remove-account"
            disabled={removing}
            onClick={() => setConfirming(true)}
          >
            <Icon name="trash" /> {t('settings.removeButton')}
          </button>
        </section>
        {error && <ErrorNotice error={error} testId="remove-error" />}
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('settings.removeTitle', { email: account.email })}
          confirmLabel={t('settings.removeConfirm')}
          cancelLabel={t('form.cancel')}
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
          testId="remove-account-dialog"
          danger
        >
          <ul className="remove-consequences" data-testid="remove-consequences">
            <li>{t('settings.removeKeychain')}</li>
            <li>{t('settings.removeCache')}</li>
            <li>{t('settings.removeServer')}</li>
          </ul>
        </ConfirmDialog>
      )}
    </div>
  );
}
