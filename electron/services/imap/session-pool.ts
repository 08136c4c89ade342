import type { ImapFlow } from 'imapflow';
import { connectImap, type ImapCredentials } from './imap-connection.ts';

export type CredentialsSource = (accountId: string) => Promise<ImapCredentials>;

/**
 * One live IMAP connection per account, opened on demand and reopened after
 * a drop. imapflow's mailbox locks serialise work on the same connection.
 */
export class ImapSessionPool {
  private readonly sessions = new Map<string, Promise<ImapFlow>>();
  private readonly credentials: CredentialsSource;

  constructor(credentials: CredentialsSource) {
    this.credentials = credentials;
  }

  async client(accountId: string): Promise<ImapFlow> {
    const existing = this.sessions.get(accountId);
    if (existing) {
      const client = await existing.catch(() => null);
      if (client?.usable) return client;
      this.sessions.delete(accountId);
    }
    const opening = this.credentials(accountId).then((creds) => connectImap(creds));
    this.sessions.set(accountId, opening);
    opening.catch(() => this.sessions.delete(accountId));
    const client = await opening;
    client.on('close', () => {
      if (this.sessions.get(accountId) === opening) this.sessions.delete(accountId);
    });
    return client;
  }

  /** Closes an account's connection, e.g. after its settings changed or it was removed. */
  async drop(accountId: string): Promise<void> {
    const session = this.sessions.get(accountId);
    this.sessions.delete(accountId);
    const client = await session?.catch(() => null);
    await client?.logout().catch(() => client.close());
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.drop(id)));
  }
}
