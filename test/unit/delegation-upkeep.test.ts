// The app's delegation upkeep (startDelegationUpkeep): one timer whoever asks,
// never two rounds at once however slow the server, and nothing left behind
// by dispose(). Fake timers; the slow part is the keychain, where every
// round's first step waits until the test answers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountSettings } from '../../shared/account.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import type { SecretStore } from '../../electron/services/keychain/secret-store.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';
import { tempDir } from '../support/temp-dir.ts';

/** A keychain whose every read waits for the test: a round stays in flight until answered. */
class SlowKeychain implements SecretStore {
  readonly reads: Array<(secret: string | null) => void> = [];
  private waiters: Array<() => void> = [];

  get(): Promise<string | null> {
    return new Promise((resolve) => {
      this.reads.push(resolve);
      this.waiters.splice(0).forEach((w) => w());
    });
  }
  async set(): Promise<void> {}
  async delete(): Promise<boolean> {
    return false;
  }

  /** Resolves once `count` reads have been asked for. */
  async readsAsked(count: number): Promise<void> {
    while (this.reads.length < count) await new Promise<void>((r) => this.waiters.push(r));
  }

  /** Answers read `index` with "no password": the round gives up on that account and ends. */
  async answer(index: number): Promise<void> {
    this.reads[index]?.(null);
    await vi.advanceTimersByTimeAsync(0);
  }
}

const UNIT: AccountSettings = {
  id: 'unit-1',
  kind: 'unit',
  displayName: 'Văn phòng UBND tỉnh',
  email: 'vanphong@binhphuoc.gov.vn',
  username: 'vanphong@binhphuoc.gov.vn',
  imap: { host: '127.0.0.1', port: 1, security: 'tls' },
  smtp: { host: '127.0.0.1', port: 1, security: 'tls' },
  allowInsecure: false,
  createdAt: '2026-11-01T00:00:00.000Z',
};
const INTERVAL = 60_000;

let services: AppServices;
let keychain: SlowKeychain;
let cleanup: () => void;

beforeEach(() => {
  vi.useFakeTimers();
  const profile = tempDir('um-upkeep-');
  cleanup = profile.cleanup;
  keychain = new SlowKeychain();
  const values = new Map<string, unknown>();
  services = createAppServices({
    clock: new ManualClock('2026-12-01T08:00:00+07:00'),
    profileDir: profile.dir,
    secrets: keychain,
    store: { get: (key) => values.get(key), set: (key, value) => void values.set(key, value) },
    logger: nullLogger,
    dialogs: fakeDialogs(),
    openExternal: async () => undefined,
    appVersion: 'test',
    platform: 'linux',
  });
  services.settings.saveAccounts([UNIT]);
});

afterEach(async () => {
  keychain.reads.forEach((answer) => answer(null));
  await services.dispose();
  vi.useRealTimers();
  cleanup();
});

describe('startDelegationUpkeep', () => {
  it('does not start a second round while one is still running, however many intervals pass', async () => {
    services.startDelegationUpkeep(INTERVAL);
    await keychain.readsAsked(1);
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(keychain.reads).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);

    await keychain.answer(0);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    await keychain.readsAsked(2);
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(keychain.reads).toHaveLength(2);
  });

  it('started twice, it runs once: the same task, one round, one timer', async () => {
    const first = services.startDelegationUpkeep(INTERVAL);
    expect(services.startDelegationUpkeep(INTERVAL)).toBe(first);
    await keychain.readsAsked(1);
    await keychain.answer(0);
    expect(services.startDelegationUpkeep(INTERVAL)).toBe(first);
    expect(vi.getTimerCount()).toBe(1);
    expect(keychain.reads).toHaveLength(1);
  });

  it('dispose() of the services leaves no timer and no further round', async () => {
    services.startDelegationUpkeep(INTERVAL);
    await keychain.readsAsked(1);
    await keychain.answer(0);
    expect(vi.getTimerCount()).toBe(1);
    await services.dispose();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(keychain.reads).toHaveLength(1);
  });

  it('dispose() waits for the round in flight and nothing is scheduled after it', async () => {
    services.startDelegationUpkeep(INTERVAL);
    await keychain.readsAsked(1);
    let disposed = false;
    const disposal = services.dispose().then(() => (disposed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(disposed).toBe(false);
    await keychain.answer(0);
    await disposal;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a task stopped by its holder can be started again; after dispose() it cannot', async () => {
    const first = services.startDelegationUpkeep(INTERVAL);
    await keychain.readsAsked(1);
    await keychain.answer(0);
    await first.dispose();
    expect(vi.getTimerCount()).toBe(0);
    const second = services.startDelegationUpkeep(INTERVAL);
    expect(second).not.toBe(first);
    await keychain.readsAsked(2);
    await keychain.answer(1);
    expect(vi.getTimerCount()).toBe(1);
    await services.dispose();
    expect(vi.getTimerCount()).toBe(0);
    expect(() => services.startDelegationUpkeep(INTERVAL)).toThrow(/after dispose/);
  });
});
