// Turns what the ledger learns into notices, each told once per account: after every read of a
// book (the rules of notice-rules.ts against the clock), on a tick (a deadline passes while the
// book stays the same), and when queued actions were settled (a lost one names why and who won).
// New notices go out as the contract event 'notices.new'; the app shows them in its notices list
// and main as desktop notifications.
import type { Notice } from '../../../../shared/contract-notices.ts';
import type { EventBus } from '../../api/event-bus.ts';
import type { Clock } from '../../clock/clock.ts';
import type { HolidayCalendar } from '../holiday-calendar.ts';
import type { SettledAction } from '../ledger-queue.ts';
import type { QueuedAction } from '../ledger-queue-store.ts';
import type { BookEntry } from '../ledger-view.ts';
import type { NoticeStore } from './notice-store.ts';
import { ledgerNotices, type NoticeScope } from './notice-rules.ts';

export interface LedgerNotifierDeps {
  store: NoticeStore;
  events: Pick<EventBus, 'emit'>;
  clock: Clock;
  holidays: () => Promise<HolidayCalendar>;
  /** The account's own address; null when the account is gone. */
  emailOf: (accountId: string) => string | null;
}

export const ACTION_LABELS: Record<QueuedAction['kind'], string> = {
  register: 'Vào sổ',
  assign: 'Giao xử lý',
  claim: 'Nhận xử lý',
  status: 'Cập nhật trạng thái',
  reopen: 'Mở lại',
};

export class LedgerNotifier {
  private readonly deps: LedgerNotifierDeps;
  /** The last book read per account and mailbox, evaluated again on each tick. */
  private readonly books = new Map<string, { scope: NoticeScope; entries: readonly BookEntry[] }>();

  constructor(deps: LedgerNotifierDeps) {
    this.deps = deps;
  }

  /** A book was read: remembers it and tells what is new. */
  async onBook(
    ref: { accountId: string },
    book: { mailbox: string; entries: readonly BookEntry[] },
  ): Promise<Notice[]> {
    const me = this.deps.emailOf(ref.accountId);
    if (!me) return [];
    const scope = { accountId: ref.accountId, mailbox: book.mailbox.toLowerCase(), me: me.toLowerCase() };
    this.books.set(`${scope.accountId}\u0000${scope.mailbox}`, { scope, entries: book.entries });
    return this.evaluate([{ scope, entries: book.entries }]);
  }

  /** The clock moved: a deadline may be tomorrow now, or past. */
  async tick(): Promise<Notice[]> {
    return this.evaluate([...this.books.values()]);
  }

  /** Queued actions applied or lost since their caller was answered. */
  settled(accountId: string, items: readonly SettledAction[]): Notice[] {
    const now = this.deps.clock.now();
    return this.publish(
      accountId,
      items.map((i) => settledNotice(accountId, i, now)),
    );
  }

  /** Publishes notices not told before (e.g. the digest's); returns them. */
  publish(accountId: string, notices: readonly Notice[]): Notice[] {
    if (notices.length === 0) return [];
    const out = this.deps.store.tell(accountId, notices, this.deps.clock.now());
    if (out.length > 0) this.deps.events.emit('notices.new', { notices: out });
    return out;
  }

  private async evaluate(books: Array<{ scope: NoticeScope; entries: readonly BookEntry[] }>): Promise<Notice[]> {
    if (books.length === 0) return [];
    const calendar = await this.deps.holidays();
    const now = this.deps.clock.now();
    const out: Notice[] = [];
    for (const { scope, entries } of books) {
      out.push(...this.publish(scope.accountId, ledgerNotices(scope, entries, now, calendar)));
    }
    return out;
  }
}

function settledNotice(accountId: string, i: SettledAction, now: Date): Notice {
  const label = i.outcome.number !== null ? `văn bản số đến ${i.outcome.number}/${i.outcome.year}` : 'văn bản';
  const action = ACTION_LABELS[i.action.kind];
  const lost = i.state === 'lost';
  const reason = i.outcome.messageVi ?? '';
  return {
    id: `${accountId}:queue:${i.id}`,
    accountId,
    mailbox: i.mailbox,
    kind: lost ? 'queue-lost' : 'queue-applied',
    at: now.toISOString(),
    urgent: lost,
    title: lost ? `Thao tác không được ghi vào sổ: ${label}` : `Đã ghi vào sổ thao tác làm khi mất kết nối: ${label}`,
    body: lost ? `${action} (${i.at}) — ${reason}` : `${action} (${i.at})`,
    params: {
      action: i.action.kind,
      ...(i.outcome.number !== null ? { number: i.outcome.number } : {}),
      ...(i.outcome.year !== null ? { year: i.outcome.year } : {}),
      ...(lost ? { reason } : {}),
      ...(i.outcome.winner ? { by: i.outcome.winner } : {}),
    },
  };
}
