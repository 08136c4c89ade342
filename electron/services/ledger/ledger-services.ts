// The ledger as the app and the CLI use it: the LedgerService on fresh IMAP sessions with the
// user's own signing identity, its actions queued on this computer while the server cannot be
// reached (ledger-queue.ts), the registration that follows a sync of a unit account, the notices
// (assigned to me, due tomorrow, overdue, returned, a queued action lost) and the head's digest.
import type { CachedSummary } from '../../../shared/mail.ts';
import type { LedgerAutoRegister } from '../../../shared/settings.ts';
import type { DeadlineRules } from './deadline-rules.ts';
import { join } from 'node:path';
import type { AccountService } from '../accounts/account-service.ts';
import type { EventBus } from '../api/event-bus.ts';
import type { Clock } from '../clock/clock.ts';
import { sessionRunner } from '../delegation/mailbox-session.ts';
import { sharedMailboxesOn } from '../delegation/shared-mailboxes.ts';
import type { IdentityService } from '../identity/identity-service.ts';
import type { Logger } from '../logging/logger.ts';
import { startRepeating, type RepeatingTask } from '../lifecycle/repeating-task.ts';
import { autoRegister, type AutoRegisterResult } from './ledger-autoregister.ts';
import { holidayFilePath, holidayLoader } from './holidays-file.ts';
import { LedgerBooks, type BookRef } from './ledger-books.ts';
import { LedgerCache } from './ledger-cache.ts';
import { QueuedLedgerService, type SettledAction } from './ledger-queue.ts';
import { LedgerQueueStore } from './ledger-queue-store.ts';
import { toDisposable, type DisposableStore } from '../lifecycle/disposable.ts';
import { LedgerNotifier } from './notify/ledger-notifier.ts';
import { NoticeStore } from './notify/notice-store.ts';
import { DEFAULT_DIGEST_TIME, DigestScheduler, parseDigestTime } from './notify/digest-schedule.ts';
import { buildDigest, digestNotice } from './notify/digest-content.ts';
import { appendDigest } from './notify/digest-delivery.ts';

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
  /** When the head's daily digest is due, "HH:MM" in Vietnam; 07:30 by default. */
  digestTime?: string;
  /** The unit's deadline rules (default: Hỏa tốc 0, Thượng khẩn 1, Khẩn 2, Thường 7 working days). */
  rules?: () => DeadlineRules;
  /** Whether arriving directives are registered by themselves ('off': only "Vào sổ"). */
  autoRegister?: () => LedgerAutoRegister;
  /** Wraps the service the automatic registration uses (the app records it in the audit log). */
  audited?: (ledger: QueuedLedgerService) => Pick<QueuedLedgerService, 'book' | 'register'>;
}

export interface LedgerServices {
  ledger: QueuedLedgerService;
  /** Pages of the register table, from the local copy while the server is read. */
  books: LedgerBooks;
  notifier: LedgerNotifier;
  /** What was told, and the notices kept for the app's list. */
  notices: NoticeStore;
  digest: DigestScheduler;
  /** Registers the directives that arrived with a sync of a unit account; called when it finished. */
  afterSync(accountId: string, arrived: readonly CachedSummary[]): Promise<AutoRegisterResult>;
  /** Builds the digest of a unit account for today, puts it in its INBOX once, notifies once. */
  deliverDigest(accountId: string): Promise<boolean>;
  /**
   * Every `intervalMs`: applies queued actions, tells notices a passing deadline raises, and
   * delivers the heads' digests when due. Started once by the app (never by tests or the CLI).
   */
  startUpkeep(intervalMs?: number): RepeatingTask;
}

export function createLedgerServices(deps: LedgerServicesDeps): LedgerServices {
  const { accounts, identity, events, clock, logger } = deps;
  const holidays = holidayLoader(holidayFilePath(deps.resourcesDir));
  const sessions = sessionRunner(accounts);
  const warn = (what: string) => (e: unknown) => logger.log('warn', what, { detail: (e as Error).message });
  const queue = new LedgerQueueStore(join(deps.profileDir, 'ledger-queue.sqlite'));
  const noticeStore = new NoticeStore(join(deps.profileDir, 'notices.sqlite'));
  deps.lifetime.add(toDisposable(() => (queue.close(), noticeStore.close())));
  const emailOf = (id: string) => accounts.list().find((a) => a.id === id)?.email ?? null;
  const notifier = new LedgerNotifier({ store: noticeStore, events, clock, holidays, emailOf });
  const onSettled = (items: SettledAction[]) => {
    for (const accountId of new Set(items.map((i) => i.accountId))) {
      notifier.settled(
        accountId,
        items.filter((i) => i.accountId === accountId),
      );
    }
    for (const i of items) books.refreshSoon({ accountId: i.accountId, mailbox: i.mailbox || undefined });
  };
  const rules = deps.rules;
  const ledger = new QueuedLedgerService({
    sessions,
    identity,
    clock,
    holidays,
    queue,
    onSettled,
    ...(rules ? { rules } : {}),
  });
  const books: LedgerBooks = new LedgerBooks({
    ledger,
    cache: new LedgerCache(join(deps.profileDir, 'ledger.sqlite')),
    events,
    clock,
    logger,
    onRead: (ref, book) => void notifier.onBook(ref, book).catch(warn('ledger notices failed')),
  });
  const running = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    const t = p.catch(warn('ledger background work failed')).finally(() => running.delete(t));
    running.add(t);
  };
  deps.lifetime.add(toDisposable(() => books.dispose()));
  deps.lifetime.add(toDisposable(async () => void (await Promise.allSettled([...running]))));
  const canSign = async () => (await identity.current()) !== null;
  const shared = sharedBooks(accounts, sessions);
  const deliverDigest = async (accountId: string): Promise<boolean> => {
    const [book, calendar] = await Promise.all([ledger.book(accountId), holidays()]);
    const now = clock.now();
    const data = buildDigest(book.mailbox, book.entries, now, calendar);
    const appended = await appendDigest(sessions, accountId, data, { now });
    noticeStore.markDigest(accountId, data.day, now);
    notifier.publish(accountId, [digestNotice(accountId, data, now)]);
    return appended;
  };
  const digest = new DigestScheduler({
    clock,
    holidays,
    at: deps.digestTime ? parseDigestTime(deps.digestTime) : DEFAULT_DIGEST_TIME,
    heads: () => accounts.list().flatMap((a) => (a.kind === 'unit' ? [a.id] : [])),
    done: (accountId, day) => noticeStore.digestDone(accountId, day),
    deliver: async (accountId) => void (await deliverDigest(accountId)),
    onError: (accountId, e) => warn(`ledger digest failed ${accountId}`)(e),
  });
  // What waited from an earlier run is applied at start (nothing to do, no connection, when empty).
  track(ledger.flushAll());
  let upkeep: RepeatingTask | null = null;
  return {
    ledger,
    books,
    notifier,
    notices: noticeStore,
    digest,
    deliverDigest,
    afterSync: async (accountId, arrived) => {
      await ledger.flushAll(accountId).catch(warn('ledger queue flush failed'));
      const registrar = deps.audited?.(ledger) ?? ledger;
      const rule = deps.autoRegister?.() ?? 'directives';
      const result = await autoRegister(
        { accounts, ledger: registrar, canSign, logger },
        accountId,
        rule === 'off' ? [] : arrived,
      );
      if (result.written > 0) events.emit('ledger.changed', { accountId, mailbox: null });
      if (result.skipped === 'no-identity')
        logger.log('warn', 'automatic registration skipped: no signing identity', { candidates: result.candidates });
      track(shared(accountId, books.known(accountId)).then((refs) => refs.forEach((r) => books.refreshSoon(r))));
      return result;
    },
    startUpkeep: (intervalMs = 60_000) => {
      if (upkeep && !upkeep.isDisposed) return upkeep;
      const round = async () => {
        await ledger.flushAll();
        await notifier.tick();
        await digest.tick();
      };
      upkeep = deps.lifetime.add(startRepeating(round, { intervalMs, onError: warn('ledger upkeep failed') }));
      return upkeep;
    },
  };
}

/**
 * The books whose notices follow a sync of an account: those read in this session, its own when
 * it is a unit mailbox, and (a delegate's account) the unit mailboxes shared with it, asked once.
 */
function sharedBooks(accounts: AccountService, sessions: ReturnType<typeof sessionRunner>) {
  const asked = new Map<string, Promise<string[]>>();
  return async (accountId: string, known: BookRef[]): Promise<BookRef[]> => {
    const account = accounts.list().find((a) => a.id === accountId);
    if (!account) return [];
    const refs = new Map(known.map((r) => [(r.mailbox ?? '').toLowerCase(), r]));
    if (account.kind === 'unit') refs.set('', { accountId });
    else {
      let units = asked.get(accountId);
      if (!units) {
        units = sessions(accountId, async (s) => (await sharedMailboxesOn(s.client)).map((m) => m.owner));
        asked.set(accountId, units);
        units.catch(() => asked.delete(accountId));
      }
      for (const unit of await units) refs.set(unit.toLowerCase(), { accountId, mailbox: unit });
    }
    return [...refs.values()];
  };
}
