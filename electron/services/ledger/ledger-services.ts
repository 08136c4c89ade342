// The ledger as the app and the CLI use it: the LedgerService on fresh IMAP sessions with the
// user's own signing identity, and the registration that follows a sync of a unit account.
import type { CachedSummary } from '../../../shared/mail.ts';
import { join } from 'node:path';
import type { AccountService } from '../accounts/account-service.ts';
import type { EventBus } from '../api/event-bus.ts';
import type { Clock } from '../clock/clock.ts';
import { sessionRunner } from '../delegation/mailbox-session.ts';
import type { IdentityService } from '../identity/identity-service.ts';
import type { Logger } from '../logging/logger.ts';
import { autoRegister, type AutoRegisterResult } from './ledger-autoregister.ts';
import { holidayFilePath, loadHolidayCalendar } from './holidays-file.ts';
import { LedgerService } from './ledger-service.ts';
import { LedgerBooks } from './ledger-books.ts';
import { LedgerCache } from './ledger-cache.ts';
import { toDisposable, type DisposableStore } from '../lifecycle/disposable.ts';

export interface LedgerServicesDeps {
  accounts: AccountService;
  identity: IdentityService;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  resourcesDir: string;
  profileDir: string;
  /** Owns the local copy of the books. */
  lifetime: DisposableStore;
}

export interface LedgerServices {
  ledger: LedgerService;
  /** Pages of the register table, from the local copy while the server is read. */
  books: LedgerBooks;
  /** Registers the directives that arrived with a sync of a unit account; called when it finished. */
  afterSync(accountId: string, arrived: readonly CachedSummary[]): Promise<AutoRegisterResult>;
}

export function createLedgerServices(deps: LedgerServicesDeps): LedgerServices {
  const { accounts, identity, events, clock, logger } = deps;
  const ledger = new LedgerService({
    sessions: sessionRunner(accounts),
    identity,
    clock,
    holidays: () => loadHolidayCalendar(holidayFilePath(deps.resourcesDir)),
  });
  const books = new LedgerBooks({
    ledger,
    cache: new LedgerCache(join(deps.profileDir, 'ledger.sqlite')),
    events,
    clock,
    logger,
  });
  deps.lifetime.add(toDisposable(() => books.dispose()));
  const canSign = async () => (await identity.current()) !== null;
  return {
    ledger,
    books,
    afterSync: async (accountId, arrived) => {
      const result = await autoRegister({ accounts, ledger, canSign, logger }, accountId, arrived);
      if (result.written > 0) events.emit('ledger.changed', { accountId, mailbox: null });
      if (result.skipped === 'no-identity')
        logger.log('warn', 'automatic registration skipped: no signing identity', { candidates: result.candidates });
      return result;
    },
  };
}
