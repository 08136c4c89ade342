// One round of delegation upkeep over every unit mailbox on this computer:
// grants past their end are revoked (at once while the app runs, at the next
// start otherwise), grants whose start came are applied, and whole-mailbox
// grants reach folders created since. The host repeats it (app-services.ts,
// lifecycle/repeating-task.ts); a round never throws.
import type { AccountSummary } from '../../../shared/account.ts';
import type { EventBus } from '../api/event-bus.ts';
import type { DisposableStore } from '../lifecycle/disposable.ts';
import { startRepeating, type RepeatingTask } from '../lifecycle/repeating-task.ts';
import type { Logger } from '../logging/logger.ts';
import type { ScheduleService } from './schedule-service.ts';

export interface UpkeepDeps {
  accounts: { list(): AccountSummary[] };
  schedule: Pick<ScheduleService, 'expireDue' | 'applyToNewFolders'>;
  events: Pick<EventBus, 'emit'>;
  logger: Logger;
}

/** Stops between mailboxes once `signal` is aborted (the app is shutting down). */
export async function delegationUpkeepRound(deps: UpkeepDeps, signal: AbortSignal): Promise<void> {
  for (const account of deps.accounts.list().filter((a) => a.kind === 'unit')) {
    if (signal.aborted) return;
    try {
      const { expired } = await deps.schedule.expireDue(account.id);
      if (expired.length) deps.logger.log('info', 'delegation: expired grants revoked', { count: expired.length });
      const applied = await deps.schedule.applyToNewFolders(account.id);
      // An open Ủy quyền panel shows the new state without a reload.
      if (expired.length || applied.length) deps.events.emit('delegation.changed', { accountId: account.id });
    } catch (e) {
      // No identity yet, no ACL, offline: nothing to keep up; retried on the next round.
      deps.logger.log('debug', 'delegation upkeep skipped', { detail: (e as Error).message });
    }
  }
}

/**
 * The host's `startDelegationUpkeep`: a round now, then `intervalMs` after each round ends
 * (rounds never overlap); a second call returns the running task; `lifetime` disposes it.
 */
export function delegationUpkeepStarter(
  deps: UpkeepDeps,
  lifetime: DisposableStore,
): (intervalMs?: number) => RepeatingTask {
  let upkeep: RepeatingTask | null = null;
  return (intervalMs = 60_000) => {
    if (upkeep && !upkeep.isDisposed) return upkeep;
    if (lifetime.isDisposed) throw new Error('startDelegationUpkeep() after dispose()');
    if (upkeep) lifetime.delete(upkeep);
    upkeep = lifetime.add(
      startRepeating((signal) => delegationUpkeepRound(deps, signal), {
        intervalMs,
        onError: (e) => deps.logger.log('warn', 'delegation upkeep failed', { detail: (e as Error).message }),
      }),
    );
    return upkeep;
  };
}
