import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.ts';
import { tempDir } from '../support/temp-dir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function run(args: string[]) {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await runCli(['--profile', dir, ...args], {
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    stdout,
    stderr: stderr as unknown as NodeJS.WriteStream,
    env: {},
  });
  return { code, out, err };
}

describe('CLI usage errors (exit 2)', () => {
  it('refuses a password given as a flag value', async () => {
    const r = await run(['account', 'add', '--email', 'a@binhphuoc.gov.vn', '--password', 'hunter2']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('never accepted as a flag');
    expect(r.err + r.out).not.toContain('hunter2');
  });

  it('rejects unknown commands, unknown options and bad numbers', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['folders', '--acount', 'x'])).code).toBe(2);
    expect((await run(['messages', '--account', 'x', '--folder', 'INBOX', '--limit', 'many'])).code).toBe(2);
    expect(
      (
        await run([
          'account',
          'add',
          '--email',
          'a@binhphuoc.gov.vn',
          '--imap-host',
          'h',
          '--imap-port',
          '993',
          '--imap-security',
          'ssl3',
        ])
      ).code,
    ).toBe(2);
  });

  it('prints usage and exits 2 with no command, 0 with --help', async () => {
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.out).toContain('unit-mailbox');
    expect((await run(['--help'])).code).toBe(0);
  });

  it('exits 1 with one clear line for an operation failure', async () => {
    const r = await run(['folders', '--account', 'nobody@binhphuoc.gov.vn']);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('ACCOUNT_NOT_FOUND');
  });
});
