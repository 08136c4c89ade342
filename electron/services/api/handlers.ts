import type { Channel, ParsedInput, CallResult } from '../../../shared/contract.ts';
import { isOpenableLink } from '../../../shared/security.ts';
import { AppError } from '../errors/app-error.ts';
import type { AppServices } from '../app-services.ts';

export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<CallResult<C>> };

/** The implementation of every contract call. The type forces one handler per channel. */
export function createHandlers(s: AppServices): Handlers {
  return {
    'app.info': async () => ({ version: s.caps.appVersion, platform: s.caps.platform, profileDir: s.caps.profileDir }),
    'preferences.get': async () => s.settings.preferences(),
    'preferences.update': async (patch) => s.settings.updatePreferences(patch),
    'accounts.list': async () => s.accounts.list(),
    'accounts.autoconfig': async ({ email }) => s.autoconfig(email),
    'accounts.test': async ({ draft, password }) => s.accounts.test(draft, password),
    'accounts.add': async ({ draft, password }) => s.accounts.add(draft, password),
    'accounts.update': async ({ accountId, draft, password }) => {
      const updated = await s.accounts.update(accountId, draft, password);
      await s.mail.pool.drop(updated.id);
      return updated;
    },
    'accounts.remove': async ({ accountId }) => {
      const { id } = s.accounts.get(accountId);
      await s.mail.pool.drop(id);
      await s.accounts.remove(id);
      return { removed: true as const };
    },
    'dialogs.pickCaFile': async () => s.caps.dialogs.pickCaFile(),
    'mail.folders': async ({ accountId }) => s.mail.folders(accountId),
    'mail.messages': async ({ accountId, folder, limit }) => s.mail.messages(accountId, folder, limit),
    'mail.message': async ({ accountId, folder, uid }) => s.mail.message(accountId, folder, uid),
    'links.open': async ({ url }) => {
      if (!isOpenableLink(url)) {
        throw new AppError('VALIDATION', `refusing to open link with scheme ${safeScheme(url)}`, {
          messageVi: 'Chỉ mở được liên kết http, https hoặc mailto.',
        });
      }
      await s.caps.openExternal(url);
      return { opened: true };
    },
  };
}

function safeScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? 'unknown';
}
