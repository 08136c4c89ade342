import type { FolderInfo, MessageDetail, MessageSummary } from '../../../shared/mail.ts';
import type { AccountService } from '../accounts/account-service.ts';
import { ImapSessionPool } from '../imap/session-pool.ts';
import { listFolders } from './folder-list.ts';
import { readMessage } from './message-read.ts';
import { listNewestMessages } from './message-list.ts';

/** Reading an account's mail over its pooled IMAP connection. */
export class MailService {
  readonly pool: ImapSessionPool;

  constructor(accounts: AccountService) {
    this.pool = new ImapSessionPool(async (accountId) => (await accounts.credentials(accountId)).imap);
  }

  async folders(accountId: string): Promise<FolderInfo[]> {
    return listFolders(await this.pool.client(accountId));
  }

  async messages(accountId: string, folder: string, limit: number): Promise<MessageSummary[]> {
    return listNewestMessages(await this.pool.client(accountId), folder, limit);
  }

  async message(accountId: string, folder: string, uid: number): Promise<MessageDetail> {
    return readMessage(await this.pool.client(accountId), folder, uid);
  }

  close(): Promise<void> {
    return this.pool.closeAll();
  }
}
