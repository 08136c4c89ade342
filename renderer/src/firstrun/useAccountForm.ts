// The account form's state and steps: react-hook-form holds the fields and
// validates them with the contract's schema (accountSchema.ts); this hook adds
// the steps around them: which one is running, its typed error or the
// connection test's answer, autoconfig, the CA file, and the retry after
// trusting a CA.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import type { AccountSummary, ConnectionTestResult } from '../../../shared/account.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { baseName } from '../format/filename.ts';
import { accountFormSchema, type AccountCall } from './accountSchema.ts';
import {
  autoconfigValues,
  completeEmail,
  formValuesFromAccount,
  initialFormValues,
  type AccountFormValues,
  type ChosenCa,
} from './draft.ts';

export type Busy = 'autoconfig' | 'test' | 'save' | 'pick-ca' | null;
export type Action = 'test' | 'save';

interface Options {
  domain: string;
  account: AccountSummary | undefined;
  onSaved(account: AccountSummary): void;
}

/** What the steps below share. */
interface Steps extends Options {
  form: UseFormReturn<AccountFormValues, unknown, AccountCall>;
  /** Runs one step: busy while it runs; a failure becomes the typed error shown under the form. */
  step<T>(name: Exclude<Busy, null>, work: () => Promise<T>): Promise<T | null>;
  setError(error: UiError | null): void;
  setTested(result: ConnectionTestResult | null): void;
  setAutoconfigSource(source: string | null): void;
}

export function useAccountForm(options: Options) {
  const { account } = options;
  const schema = useMemo(() => accountFormSchema(account), [account]);
  const form = useForm<AccountFormValues, unknown, AccountCall>({
    resolver: zodResolver(schema),
    defaultValues: account ? formValuesFromAccount(account) : initialFormValues(),
    // Messages stay until the next test or save: the user asked for them then.
    reValidateMode: 'onSubmit',
  });
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [lastAction, setLastAction] = useState<Action>('test');
  const [tested, setTested] = useState<ConnectionTestResult | null>(null);
  const [autoconfigSource, setAutoconfigSource] = useState<string | null>(null);

  async function step<T>(name: Exclude<Busy, null>, work: () => Promise<T>): Promise<T | null> {
    setBusy(name);
    try {
      return await work();
    } catch (e) {
      setError(toUiError(e));
      return null;
    } finally {
      setBusy(null);
    }
  }
  const steps: Steps = { ...options, form, step, setError, setTested, setAutoconfigSource };

  /** "Test" or "save": the fields are checked first; nothing is sent while one is wrong. */
  function run(action: Action) {
    completeAddress(steps);
    return form.handleSubmit((call) => {
      setLastAction(action);
      return send(steps, action, call);
    })();
  }

  return {
    form,
    busy,
    error,
    tested,
    autoconfigSource,
    /** Any edit makes an earlier test's answer stale. */
    edited: () => setTested(null),
    completeAddress: () => completeAddress(steps),
    autoconfig: () => autoconfig(steps),
    pickCa: () => pickCa(steps),
    run,
    trustCaAndRetry: async () => {
      if (await pickCa(steps)) await run(lastAction);
    },
  };
}

/** Adds the official domain to a bare local part; a new mailbox only (an existing one's address is fixed). */
function completeAddress({ form, domain, account, setTested }: Steps) {
  const email = form.getValues('email');
  const complete = completeEmail(email, domain);
  if (account || complete === email) return;
  form.setValue('email', complete);
  setTested(null);
}

async function autoconfig(steps: Steps) {
  const { form, step, setError, setTested, setAutoconfigSource } = steps;
  completeAddress(steps);
  if (!(await form.trigger('email'))) return;
  setError(null);
  setAutoconfigSource(null);
  const result = await step('autoconfig', () => invoke('accounts.autoconfig', { email: form.getValues('email') }));
  if (!result) return;
  const found = autoconfigValues(form.getValues(), result);
  form.setValue('imap', found.imap);
  form.setValue('smtp', found.smtp);
  form.setValue('username', found.username);
  setTested(null);
  setAutoconfigSource(result.url ?? result.source);
}

async function pickCa({ form, step, setTested }: Steps): Promise<ChosenCa | null> {
  const picked = await step('pick-ca', () => invoke('dialogs.pickCaFile', {}));
  if (!picked) return null;
  const ca = { name: baseName(picked.path), pem: picked.pem };
  form.setValue('ca', ca);
  setTested(null);
  return ca;
}

async function send({ account, onSaved, step, setError, setTested }: Steps, action: Action, call: AccountCall) {
  const { draft, password = '' } = call;
  setError(null);
  setTested(null);
  if (action === 'test') {
    const result = await step('test', () => invoke('accounts.test', { draft, password }));
    if (result) setTested(result);
    return;
  }
  const saved = await step('save', () =>
    account
      ? invoke('accounts.update', { accountId: account.id, draft, ...(password ? { password } : {}) })
      : invoke('accounts.add', { draft, password }),
  );
  if (saved) onSaved(saved);
}
