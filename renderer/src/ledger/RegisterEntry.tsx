// "Vào sổ" on the open message: for a message of the unit mailbox (the account's own, when it is a
// unit account, or a unit mailbox shared with it) that carries no $DaVaoSo yet. It opens the
// register form with the fields read from the message, for correction before they are final.
import { useState } from 'react';
import type { AccountSummary } from '../../../shared/account.ts';
import { LEDGER_KEYWORDS } from '../../../shared/ledger.ts';
import type { MessageDetail } from '../../../shared/mail.ts';
import type { UnitMailbox } from '../delegation/sharedFolders.ts';
import { RegisterDialog } from './RegisterDialog.tsx';
import { useLedgerT } from './i18n.ts';
import { bookOfMessage } from './ledgerRules.ts';
import type { EntryRef, LedgerAt } from './useLedgerData.ts';

interface Props {
  account: AccountSummary;
  units: readonly UnitMailbox[];
  message: MessageDetail | null;
  /** Opens the ledger on the book (null: the account's own) and entry. */
  onOpenLedger(at: LedgerAt): void;
}

export function RegisterEntry({ account, units, message, onOpenLedger }: Props) {
  const { t } = useLedgerT();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<Record<string, EntryRef>>({});
  if (!message) return null;
  const mailbox = bookOfMessage(account, units, message.folder);
  if (mailbox === undefined) return null;
  const key = `${message.folder}\n${message.uid}`;
  const registered = done[key];
  if (message.flags.includes(LEDGER_KEYWORDS.registered) && !registered) {
    return (
      <div className="ledger-reader-bar" data-testid="ledger-registered">
        <span className="ledger-status status-da-vao-so">{t('register.registered')}</span>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          data-testid="ledger-open-from-reader"
          onClick={() => onOpenLedger({ mailbox, entry: null })}
        >
          {t('register.open')}
        </button>
      </div>
    );
  }
  return (
    <div className="ledger-reader-bar">
      {registered ? (
        <>
          <span className="notice notice-ok" role="status" data-testid="ledger-register-done">
            {t('register.done', { ...registered })}
          </span>
          <button
            type="button"
            className="btn btn-small"
            data-testid="ledger-open-registered"
            onClick={() => onOpenLedger({ mailbox, entry: registered })}
          >
            {t('register.open')}
          </button>
        </>
      ) : (
        <button type="button" className="btn btn-small" data-testid="ledger-register" onClick={() => setOpen(true)}>
          {t('register.button')}
        </button>
      )}
      {open && (
        <RegisterDialog
          accountId={account.id}
          mailbox={mailbox}
          message={message}
          onClose={() => setOpen(false)}
          onRegistered={(entry) => {
            setOpen(false);
            setDone((d) => ({ ...d, [key]: entry }));
          }}
        />
      )}
    </div>
  );
}
