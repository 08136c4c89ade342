// The audit log (nhật ký) as the app and the CLI use it: the AuditLog on fresh IMAP sessions
// with the user's own signing identity and its local queue in `<profile>/audit.sqlite`; the
// narrow sink the acting services record through; the queue emptied at start and after each
// sync; and, after a sync of a unit account, the changes other clients made ("ngoài ứng
// dụng") recorded and the arrived messages taken as seen.
import { join } from 'node:path';
import type { AuditAction, OutsideChange } from '../../../shared/audit.ts';
import type { CachedSummary } from '../../../shared/mail.ts';
import type { AccountService } from '../accounts/account-service.ts';
import type { Clock } from '../clock/clock.ts';
import { sessionRunner } from '../delegation/mailbox-session.ts';
import { toAppError } from '../errors/app-error.ts';
import type { Signer } from '../identity/signer.ts';
import { toDisposable, type DisposableStore } from '../lifecycle/disposable.ts';
import type { Logger } from '../logging/logger.ts';
import type { SettingsRepository } from '../settings/settings-repository.ts';
import { AuditLog, type AuditTarget } from './audit-log.ts';
import type { AuditNote, AuditSink } from './audit-sink.ts';
import { AuditStore } from './audit-store.ts';
import { outsideAction, sweepOutside } from './audit-sweep.ts';

export interface AuditServicesDeps {
  accounts: AccountService;
  identity: { signer(): Promise<Signer> };
  clock: Clock;
  settings: SettingsRepository;
  logger: Logger;
  /** Closes the local queue (after the flush of what waited from an earlier run, started at once). */
  lifetime: DisposableStore;
}

export interface AuditServices {
  log: AuditLog;
  sink: AuditSink;
  /** Appends what waits in the local queue, for every account and mailbox; failures are logged. */
  flushAll(): Promise<number>;
  /**
   * After a sync of an account: its queue is emptied; for a unit account, changes other clients
   * made to messages the app knows are recorded as "ngoài ứng dụng", and `arrived` is taken as seen.
   */
  afterSync(accountId: string, arrived: readonly CachedSummary[]): Promise<OutsideChange[]>;
  /**
   * The work after a sync: `first` (the ledger's registration), then afterSync, which takes the
   * arrived messages (with the keywords registration gave them) as seen. `first`'s failure is rethrown after.
   */
  following<R>(
    first: (accountId: string, arrived: CachedSummary[]) => Promise<R>,
  ): (accountId: string, arrived: CachedSummary[]) => Promise<R>;
}

export function createAuditServices(profileDir: string, deps: AuditServicesDeps): AuditServices {
  const { accounts, logger } = deps;
  const store = new AuditStore(join(profileDir, 'audit.sqlite'));
  deps.lifetime.add(toDisposable(() => store.close()));
  const log = new AuditLog({ ...deps, sessions: sessionRunner(accounts), store });
  const sink: AuditSink = {
    record: (accountId, mailbox, actions, opts) => recordFor(deps, log, { accountId, mailbox, actions, opts }),
  };
  const services: AuditServices = {
    log,
    sink,
    flushAll: async () => {
      let written = 0;
      for (const { accountId, mailbox } of store.queuedTargets()) {
        const target = { accountId, mailbox };
        written += await log.flush(target).then(
          (w) => w.length,
          (e: unknown) => {
            logger.log('warn', 'audit queue not flushed', { mailbox, detail: toAppError(e).detail });
            return 0;
          },
        );
      }
      return written;
    },
    afterSync: async (accountId, arrived) => {
      const account = accounts.get(accountId);
      if (account.kind !== 'unit') return [];
      await log.flush(account.id);
      const byFolder = new Map<string, number[]>();
      for (const m of arrived) byFolder.set(m.folder, [...(byFolder.get(m.folder) ?? []), m.uid]);
      const changes = await sweepOutside(log, account.id, byFolder);
      if (changes.length > 0) {
        logger.log('warn', 'changes made outside the app', { mailbox: account.email, changes: changes.length });
        await sink.record(account.id, null, changes.map(outsideAction));
      }
      return changes;
    },
    following: (first) => async (accountId, arrived) => {
      const result = await first(accountId, arrived).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      await services.afterSync(accountId, arrived);
      if (!result.ok) throw result.error;
      return result.value;
    },
  };
  // What waits in the queue from an earlier run; disposing waits for it, before the queue closes.
  const earlier = services.flushAll();
  deps.lifetime.add(toDisposable(async () => void (await Promise.all([earlier, log.settle()]))));
  return services;
}

interface RecordCall {
  accountId: string;
  mailbox: string | null;
  actions: readonly AuditAction[];
  opts: { wait?: boolean } | undefined;
}

async function recordFor(deps: AuditServicesDeps, log: AuditLog, call: RecordCall): Promise<AuditNote> {
  const { accountId, mailbox, actions } = call;
  const wait = call.opts?.wait !== false;
  const account = deps.accounts.get(accountId);
  const own = mailbox === null || mailbox.toLowerCase() === account.email.toLowerCase();
  // A personal account's own mail is not a unit mailbox: nothing to audit.
  if (actions.length === 0 || (own && account.kind !== 'unit')) return { state: 'skipped', pending: 0 };
  const target: AuditTarget = own ? account.id : { accountId: account.id, mailbox: mailbox.toLowerCase() };
  const where = own ? account.email : mailbox;
  try {
    const done = await log.recordAll(target, actions, { wait });
    const pending = done.at(-1)?.pending ?? 0;
    if (done.every((d) => d.state === 'appended')) return { state: 'appended', pending };
    if (!wait) return { state: 'queued', pending };
    deps.logger.log('warn', 'audit records wait in the local queue', { mailbox: where, pending });
    return { state: 'queued', pending };
  } catch (e) {
    const error = toAppError(e);
    // Queued but refused by the server (no signing identity, no right on the audit folder): kept and retried.
    const lost = error.code === 'AUDIT_QUEUE_FAILED' || error.code === 'VALIDATION';
    deps.logger.log(lost ? 'error' : 'warn', lost ? 'audit record lost' : 'audit record kept in the queue', {
      mailbox: where,
      code: error.code,
      detail: error.detail,
    });
    return { state: 'queued', pending: log.pendingCount(target) };
  }
}
