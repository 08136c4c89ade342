// The recipient sources behind the composer's suggestions, built together: addresses seen in the
// cache, the contacts list (`<profileDir>/contacts.sqlite`) and the province directory
// (`<profileDir>/directory.json`, bind 'user' with the account's own login from the keychain).
import { join } from 'node:path';
import type { AddressSuggestion } from '../../../shared/compose.ts';
import type { AccountService } from '../accounts/account-service.ts';
import type { CacheRegistry } from '../cache/cache-registry.ts';
import type { Clock } from '../clock/clock.ts';
import { ContactsService } from '../contacts/contacts-service.ts';
import { ContactsStore } from '../contacts/contacts-store.ts';
import { toDisposable, type DisposableStore } from '../lifecycle/disposable.ts';
import type { Logger } from '../logging/logger.ts';
import { AddressSuggester } from '../send/address-suggest.ts';
import { DirectoryService } from './directory-service.ts';
import { RecipientSuggester } from './recipient-suggest.ts';

export interface RecipientServices {
  contacts: ContactsService;
  directory: DirectoryService;
  /** Cache + contacts + directory, each address once; a failing directory is left out. */
  suggest(accountId: string, query: string, limit: number): Promise<AddressSuggestion[]>;
}

export interface RecipientServicesDeps {
  profileDir: string;
  accounts: AccountService;
  caches: CacheRegistry;
  clock: Clock;
  logger: Logger;
  /** Owns the contacts file's connection. */
  lifetime: DisposableStore;
}

export function createRecipientServices(deps: RecipientServicesDeps): RecipientServices {
  const store = new ContactsStore(join(deps.profileDir, 'contacts.sqlite'));
  deps.lifetime.add(toDisposable(() => store.close()));
  const contacts = new ContactsService({ store, clock: deps.clock });
  const directory = new DirectoryService({
    configFile: join(deps.profileDir, 'directory.json'),
    login: async (accountId) => {
      const { imap } = await deps.accounts.credentials(accountId);
      return { login: imap.username, password: imap.password };
    },
  });
  const cache = new AddressSuggester();
  const suggester = new RecipientSuggester({
    cache: (accountId, query, limit) => cache.suggest(accountId, deps.caches.get(accountId), query, limit),
    contacts: (query, limit) => contacts.suggest(query, limit),
    directory: async () =>
      (await directory.config()) ? (accountId, query, limit) => directory.search(accountId, query, limit) : null,
    logger: deps.logger,
  });
  return { contacts, directory, suggest: (accountId, query, limit) => suggester.suggest(accountId, query, limit) };
}
