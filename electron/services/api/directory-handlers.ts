// Handlers of the recipient sources (part of shared/contract-compose.ts): the contacts list,
// imported from a file picked in main's dialog (the renderer never names a path), and the
// province directory.
import type { composeContract } from '../../../shared/contract-compose.ts';
import type { AppServices } from '../app-services.ts';
import type { HandlersFor } from './handler-types.ts';

type DirectoryChannel = Extract<keyof typeof composeContract, `contacts.${string}` | `directory.${string}`>;

export function createDirectoryHandlers(s: AppServices): HandlersFor<DirectoryChannel> {
  const accountId = (id: string) => s.accounts.get(id).id;
  return {
    'contacts.import': async () => {
      const path = await s.caps.dialogs.pickFile('contacts', 'Nhập danh bạ (vCard .vcf hoặc CSV)');
      return path ? s.recipients.contacts.importFile(path) : null;
    },
    'contacts.list': async ({ query, limit }) => s.recipients.contacts.list(query, limit),
    'directory.status': async ({ accountId: id, check }) =>
      s.recipients.directory.status({ accountId: id === undefined ? undefined : accountId(id), check }),
    'directory.search': async ({ accountId: id, query, limit }) =>
      s.recipients.directory.search(accountId(id), query, limit),
    'directory.expandGroup': async ({ accountId: id, dn, name }) =>
      s.recipients.directory.expandGroup(accountId(id), dn !== undefined ? { dn } : { name: name ?? '' }),
  };
}
