// The chain report as the app runs it: the unit accounts of this profile, their record folders
// read over a fresh IMAP session, the user's identity, the IT Centre's policy file and the
// outbox. start() is called once by the host; the task stops with the services' lifetime.
import type { AccountService } from '../../accounts/account-service.ts';
import type { Clock } from '../../clock/clock.ts';
import { sessionRunner } from '../../delegation/mailbox-session.ts';
import { readRecordRegisters } from '../../handover/export/record-registers.ts';
import type { IdentityService } from '../../identity/identity-service.ts';
import type { DisposableStore } from '../../lifecycle/disposable.ts';
import type { RepeatingTask } from '../../lifecycle/repeating-task.ts';
import type { Logger } from '../../logging/logger.ts';
import { chainReportPolicy } from '../../policy/chain-report-policy.ts';
import type { LoadedSendPolicy } from '../../policy/send-policy-file.ts';
import type { OutboxService } from '../../send/outbox-service.ts';
import type { SettingsRepository } from '../../settings/settings-repository.ts';
import { ChainReporter } from './chain-report.ts';

export interface ChainReportServicesDeps {
  accounts: AccountService;
  identity: Pick<IdentityService, 'current' | 'signer'>;
  settings: SettingsRepository;
  clock: Clock;
  logger: Logger;
  sendPolicy: () => Promise<LoadedSendPolicy>;
  outbox: Pick<OutboxService, 'queue'>;
  /** Owns the repeating task once started. */
  lifetime: DisposableStore;
}

export interface ChainReportServices {
  reporter: ChainReporter;
  /** Starts the schedule (a round now, then every `intervalMs`); a second call returns the same task. */
  start(intervalMs?: number): RepeatingTask;
}

export function createChainReport(deps: ChainReportServicesDeps): ChainReportServices {
  const sessions = sessionRunner(deps.accounts);
  const reporter = new ChainReporter({
    clock: deps.clock,
    policy: () => chainReportPolicy(deps.sendPolicy),
    units: () =>
      deps.accounts
        .list()
        .filter((a) => a.kind === 'unit')
        .map((a) => ({ id: a.id, email: a.email })),
    readChains: (accountId, now) =>
      sessions(accountId, async (s) => (await readRecordRegisters(s.client, s.email, now)).summary),
    signer: async () => ((await deps.identity.current()) ? deps.identity.signer() : null),
    queue: (input) => deps.outbox.queue(input),
    settings: deps.settings,
    logger: deps.logger,
  });
  let task: RepeatingTask | null = null;
  return {
    reporter,
    start: (intervalMs) => {
      if (task && !task.isDisposed) return task;
      task = deps.lifetime.add(reporter.start(intervalMs));
      return task;
    },
  };
}
