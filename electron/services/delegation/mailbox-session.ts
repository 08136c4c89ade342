// One IMAP session on an account for one piece of delegation work: opened with
// the account's keychain credentials, logged out afterwards whatever happened.
// Delegation never borrows the reading pool's connection: ACL commands and the
// register's APPEND must not wait behind a long FETCH.
import type { ImapFlow } from 'imapflow';
import type { AccountService } from '../accounts/account-service.ts';
import { connectImap, type ImapCredentials } from '../imap/imap-connection.ts';

export interface MailboxSession {
  client: ImapFlow;
  accountId: string;
  email: string;
  /** Identifiers the server uses for the owner (login name and address). */
  owners: string[];
}

/** Runs `fn` on a fresh session of the account (id or address) and logs out. */
export type SessionRunner = <T>(accountId: string, fn: (s: MailboxSession) => Promise<T>) => Promise<T>;

export function sessionRunner(
  accounts: Pick<AccountService, 'credentials'>,
  connect: (creds: ImapCredentials) => Promise<ImapFlow> = connectImap,
): SessionRunner {
  return async <T>(accountId: string, fn: (s: MailboxSession) => Promise<T>): Promise<T> => {
    const { account, imap } = await accounts.credentials(accountId);
    const client = await connect(imap);
    try {
      return await fn({
        client,
        accountId: account.id,
        email: account.email,
        owners: [...new Set([account.username.toLowerCase(), account.email.toLowerCase()])],
      });
    } finally {
      await client.logout().catch(() => client.close());
    }
  };
}
