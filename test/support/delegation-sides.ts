// The two people of a delegation test, each with their own profile folder and
// app services: the unit head (unit mailbox, signing identity in the real
// keychain) and a delegate (own personal account). The delegate's keychain is a
// separate Secret Service "service" name, standing in for the delegate's own computer.
import type { ImapFlow } from 'imapflow';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { DelegationService } from '../../electron/services/delegation/delegation-service.ts';
import { IdentityService } from '../../electron/services/identity/identity-service.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import type { MailStack } from '../stack/mail-stack.ts';
import { UNIT_EMAIL, draftFor, passwordOf } from './fixtures.ts';
import { tempDir } from './temp-dir.ts';
import { systemClock, type Clock } from '../../electron/services/clock/clock.ts';
import { fakeDialogs } from './fake-dialogs.ts';

export const DELEGATE = 'canbo1@binhphuoc.gov.vn';
export const SHARED_ROOT = `shared/${UNIT_EMAIL}/`;
export const sharedPath = (folder: string) => `${SHARED_ROOT}${folder}`;

export interface Side {
  profileDir: string;
  cleanup: () => void;
  services: AppServices;
  accountId: string;
  keychain: OsKeychain;
  identity: IdentityService;
  /** A delegation service on this side's account, on `clock` (the system clock by default). */
  delegation: (clock?: Clock) => DelegationService;
}

async function side(
  stack: MailStack,
  email: string,
  keychainService: string,
  kind: 'unit' | 'personal',
): Promise<Side> {
  const { dir, cleanup } = tempDir(kind === 'unit' ? 'um-head-' : 'um-delegate-');
  const keychain = new OsKeychain(keychainService);
  const services = createAppServices({
    clock: systemClock,
    profileDir: dir,
    secrets: keychain,
    logger: nullLogger,
    dialogs: fakeDialogs(),
    openExternal: async () => {
      throw new AppError('VALIDATION', 'no links in tests');
    },
    appVersion: 'test',
    platform: process.platform,
  });
  const account = await services.accounts.add(
    draftFor(stack, email, kind === 'personal' ? { kind, displayName: 'Cán bộ 1' } : {}),
    passwordOf(stack, email),
  );
  const identity = new IdentityService({ profileDir: dir, secrets: keychain, clock: systemClock });
  return {
    profileDir: dir,
    cleanup,
    services,
    accountId: account.id,
    keychain,
    identity,
    delegation: (clock = systemClock) =>
      new DelegationService({
        accounts: services.accounts,
        identity,
        settings: services.settings,
        logger: nullLogger,
        clock,
      }),
  };
}

/** The head (identity created) and the delegate, each added through AccountService like the app does. */
export async function startSides(stack: MailStack): Promise<{ head: Side; delegate: Side }> {
  // Own Secret Service names: other test files running at the same time use 'unit-mailbox' for the same address.
  const head = await side(stack, UNIT_EMAIL, `unit-mailbox-head-${process.pid}`, 'unit');
  await head.identity.create({
    name: 'Nguyễn Văn An',
    title: 'Chánh Văn phòng',
    unit: 'Văn phòng UBND tỉnh Bình Phước',
    email: 'an.nv@binhphuoc.gov.vn',
  });
  const delegate = await side(stack, DELEGATE, `unit-mailbox-delegate-${process.pid}`, 'personal');
  return { head, delegate };
}

export async function stopSides(sides: { head?: Side; delegate?: Side }): Promise<void> {
  for (const s of [sides.head, sides.delegate]) {
    if (!s) continue;
    await s.identity.remove().catch(() => undefined);
    for (const a of s.services.accounts.list())
      await s.keychain.delete(secretKeys.accountPassword(a.email)).catch(() => false);
    await s.services.dispose();
    s.cleanup();
  }
}

/** imapflow's internal raw command API, for what the app itself never sends (a raw STORE). */
export async function rawCommand(client: ImapFlow, command: string, attributes: unknown[]) {
  const raw = client as unknown as {
    exec(c: string, a: unknown[]): Promise<{ next(): void }>;
  };
  const r = await raw.exec(command, attributes);
  r.next();
}
