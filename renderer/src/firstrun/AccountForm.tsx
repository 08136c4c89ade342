// "Thêm hộp thư đơn vị": identity, server settings, optional private CA,
// connection test and save. Every network step happens in main; this form
// only collects input and shows main's typed answers. With `account` it is
// the settings form of an existing mailbox: same fields and errors, the
// address fixed, the password optional (empty keeps the stored one), and
// saving goes to accounts.update, which re-tests the connection.
import { useEffect, useRef } from 'react';
import { FormProvider } from 'react-hook-form';
import type { AccountSummary } from '../../../shared/account.ts';
import { AccountFields } from './AccountFields.tsx';
import { CaRow, FormActions, FormStatus, InsecureConsent } from './AccountFormParts.tsx';
import { ServerFields } from './ServerFields.tsx';
import { useAccountForm } from './useAccountForm.ts';

interface Props {
  domain: string;
  onSaved(account: AccountSummary): void;
  onCancel?: () => void;
  /** Edit this account instead of adding one. */
  account?: AccountSummary;
}

export function AccountForm({ domain, onSaved, onCancel, account }: Props) {
  const state = useAccountForm({ domain, account, onSaved });
  const { form, busy, error, tested, edited } = state;
  const statusRef = useRef<HTMLDivElement>(null);
  const working = busy !== null;
  const editing = account !== undefined;

  // The outcome appears at the bottom of a long form: bring it into view.
  useEffect(() => {
    if (error || tested) statusRef.current?.scrollIntoView({ block: 'nearest' });
  }, [error, tested]);

  return (
    <FormProvider {...form}>
      {/* Any field the user changes (the change events bubble here) makes a test's answer stale. */}
      <form
        className="account-form"
        data-testid="account-form"
        noValidate
        onChange={edited}
        onSubmit={(event) => {
          event.preventDefault();
          void state.run('save');
        }}
      >
        <AccountFields
          domain={domain}
          editing={editing}
          disabled={working}
          autoconfig={{ running: busy === 'autoconfig', source: state.autoconfigSource, start: state.autoconfig }}
          onEmailBlur={state.completeAddress}
        />
        <div className="card-section servers">
          <ServerFields role="imap" disabled={working} />
          <ServerFields role="smtp" disabled={working} />
        </div>
        <InsecureConsent disabled={working} />
        <CaRow editing={editing} disabled={working} onPick={() => void state.pickCa()} onChange={edited} />
        <FormStatus ref={statusRef} state={state} />
        <FormActions editing={editing} busy={busy} onTest={() => void state.run('test')} onCancel={onCancel} />
      </form>
    </FormProvider>
  );
}
