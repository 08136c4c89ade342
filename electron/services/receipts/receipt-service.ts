// Read receipts (MDN, RFC 8098) for the UI and the CLI: which recipients of a message sent with
// a receipt request have answered, which incoming messages still wait for our receipt, and
// sending one — only with the user's consent (preference `receiptPolicy`: ask / always / never).
//
// A receipt we send goes through the durable outbox like any message, with the null envelope
// sender (RFC 8098 §2.1) and no Sent copy. Article 11: a receipt to a free webmail address is
// refused like any message; the outside-domain confirmation is not asked again, because the
// user's consent to the receipt is that confirmation — it goes only to the address that asked,
// and says no more than the subject and that the message was displayed.
import { randomBytes } from 'node:crypto';
import type { PendingReceipt, ReceiptAnswer, SentReceipts } from '../../../shared/receipts.ts';
import type { ReceiptPolicy } from '../../../shared/settings.ts';
import type { AccountService } from '../accounts/account-service.ts';
import type { Clock } from '../clock/clock.ts';
import { AppError } from '../errors/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import type { MailActions } from '../mail/mail-actions.ts';
import type { MailService } from '../mail/mail-service.ts';
import { fetchSource } from '../mail/message-read.ts';
import type { LoadedSendPolicy } from '../policy/send-policy-file.ts';
import { newMessageId } from '../send/message-builder.ts';
import { queueRaw } from '../send/outbox-raw.ts';
import type { OutboxService } from '../send/outbox-service.ts';
import { buildMdn } from './mdn-build.ts';
import { MDN_SENT, pendingRequests, readRequest } from './receipt-requests.ts';
import { scanReceipts } from './receipt-scan.ts';
import { ReceiptStore } from './receipt-store.ts';
import { receiptsView } from './receipts-view.ts';

export interface ReceiptDeps {
  /** `<profile>/receipts.sqlite`, opened on first use. */
  file: string;
  accounts: AccountService;
  mail: MailService;
  actions: MailActions;
  outbox: OutboxService;
  /** The Article 11 sending policy in force. */
  policy: () => Promise<LoadedSendPolicy>;
  receiptPolicy: () => ReceiptPolicy;
  clock: Clock;
  logger: Logger;
  userAgent: string;
}

/** Errors after which what was found before is still worth showing. */
const OFFLINE = ['HOST_UNREACHABLE', 'TIMEOUT', 'TLS_FAILED'];

export class ReceiptService {
  private readonly deps: ReceiptDeps;
  private db: ReceiptStore | null = null;

  constructor(deps: ReceiptDeps) {
    this.deps = deps;
  }

  private store(): ReceiptStore {
    this.db ??= new ReceiptStore(this.deps.file);
    return this.db;
  }

  /**
   * Per message sent with a receipt request (newest first), per recipient: displayed / deleted /
   * dispatched / processed at the MDN's time, or waiting. New MDNs in INBOX are looked for first;
   * offline, the receipts found before are shown.
   */
  async receipts(accountId: string): Promise<SentReceipts[]> {
    const id = this.deps.accounts.get(accountId).id;
    const records = this.deps.outbox.store.sentLog(id);
    if (records.some((r) => r.receiptRequested)) {
      const deps = { mail: this.deps.mail, store: this.store(), now: () => this.deps.clock.now() };
      await scanReceipts(deps, id).catch((e: unknown) => {
        if (!(e instanceof AppError) || !OFFLINE.includes(e.code)) throw e;
        this.deps.logger.log('warn', 'receipts: mailbox unreachable, showing those found before', { detail: e.detail });
      });
    }
    return receiptsView(records, this.store().list(id));
  }

  /** Messages in `folder` asking for a receipt that was not sent (no `$MDNSent`), newest first. */
  async pending(accountId: string, folder: string): Promise<PendingReceipt[]> {
    const id = this.deps.accounts.get(accountId).id;
    return pendingRequests(await this.deps.mail.pool.client(id), folder);
  }

  /**
   * Sends the receipt a message asks for: the caller has the user's consent (asked now under
   * "ask", standing under "always"). Refused under "never". At most one per message: `$MDNSent`
   * is set on the original once the receipt is safe in the outbox (and again after it is sent).
   */
  async answer(accountId: string, folder: string, uid: number): Promise<ReceiptAnswer> {
    const policy = this.deps.receiptPolicy();
    if (policy === 'never')
      throw new AppError('PERMISSION_DENIED', 'receiptPolicy is "never": no read receipt is sent', {
        messageVi:
          'Cài đặt "Xác nhận đã đọc" đang là "Không bao giờ gửi", nên xác nhận không được gửi. ' +
          'Đổi cài đặt nếu cần gửi.',
      });
    const account = this.deps.accounts.get(accountId);
    const { source, flags } = await fetchSource(await this.deps.mail.pool.client(account.id), folder, uid);
    const request = await readRequest(source);
    if (!request)
      throw new AppError('VALIDATION', `message ${uid} in ${folder} asks for no read receipt`, {
        messageVi: 'Thư này không yêu cầu xác nhận đã đọc.',
      });
    if (flags.includes(MDN_SENT)) return { status: 'already-sent', to: request.to, mdnMessageId: null, entry: null };
    const now = this.deps.clock.now();
    const domain = account.email.slice(account.email.lastIndexOf('@') + 1);
    const messageId = newMessageId(domain, () => randomBytes(16).toString('hex'));
    const raw = buildMdn({
      from: { name: account.displayName, address: account.email },
      to: request.to,
      original: request,
      userAgent: this.deps.userAgent,
      sendingMode: policy === 'always' ? 'automatic' : 'manual',
      messageId,
      now,
      boundary: `----=_mdn_${randomBytes(12).toString('hex')}`,
    });
    const entry = await queueRaw(
      { outbox: this.deps.outbox, accounts: this.deps.accounts, policy: this.deps.policy, clock: this.deps.clock },
      {
        accountId: account.id,
        raw,
        messageId,
        from: account.email,
        to: request.to,
        subject: `Đã đọc / Read: ${request.subject}`,
        envelopeFrom: '',
        original: { folder, uid, flag: MDN_SENT },
      },
      true,
    );
    await this.deps.actions.setFlags(account.id, folder, [uid], [MDN_SENT], []).catch((e: unknown) => {
      // Set again by the outbox once the receipt is sent.
      this.deps.logger.log('warn', 'could not set $MDNSent now', { detail: (e as Error).message });
    });
    return { status: 'queued', to: request.to, mdnMessageId: messageId, entry };
  }

  close(): void {
    this.db?.close();
  }
}
