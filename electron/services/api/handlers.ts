import { saveAttachmentFile } from '../mail/attachment-save.ts';
import { checkRemoteImageRequest } from '../mail/remote-image-request.ts';
import { defaultImageFetch, fetchRemoteImages } from '../mail/remote-images.ts';
import type { AppServices } from '../app-services.ts';
import { createComposeHandlers } from './compose-handlers.ts';
import { openLink } from './link-handlers.ts';
import { createDelegationHandlers } from './delegation-handlers.ts';
import type { Handlers } from './handler-types.ts';
import { createHandoverHandlers } from './handover-handlers.ts';
import { createLedgerHandlers } from './ledger-handlers.ts';
import { createAuditHandlers } from './audit-handlers.ts';

/** The implementation of every contract call. The type forces one handler per channel. */
export function createHandlers(s: AppServices): Handlers {
  const accountsChanged = () => s.events.emit('accounts.changed', { accounts: s.accounts.list() });
  return {
    'app.info': async () => ({ version: s.caps.appVersion, platform: s.caps.platform, profileDir: s.caps.profileDir }),
    'preferences.get': async () => s.settings.preferences(),
    'preferences.update': async (patch) => s.settings.updatePreferences(patch),
    'accounts.list': async () => s.accounts.list(),
    'accounts.autoconfig': async ({ email }) => s.autoconfig(email),
    'accounts.test': async ({ draft, password }) => s.accounts.test(draft, password),
    'accounts.add': async ({ draft, password }) => {
      const added = await s.accounts.add(draft, password);
      accountsChanged();
      return added;
    },
    'accounts.update': async ({ accountId, draft, password }) => {
      const updated = await s.accounts.update(accountId, draft, password);
      await s.mail.pool.drop(updated.id);
      accountsChanged();
      return updated;
    },
    'accounts.remove': async ({ accountId }) => {
      await s.removeAccount(accountId);
      return { removed: true as const };
    },
    'dialogs.pickCaFile': async () => s.caps.dialogs.pickCaFile(),
    'mail.folders': async ({ accountId }) => s.mail.folders(accountId),
    'mail.messages': async ({ accountId, folder, limit }) => s.mail.messages(accountId, folder, limit),
    'mail.message': async ({ accountId, folder, uid }) => s.mail.message(accountId, folder, uid),
    'cache.folders': async ({ accountId }) => s.caches.get(s.accounts.get(accountId).id).folders(),
    'cache.list': async ({ accountId, folder, ...q }) => {
      const page = s.caches.get(s.accounts.get(accountId).id).list({ folder, ...q });
      return { ...page, offset: q.offset };
    },
    'cache.thread': async ({ accountId, threadId }) => s.caches.get(s.accounts.get(accountId).id).thread(threadId),
    'cache.directives': async ({ accountId, limit }) => s.caches.get(s.accounts.get(accountId).id).directives(limit),
    'cache.search': async ({ accountId, query, offset, limit, typing }) => {
      const id = s.accounts.get(accountId).id;
      // The user is typing: the background text indexer waits until they stop.
      if (typing) s.sync.pauseIndexing(id);
      return s.mail.search(id, query, { offset, limit, typing });
    },
    'sync.start': async ({ accountId, folders }) => s.sync.start(s.accounts.get(accountId).id, folders),
    'sync.watch': async ({ accountId, folder }) => {
      await s.watcher.watch(s.accounts.get(accountId).id, folder);
      return { watching: [...new Set(['INBOX', ...(folder ? [folder] : [])])] };
    },
    'sync.cancel': async ({ accountId }) => ({ cancelled: s.sync.cancel(s.accounts.get(accountId).id) }),
    'mail.setFlags': async ({ accountId, folder, uids, add, remove }) => ({
      updated: await s.actions.setFlags(s.accounts.get(accountId).id, folder, uids, add, remove),
    }),
    'mail.move': async ({ accountId, folder, uids, target }) =>
      s.actions.move(s.accounts.get(accountId).id, folder, uids, target),
    'mail.trash': async ({ accountId, folder, uids }) => s.actions.trash(s.accounts.get(accountId).id, folder, uids),
    'mail.undo': async ({ accountId, undoToken }) => ({
      restored: await s.actions.undoMove(s.accounts.get(accountId).id, undoToken),
    }),
    'mail.remoteImages': async ({ accountId, folder, uid, urls, auto }) => {
      const account = s.accounts.get(accountId);
      const allowed = await checkRemoteImageRequest(
        { folder, uid, urls, auto },
        {
          source: async (f, u) => (await s.mail.source(account.id, f, u)).source,
          signature: async (f, u) => (await s.mail.message(account.id, f, u)).signature ?? null,
          serverIds: [account.imap.host, account.smtp.host],
        },
      );
      if (allowed.length === 0) return {};
      return fetchRemoteImages(allowed, s.caps.fetchImage ?? defaultImageFetch());
    },
    'senders.allowRemote': async ({ accountId, address, allow }) => ({
      allowed: address
        ? s.settings.setRemoteSender(s.accounts.get(accountId).id, address, allow)
        : s.settings.remoteSenders(s.accounts.get(accountId).id),
    }),
    'attachments.save': async ({ accountId, folder, uid, index }) => {
      const id = s.accounts.get(accountId).id;
      const { filename, content, sender } = await s.mail.attachment(id, folder, uid, index);
      const path = await s.caps.dialogs.saveFile(safeFileName(filename));
      if (!path) return { saved: false, path: null };
      const { imap } = s.accounts.get(id);
      await saveAttachmentFile(
        path,
        content,
        { imap, folder, uid, sender },
        { platform: s.caps.platform, clock: s.caps.clock, logger: s.logger },
      );
      return { saved: true, path };
    },
    'links.open': ({ url }) => openLink(url, s.caps.openExternal),
    'notices.list': async () => s.notices.list(),
    'notices.markRead': async () => {
      s.notices.markAllRead();
      return { unread: 0 as const };
    },
    'notices.clear': async () => ({ cleared: s.notices.clear() }),
    ...createHandoverHandlers(s),
    ...createDelegationHandlers(s),
    ...createComposeHandlers(s),
    ...createLedgerHandlers(s),
    ...createAuditHandlers(s),
  };
}

/** A file name without directory parts or characters Windows refuses. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'attachment';
  // Control and bidi-override characters (U+202E makes "gpj.exe" read as "exe.jpg") are replaced too.
  const cleaned = [...base]
    .map((c) => {
      const code = c.charCodeAt(0);
      const hidden =
        code < 32 ||
        (code >= 0x200b && code <= 0x200f) ||
        (code >= 0x202a && code <= 0x202e) ||
        (code >= 0x2066 && code <= 0x2069);
      return hidden || '<>:"|?*'.includes(c) ? '_' : c;
    })
    .join('');
  return cleaned.slice(0, 200) || 'attachment';
}
