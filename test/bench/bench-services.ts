// The app's services as every benchmark starts them: the real services on a temporary profile,
// with test stand-ins only for what the desktop provides (keychain, dialogs, opening links).
import { type AppServices, createAppServices } from '../../electron/services/app-services.ts';
import { type Clock, systemClock } from '../../electron/services/clock/clock.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';

export interface BenchServicesOptions {
  /** The system clock unless given. */
  clock?: Clock;
  /** Sync in its worker thread, as the app does (from the TypeScript sources). */
  syncWorker?: boolean;
}

export function benchServices(profileDir: string, opts: BenchServicesOptions = {}): AppServices {
  return createAppServices({
    clock: opts.clock ?? systemClock,
    profileDir,
    secrets: new MemorySecretStore(),
    logger: nullLogger,
    dialogs: fakeDialogs(),
    openExternal: async () => undefined,
    appVersion: 'bench',
    platform: process.platform,
    ...(opts.syncWorker
      ? { syncWorkerUrl: new URL('../../electron/services/sync/sync-worker.ts', import.meta.url) }
      : {}),
  });
}
