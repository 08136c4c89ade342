import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MailStack } from '../stack/mail-stack.ts';

// The built CLI (`npm run build` first, as `npm run test:integration` does), spawned as users run it.
export const BIN = fileURLToPath(new URL('../../bin/unit-mailbox.js', import.meta.url));
export const CLI_BUILT = existsSync(fileURLToPath(new URL('../../out/main/cli.js', import.meta.url)));

export interface CliRun {
  code: number;
  /** Wall time from spawn to exit. */
  ms: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `bin`: another copy of the launcher (the benchmark runs a snapshot of the build). */
export function spawnCli(
  profileDir: string,
  args: string[],
  stdin = '',
  bin = BIN,
): { child: ChildProcess; done: Promise<CliRun> } {
  const started = Date.now();
  const child = spawn(process.execPath, [bin, '--profile', profileDir, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  child.stdin?.end(stdin);
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code: code ?? -1, ms: Date.now() - started, signal, stdout, stderr }),
    );
  });
  return { child, done };
}

export const runCli = (profileDir: string, args: string[], stdin = '', bin = BIN): Promise<CliRun> =>
  spawnCli(profileDir, args, stdin, bin).done;

/** `account add` arguments for a stack user (password on stdin), as IT staff would type them. */
export function accountAddArgs(
  stack: MailStack,
  email: string,
  opts: { security?: 'tls' | 'starttls'; kind?: 'unit' | 'personal'; name?: string } = {},
): string[] {
  const security = opts.security ?? 'starttls';
  return [
    'account',
    'add',
    '--email',
    email,
    ...(opts.kind ? ['--kind', opts.kind] : []),
    ...(opts.name ? ['--name', opts.name] : []),
    '--imap-host',
    stack.host,
    '--imap-port',
    String(security === 'tls' ? stack.imapsPort : stack.imapPort),
    '--imap-security',
    security,
    '--smtp-host',
    stack.host,
    '--smtp-port',
    String(stack.submissionPort),
    '--smtp-security',
    'starttls',
    '--ca-file',
    stack.caFile,
    '--password-stdin',
  ];
}
