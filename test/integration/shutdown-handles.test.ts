// Shutdown leaves nothing open: app services that worked against the real mail
// stack (delegation upkeep, a watcher IDLE on INBOX, a sync, a reading
// connection) are disposed in a child process, which then reports the timers
// and handles still there and must end on its own. A planted timer proves
// the check catches a leak.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { UNIT_EMAIL, passwordOf } from '../support/fixtures.ts';
import type { ShutdownChildConfig, ShutdownReport } from '../support/shutdown-child.ts';

const CHILD = fileURLToPath(new URL('../support/shutdown-child.ts', import.meta.url));

let stack: MailStack;

beforeAll(async () => {
  stack = await startMailStack();
});

afterAll(async () => {
  await stack?.stop();
});

interface ChildRun {
  /** The JSON line the child prints after dispose(). */
  report: Promise<ShutdownReport>;
  /** How the child ended, when it does. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(): void;
}

function runChild(config: ShutdownChildConfig): ChildRun {
  const child = spawn(process.execPath, [CHILD], {
    env: { ...process.env, SHUTDOWN_CHILD: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  const report = new Promise<ShutdownReport>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line) resolve(JSON.parse(line) as ShutdownReport);
    });
    void exit.then(({ code, stderr }) => reject(new Error(`child ended (code ${code}) without a report:\n${stderr}`)));
  });
  return { report, exit, kill: () => child.kill('SIGKILL') };
}

const unitAccount = (): ShutdownChildConfig['account'] => ({
  email: UNIT_EMAIL,
  password: passwordOf(stack, UNIT_EMAIL),
  host: stack.host,
  imapPort: stack.imapPort,
  smtpPort: stack.submissionPort,
  caPem: stack.caPem,
});

describe('shutdown', () => {
  it('dispose() leaves no timer or socket of ours, and the process ends on its own', async () => {
    const run = runChild({ account: unitAccount() });
    try {
      const report = await run.report;
      const ports = { imap: stack.imapPort, submission: stack.submissionPort };
      expect(report, `ports: ${JSON.stringify(ports)}`).toEqual({ resources: {}, timers: [], sockets: [] });
      expect(await run.exit).toMatchObject({ code: 0, signal: null });
    } finally {
      run.kill();
    }
  });

  it('the check catches one timer nobody disposed', async () => {
    const run = runChild({ account: unitAccount(), leakTimer: true });
    try {
      const report = await run.report;
      expect(report.resources).toEqual({ Timeout: 1 });
      expect(report.timers).toEqual([expect.stringContaining('lifecycle/repeating-task.ts')]);
    } finally {
      // It would not end on its own: the planted timer keeps it alive.
      run.kill();
    }
  });
});
