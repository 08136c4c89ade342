// The account form judged by the contract: accounts.add's input for a new
// mailbox (the password required), accounts.update's when editing one (an
// empty password keeps the stored one). Plus what only the form asks: consent
// to a connection without encryption.
import type { AccountDraftParsed, AccountSummary } from '../../../shared/account.ts';
import { contract } from '../../../shared/contract.ts';
import { contractFormSchema } from '../forms/contractSchema.ts';
import type { FormIssue } from '../forms/issues.ts';
import { isInsecure, toDraft, type AccountFormValues } from './draft.ts';

/** What a valid form sends: accounts.test and accounts.add take it as is, accounts.update with the account id. */
export interface AccountCall {
  draft: AccountDraftParsed;
  password?: string;
}

function consent(values: AccountFormValues): FormIssue[] {
  return isInsecure(values) && !values.allowInsecure ? [{ field: 'allowInsecure', key: 'insecureConsent' }] : [];
}

export function accountFormSchema(account: AccountSummary | undefined) {
  return contractFormSchema<AccountFormValues, AccountCall>({
    contract: account ? contract['accounts.update'].input : contract['accounts.add'].input,
    toInput: (values) => ({
      ...(account ? { accountId: account.id } : {}),
      draft: toDraft(values),
      password: values.password === '' ? undefined : values.password,
    }),
    // draft.imap.port → imap.port: the form's fields are the draft's, the password beside them.
    fieldOf: (path) => path.filter((part) => part !== 'draft').join('.'),
    check: consent,
  });
}
