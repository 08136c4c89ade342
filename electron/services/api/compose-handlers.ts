// Handlers of the compose and outbox part of the contract (shared/contract-compose.ts) over
// OutboxService, the attachment tokens, the recipient suggestions and the sending policy; the
// contacts and directory calls are in directory-handlers.ts.
import type { composeContract } from '../../../shared/contract-compose.ts';
import { sendPolicyView } from '../../../shared/send-policy.ts';
import type { AppServices } from '../app-services.ts';
import { createDirectoryHandlers } from './directory-handlers.ts';
import type { HandlersFor } from './handler-types.ts';

export function createComposeHandlers(s: AppServices): HandlersFor<keyof typeof composeContract> {
  const accountId = (id: string) => s.accounts.get(id).id;
  return {
    'compose.send': async (input) => s.outbox.queue(input),
    'compose.pickAttachments': async () => {
      const paths = await s.caps.dialogs.pickFiles('Chọn tệp đính kèm');
      if (!paths) return [];
      return Promise.all(paths.map((p) => s.attachmentTokens.add(p)));
    },
    'compose.suggest': async ({ accountId: id, query, limit }) => s.recipients.suggest(accountId(id), query, limit),
    'compose.policy': async () => {
      const loaded = await s.sendPolicy();
      return sendPolicyView(loaded.policy, loaded.source, loaded.error, s.settings.preferences().sendUndoSeconds);
    },
    'signatures.get': async ({ address }) => s.signatures.get(address),
    'signatures.set': async ({ address, signature }) => {
      s.signatures.set(address, signature);
      return { saved: true as const };
    },
    'outbox.list': async ({ accountId: id }) => s.outbox.list(id),
    'outbox.undo': async ({ accountId: id, id: entry }) => s.outbox.undo(id, entry),
    'outbox.retry': async ({ accountId: id, id: entry }) => s.outbox.retry(id, entry),
    'outbox.markSent': async ({ accountId: id, id: entry }) => s.outbox.markSent(id, entry),
    'outbox.remove': async ({ accountId: id, id: entry }) => {
      s.outbox.remove(id, entry);
      return { removed: true as const };
    },
    'outbox.flush': async ({ accountId: id }) => s.outbox.flush(id),
    'drafts.save': async ({ draftId, input }) => s.drafts.save(draftId, input),
    'drafts.list': async ({ accountId: id }) => s.drafts.list(id),
    'drafts.open': async ({ accountId: id, draftId }) => s.drafts.open(id, draftId),
    'drafts.remove': async ({ accountId: id, draftId }) => {
      await s.drafts.remove(id, draftId);
      return { removed: true as const };
    },
    ...createDirectoryHandlers(s),
    'receipts.list': async ({ accountId: id }) => s.receipts.receipts(id),
    'receipts.pending': async ({ accountId: id, folder }) => s.receipts.pending(id, folder),
    'receipts.answer': async ({ accountId: id, folder, uid }) => s.receipts.answer(id, folder, uid),
  };
}
