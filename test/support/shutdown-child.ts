// The child process of test/integration/shutdown-handles.test.ts, run by plain
// Node: it creates the app services on a temporary profile with an in-memory
// keychain and the system clock, sets them to work (delegation upkeep, a
// watcher IDLE on INBOX, a sync, a reading connection) against the test mail
// stack, disposes them, and prints one JSON line: what is still open. It never
// calls process.exit, so the parent also sees whether it ends on its own.
import { createHook } from 'node:async_hooks';
import { Socket } from 'node:net';
import { createAppServices } from '../../electron/services/app-services.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { startRepeating } from '../../electron/services/lifecycle/repeating-task.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import { fakeDialogs } from './fake-dialogs.ts';
import { MemorySecretStore } from './memory-secret-store.ts';
import { tempDir } from './temp-dir.ts';

/** What the parent passes in SHUTDOWN_CHILD. */
export interface ShutdownChildConfig {
  /** A unit mailbox on the test stack to work on; without it the services have no account. */
  account?: { email: string; password: string; host: string; imapPort: number; smtpPort: number; caPem: string };
  /** Plants the leak the check must catch: a repeating task of ours that nobody disposes. */
  leakTimer?: boolean;
}

/** What the child prints after dispose(). */
export interface ShutdownReport {
  /** process.getActiveResourcesInfo() after dispose, minus what was there before the services: type → count. */
  resources: Record<string, number>;
  /** Timers created by electron/services code and neither cleared nor fired, unref'd ones included. */
  timers: string[];
  /** Sockets still open, as "host:port", to tell which server a leaked connection went to. */
  sockets: string[];
}

const OURS = '/electron/services/';
const liveTimers = new Map<number, string>();
// getActiveResourcesInfo() lists only what keeps the process alive; an unref'd timer left running
// is a leak too. The frame that called setTimeout/setInterval tells whose timer it is.
createHook({
  init(asyncId, type) {
    if (type !== 'Timeout') return;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 50;
    const frames = (new Error().stack ?? '').split('\n').slice(1);
    Error.stackTraceLimit = limit;
    const caller = frames.find((f) => !f.includes('node:') && !f.includes('shutdown-child.ts'));
    if (caller?.includes(OURS)) liveTimers.set(asyncId, caller.trim());
  },
  destroy(asyncId) {
    liveTimers.delete(asyncId);
  },
}).enable();

function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

// process._getActiveHandles() is undocumented but the only way to see where a socket goes.
const activeSockets = () =>
  (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().filter((h) => h instanceof Socket);

/** Sockets to a server still open, as "host:port". */
function openSockets(): string[] {
  return activeSockets()
    .filter((h) => h.remotePort !== undefined)
    .map((h) => `${h.remoteAddress}:${h.remotePort}${h.destroyed ? ' (closing)' : ''}`);
}

/**
 * A socket destroyed during dispose() releases its handle, and TLS its state (in an Immediate), on
 * later turns of the event loop: waits for those turns, and only while such teardown is pending,
 * so what remains is what stayed open.
 */
async function settle(): Promise<void> {
  const tearingDown = () =>
    activeSockets().some((h) => h.destroyed) || process.getActiveResourcesInfo().includes('Immediate');
  for (let turn = 0; turn < 100 && tearingDown(); turn++) await new Promise((resolve) => setImmediate(resolve));
}

async function main(config: ShutdownChildConfig): Promise<ShutdownReport> {
  const baseline = resourceCounts();
  const profile = tempDir('um-shutdown-');
  const services = createAppServices({
    clock: systemClock,
    profileDir: profile.dir,
    secrets: new MemorySecretStore(),
    logger: nullLogger,
    dialogs: fakeDialogs(),
    openExternal: async () => undefined,
    appVersion: 'shutdown-test',
    platform: process.platform,
  });
  if (config.account) {
    const { email, password, host, imapPort, smtpPort, caPem } = config.account;
    const draft = {
      kind: 'unit' as const,
      email,
      imap: { host, port: imapPort, security: 'starttls' as const },
      smtp: { host, port: smtpPort, security: 'starttls' as const },
      caPem,
    };
    const { id } = await services.accounts.add(draft, password);
    await services.sync.start(id);
    await services.mail.folders(id);
    // Not waited for: at dispose() the watcher is still connecting and the upkeep's first round runs.
    await services.watcher.watch(id);
  }
  services.startDelegationUpkeep(60_000);
  if (config.leakTimer) startRepeating(async () => undefined, { intervalMs: 60_000, onError: () => undefined });
  await services.dispose();
  profile.cleanup();
  await settle();

  const resources: Record<string, number> = {};
  for (const [type, count] of resourceCounts()) {
    const extra = count - (baseline.get(type) ?? 0);
    if (extra > 0) resources[type] = extra;
  }
  return { resources, timers: [...liveTimers.values()], sockets: openSockets() };
}

const report = await main(JSON.parse(process.env.SHUTDOWN_CHILD ?? '{}') as ShutdownChildConfig);
process.stdout.write(`${JSON.stringify(report)}\n`);
