// The notices part of the UI test fake (FakeMailbox.notices), held to the contract like the rest:
// what main keeps for the app's list (notices.list / markRead / clear), kept in the test process
// so a page reload sees it as a restarted app would. `tell` is main telling new notices: kept
// first, then pushed as 'notices.new'; a notice id told before is not told again.
import type { Notice, NoticeList, noticesContract } from '../../shared/contract-notices.ts';
import type { EventMap } from '../../shared/contract.ts';
import type { HandlersFor } from '../../electron/services/api/handler-types.ts';

export class FakeNotices {
  /** Newest first, with whether each was read. */
  kept: Array<{ notice: Notice; read: boolean }> = [];
  private readonly told = new Set<string>();
  private readonly emit: (p: EventMap['notices.new']) => Promise<void>;

  constructor(emit: (p: EventMap['notices.new']) => Promise<void>) {
    this.emit = emit;
  }

  readonly handlers: HandlersFor<keyof typeof noticesContract> = {
    'notices.list': async () => this.list(),
    'notices.markRead': async () => {
      for (const k of this.kept) k.read = true;
      return { unread: 0 as const };
    },
    'notices.clear': async () => {
      const cleared = this.kept.length;
      this.kept = [];
      return { cleared };
    },
  };

  list(): NoticeList {
    return { items: this.kept.map((k) => k.notice), unread: this.kept.filter((k) => !k.read).length };
  }

  /** Main tells `notices` (in order): those not told before are kept, then pushed to the page. */
  async tell(notices: Notice[]): Promise<Notice[]> {
    const fresh = notices.filter((n) => !this.told.has(n.id));
    for (const n of fresh) {
      this.told.add(n.id);
      this.kept.unshift({ notice: n, read: false });
    }
    if (fresh.length > 0) await this.emit({ notices: fresh });
    return fresh;
  }
}
