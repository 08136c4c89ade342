// A CLI profile ready to export: the outgoing head's signing identity, the unit
// account (STARTTLS or IMAPS with the stack's CA, password into the keychain
// through stdin) and the incoming head's certificate made with openssl (RSA-3072,
// keyEncipherment), exactly as a user would prepare them.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { MailStack } from '../../stack/mail-stack.ts';
import { accountAddArgs, runCli, type CliRun } from '../../support/cli-runner.ts';
import { UNIT_EMAIL, passwordOf } from '../../support/fixtures.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Copies the built CLI (bin/ and out/main/) into `dir` and returns its launcher. A benchmark runs
 * for many minutes while other people rebuild out/ in the same checkout; the copy keeps every
 * measured run on the same, complete build. node_modules and resources/ are linked, not copied.
 */
export function snapshotCli(dir: string): string {
  const built = join(ROOT, 'out', 'main', 'cli.js');
  if (!existsSync(built)) throw new Error('out/main/cli.js missing: run `npm run build` first');
  const app = join(dir, 'app');
  mkdirSync(join(app, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin', 'unit-mailbox.js'), join(app, 'bin', 'unit-mailbox.js'));
  copyFileSync(join(ROOT, 'package.json'), join(app, 'package.json'));
  cpSync(join(ROOT, 'out', 'main'), join(app, 'out', 'main'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'));
  symlinkSync(join(ROOT, 'resources'), join(app, 'resources'));
  return join(app, 'bin', 'unit-mailbox.js');
}

async function must(bin: string, profileDir: string, args: string[], stdin = ''): Promise<CliRun> {
  const r = await runCli(profileDir, args, stdin, bin);
  if (r.code !== 0) throw new Error(`unit-mailbox ${args.slice(0, 2).join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return r;
}

export interface ExportProfile {
  bin: string;
  profileDir: string;
  recipientCert: string;
}

export async function prepareProfile(
  stack: MailStack,
  dir: string,
  bin: string,
  security: 'tls' | 'starttls' = 'starttls',
): Promise<ExportProfile> {
  const profileDir = join(dir, 'profile');
  await must(bin, profileDir, [
    'identity',
    'create',
    '--name',
    'Nguyễn Văn An',
    '--title',
    'Chánh Văn phòng',
    '--unit',
    'Văn phòng UBND tỉnh Bình Phước',
    '--email',
    'nguyenvanan@binhphuoc.gov.vn',
  ]);
  await must(
    bin,
    profileDir,
    accountAddArgs(stack, UNIT_EMAIL, { security, name: 'Văn phòng UBND tỉnh' }),
    `${passwordOf(stack, UNIT_EMAIL)}\n`,
  );
  const recipientCert = join(dir, 'incoming-head.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:3072',
      '-nodes',
      '-keyout',
      join(dir, 'incoming-head.key'),
      '-out',
      recipientCert,
      '-days',
      '30',
      '-utf8',
      '-subj',
      '/CN=Trần Thị Bình/O=Văn phòng UBND tỉnh Bình Phước/emailAddress=tranthibinh@binhphuoc.gov.vn',
      '-addext',
      'keyUsage=critical,digitalSignature,keyEncipherment',
    ],
    { stdio: 'ignore' },
  );
  return { bin, profileDir, recipientCert };
}
