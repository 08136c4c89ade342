// Passwords made of JSON metacharacters and Unicode, refused by the real Dovecot (IMAP LOGIN) and
// the real Postfix (SMTP AUTH): no form of them (raw, JSON-escaped, base64, URL-encoded, AUTH PLAIN)
// may appear in the log file, the error payload, the error's message and stack, or the CLI's
// output in plain or --json mode.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../electron/services/api/dispatcher.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { toAppError } from '../../electron/services/errors/app-error.ts';
import { FileLogger } from '../../electron/services/logging/logger.ts';
import { verifySmtp } from '../../electron/services/smtp/smtp-transport.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { CLI_BUILT, accountAddArgs, runCli } from '../support/cli-runner.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';
import { draftFor } from '../support/fixtures.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { HOSTILE_PASSWORDS, ONE_LINE_PASSWORDS, leakedForms } from '../support/secret-passwords.ts';
import { tempDir } from '../support/temp-dir.ts';

const EMAIL = 'nhatky.bimat@binhphuoc.gov.vn';
let stack: MailStack;
let profile: { dir: string; cleanup: () => void };
let services: AppServices;
let dispatch: Dispatcher;

/** Everything written under the profile's logs/ folder. */
function logBytes(dir: string): Buffer {
  const logs = join(dir, 'logs');
  let names: string[];
  try {
    names = readdirSync(logs);
  } catch {
    return Buffer.alloc(0);
  }
  return Buffer.concat(names.map((n) => readFileSync(join(logs, n))));
}

beforeAll(async () => {
  stack = await startMailStack({ users: [{ email: EMAIL, password: 'Dung#MatKhau2026!' }] });
  profile = tempDir('um-secrets-');
  services = createAppServices({
    clock: systemClock,
    profileDir: profile.dir,
    secrets: new MemorySecretStore(),
    logger: new FileLogger(profile.dir, systemClock),
    dialogs: fakeDialogs(),
    openExternal: async () => {},
    appVersion: 'test',
    platform: process.platform,
  });
  dispatch = createDispatcher(services);
});

afterAll(async () => {
  await services?.dispose();
  await stack?.stop();
  profile?.cleanup();
});

describe('a refused password never reaches a log or an error', () => {
  it.each(HOSTILE_PASSWORDS)('IMAP LOGIN refused by Dovecot with %j', async (password) => {
    const answer = await dispatch('accounts.test', { draft: draftFor(stack, EMAIL), password });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('AUTH_FAILED');
    expect(leakedForms(JSON.stringify(answer), password, EMAIL)).toEqual([]);
    // The log holds the refusal ('call failed' with its detail), and no form of the password.
    const log = logBytes(profile.dir);
    expect(log.toString('utf8')).toContain('"channel":"accounts.test"');
    expect(leakedForms(log, password, EMAIL)).toEqual([]);
  });

  it.each(HOSTILE_PASSWORDS)('SMTP AUTH refused by Postfix with %j', async (password) => {
    const draft = draftFor(stack, EMAIL);
    services.logger.redact(password);
    let caught: unknown;
    try {
      await verifySmtp({ server: draft.smtp, username: EMAIL, password, caPem: stack.caPem, allowInsecure: false });
    } catch (e) {
      caught = e;
    }
    const error = toAppError(caught);
    expect(error.code).toBe('AUTH_FAILED');
    // The whole error, its cause chain and stacks, as a crash report would print it, then logged.
    const report = [error.message, error.detail, error.stack, JSON.stringify(error.toPayload())];
    for (let c: unknown = error.cause; c instanceof Error; c = c.cause) report.push(c.message, c.stack ?? '');
    expect(leakedForms(report.join('\n'), password, EMAIL)).toEqual([]);
    services.logger.log('error', 'smtp verify failed', { error: caught, detail: error.detail });
    const log = logBytes(profile.dir);
    expect(log.toString('utf8')).toContain('smtp verify failed');
    expect(leakedForms(log, password, EMAIL)).toEqual([]);
  });

  it.each(ONE_LINE_PASSWORDS)('the CLI, plain and --json, refusing %j', async (password) => {
    if (!CLI_BUILT) throw new Error('out/main/cli.js missing: run `npm run build` first');
    const cliProfile = tempDir('um-secrets-cli-');
    try {
      const plain = await runCli(cliProfile.dir, accountAddArgs(stack, EMAIL), `${password}\n`);
      const json = await runCli(cliProfile.dir, [...accountAddArgs(stack, EMAIL), '--json'], `${password}\n`);
      expect([plain.code, json.code]).toEqual([1, 1]);
      expect(plain.stderr).toContain('AUTH_FAILED');
      expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'AUTH_FAILED' } });
      for (const out of [plain.stdout, plain.stderr, json.stdout, json.stderr, logBytes(cliProfile.dir)]) {
        expect(leakedForms(out, password, EMAIL)).toEqual([]);
      }
    } finally {
      cliProfile.cleanup();
    }
  });
});
