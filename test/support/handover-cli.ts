import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MailStack } from '../stack/mail-stack.ts';
import { UNIT_EMAIL, passwordOf } from './fixtures.ts';

// The built CLI (`npm run build` first, as `npm run test:integration` does) for handover tests.
export const BIN = fileURLToPath(new URL('../../bin/unit-mailbox.js', import.meta.url));
export const CLI_BUILT = existsSync(fileURLToPath(new URL('../../out/main/cli.js', import.meta.url)));

export interface CliRun {
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function spawnCli(
  profileDir: string,
  args: string[],
  stdin = '',
): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [BIN, '--profile', profileDir, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  child.stdin?.end(stdin);
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
  });
  return { child, done };
}

export const runCli = (profileDir: string, args: string[], stdin = ''): Promise<CliRun> =>
  spawnCli(profileDir, args, stdin).done;

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
    [
      'account',
      'add',
      '--email',
      UNIT_EMAIL,
      '--name',
      'Văn phòng UBND tỉnh',
      '--imap-host',
      stack.host,
      '--imap-port',
      String(stack.imapsPort),
      '--imap-security',
      'tls',
      '--smtp-host',
      stack.host,
      '--smtp-port',
      String(stack.submissionPort),
      '--smtp-security',
      'starttls',
      '--ca-file',
      stack.caFile,
      '--password-stdin',
    ],
    `${passwordOf(stack, UNIT_EMAIL)}\n`,
  );
  const shown = JSON.parse((await must(profileDir, ['identity', 'show', '--json'])).stdout) as {
    info: { sha256Fingerprint: string };
  };
  return { fingerprint: shown.info.sha256Fingerprint };
}
