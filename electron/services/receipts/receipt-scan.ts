// Finding returned receipts: the server's SEARCH for `Content-Type: multipart/report` in INBOX
// (the sync cache keeps no Content-Type, and a report's media type starts the field, so folding
// never splits it), then each candidate not looked at before is read — from the cache when its
// body is there, else from the server — and parsed. Bounces (report-type=delivery-status) are
// candidates too and are simply passed over.
import type { ImapFlow } from 'imapflow';
import { AppError } from '../errors/app-error.ts';
import type { MailService } from '../mail/mail-service.ts';
import { openReadOnly } from '../mail/message-list.ts';
import { parseMdn } from './mdn-parse.ts';
import type { ReceiptStore } from './receipt-store.ts';

export const RECEIPT_FOLDER = 'INBOX';

export interface ScanDeps {
  mail: MailService;
  store: ReceiptStore;
  /** When an MDN without a readable Date is recorded. */
  now: () => Date;
}

/** UIDVALIDITY and the UIDs of report messages in the folder, read-only, as the server sees it now. */
async function reportUids(client: ImapFlow, folder: string): Promise<{ validity: string; uids: number[] }> {
  const lock = await openReadOnly(client, folder);
  try {
    // Mail delivered since this session selected the folder joins its view.
    await client.noop();
    const validity = client.mailbox ? String(client.mailbox.uidValidity) : '0';
    const found = await client.search({ header: { 'content-type': 'multipart/report' } }, { uid: true });
    return { validity, uids: Array.isArray(found) ? found : [] };
  } finally {
    lock.release();
  }
}

/** Records the receipts of MDNs not looked at yet; returns how many receipts were new or better. */
export async function scanReceipts(deps: ScanDeps, accountId: string, folder = RECEIPT_FOLDER): Promise<number> {
  const { validity, uids } = await reportUids(await deps.mail.pool.client(accountId), folder);
  const seen = deps.store.scanned(accountId, folder, validity);
  let recorded = 0;
  for (const uid of uids.filter((u) => !seen.has(u)).sort((a, b) => a - b)) {
    const source = await deps.mail
      .source(accountId, folder, uid)
      .then((r) => r.source)
      .catch((e: unknown) => {
        // Expunged meanwhile: nothing to read.
        if (e instanceof AppError && e.code === 'MESSAGE_NOT_FOUND') return null;
        throw e;
      });
    const mdn = source ? await parseMdn(source).catch(() => null) : null;
    if (mdn?.state) {
      const kept = deps.store.record(accountId, {
        messageId: mdn.originalMessageId,
        recipient: mdn.recipient,
        state: mdn.state,
        at: mdn.date ?? deps.now().toISOString(),
        mdnMessageId: mdn.messageId,
      });
      if (kept) recorded += 1;
    }
    deps.store.markScanned(accountId, folder, validity, uid);
  }
  return recorded;
}
