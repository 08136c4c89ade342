import type { MailStack } from '../stack/mail-stack.ts';
import { accountAddArgs, runCli, type CliRun } from './cli-runner.ts';
import { UNIT_EMAIL, passwordOf } from './fixtures.ts';

export { BIN, CLI_BUILT, runCli, spawnCli, type CliRun } from './cli-runner.ts';

async function must(profileDir: string, args: string[], stdin = ''): Promise<CliRun> {
  const r = await runCli(profileDir, args, stdin);
  if (r.code !== 0) throw new Error(`unit-mailbox ${args.slice(0, 2).join(' ')} exited ${r.code}: ${r.stderr}`);
  return r;
}

/**
 * A profile ready to export, as a user would prepare it: the outgoing head's identity (key in the
 * keychain) and the unit account (password through stdin). Returns the identity's fingerprint.
 */
export async function prepareExportProfile(stack: MailStack, profileDir: string): Promise<{ fingerprint: string }> {
  await must(profileDir, [
    'identity',
    'create',
    '--name',
    'Nguyễn Văn An',
    '--title',
    'Chánh Văn phòng',
    '--unit',
    'Văn phòng UBND tỉnh Bình Phước',
    '--email',
    'an.nv@binhphuoc.gov.vn',
  ]);
  await must(
    profileDir,
    accountAddArgs(stack, UNIT_EMAIL, { security: 'tls', name: 'Văn phòng UBND tỉnh' }),
    `${passwordOf(stack, UNIT_EMAIL)}\n`,
  );
  const shown = JSON.parse((await must(profileDir, ['identity', 'show', '--json'])).stdout) as {
    info: { sha256Fingerprint: string };
  };
  return { fingerprint: shown.info.sha256Fingerprint };
}
