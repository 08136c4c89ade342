// "Computers" for ledger tests: each has its own profile, its own keychain
// service name (so nothing collides with other test files), an account added
// like the app adds it, its own signing identity and a LedgerService.
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { systemClock, type Clock } from '../../electron/services/clock/clock.ts';
import { sessionRunner } from '../../electron/services/delegation/mailbox-session.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { holidayFilePath, loadHolidayCalendar } from '../../electron/services/ledger/holidays-file.ts';
import { LedgerService } from '../../electron/services/ledger/ledger-service.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import type { MailStack } from '../stack/mail-stack.ts';
import { fakeDialogs } from './fake-dialogs.ts';
import { draftFor, passwordOf } from './fixtures.ts';
import { tempDir } from './temp-dir.ts';

export interface LedgerPc {
  email: string;
  accountId: string;
  services: AppServices;
  keychain: OsKeychain;
  ledger: LedgerService;
  cleanup: () => void;
}

const RESOURCES = new URL('../../resources/', import.meta.url).pathname;

export async function ledgerPc(
  stack: MailStack,
  email: string,
  opts: { kind: 'unit' | 'personal'; name: string; clock?: Clock; tag: string },
): Promise<LedgerPc> {
  const { dir, cleanup } = tempDir('um-ledger-');
  const keychain = new OsKeychain(`unit-mailbox-ledger-${opts.tag}-${process.pid}`);
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
    draftFor(stack, email, { kind: opts.kind, displayName: opts.name }),
    passwordOf(stack, email),
  );
  await services.identity.create({ name: opts.name, title: 'Chuyên viên', unit: 'Sở Nội vụ', email });
  const ledger = new LedgerService({
    sessions: sessionRunner(services.accounts),
    identity: services.identity,
    clock: opts.clock ?? systemClock,
    holidays: () => loadHolidayCalendar(holidayFilePath(RESOURCES)),
  });
  return { email, accountId: account.id, services, keychain, ledger, cleanup };
}

export async function stopPcs(pcs: Array<LedgerPc | undefined>): Promise<void> {
  for (const pc of pcs) {
    if (!pc) continue;
    await pc.services.identity.remove().catch(() => undefined);
    await pc.keychain.delete(secretKeys.accountPassword(pc.email)).catch(() => false);
    await pc.services.dispose();
    pc.cleanup();
  }
}

/** A directive-like message with its own Message-ID. */
export function incoming(to: string, subject: string, id: string, from = 'snv@binhphuoc.gov.vn'): string {
  return [
    `From: =?UTF-8?B?${Buffer.from('Sở Nội vụ').toString('base64')}?= <${from}>`,
    `To: ${to}`,
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    'Date: Mon, 09 Feb 2026 08:00:00 +0700',
    `Message-ID: <${id}@binhphuoc.gov.vn>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    `Kính gửi Văn phòng.\r\n${subject}`,
    '',
  ].join('\r\n');
}
