import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { FileLogger } from '../../electron/services/logging/logger.ts';
import { REDACTED, Redactor, isSensitiveKey } from '../../electron/services/logging/redact.ts';
import { HOSTILE_PASSWORDS, leakedForms } from '../support/secret-passwords.ts';
import { tempDir } from '../support/temp-dir.ts';

const dirs: Array<{ dir: string; cleanup: () => void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

function logger() {
  const profile = tempDir('um-log-');
  dirs.push(profile);
  const log = new FileLogger(profile.dir, new ManualClock(new Date('2027-03-01T08:00:00Z')));
  return { log, raw: () => readFileSync(join(profile.dir, 'logs', 'app.log')) };
}

describe('log redaction', () => {
  it.each(HOSTILE_PASSWORDS)('keeps %j out of the log in every place a secret can ride', (password) => {
    const { log, raw } = logger();
    log.redact(password);
    const inner = new Error(`LOGIN failed for "${password}"`);
    const outer = new AppError('AUTH_FAILED', `server echoed ${JSON.stringify(password)}`, { cause: inner });
    log.log('warn', `message with ${password} in it`, {
      detail: `raw ${password} and escaped ${JSON.stringify(password)}`,
      nested: { deeper: [{ text: `a ${password} b` }, password] },
      error: outer,
      encoded: Buffer.from(password).toString('base64'),
      url: `https://x.example/?p=${encodeURIComponent(password)}`,
    });
    const bytes = raw();
    expect(leakedForms(bytes, password)).toEqual([]);
    const line = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'warn', message: `message with ${REDACTED} in it` });
    expect(JSON.stringify(line.error)).toContain('LOGIN failed for');
    expect(JSON.stringify(line.error)).toContain(REDACTED);
  });

  it('drops the values of sensitive field names at any depth, whatever the value', () => {
    const { log, raw } = logger();
    const error = Object.assign(new Error('smtp said no'), {
      response: '535 5.7.8',
      auth: { user: 'u', pass: 'hunter2!' },
    });
    log.log('error', 'send failed', {
      password: 'plain-pw-1',
      smtpPass: 'plain-pw-2',
      nested: { accessToken: 'tok-3', list: [{ Authorization: 'Basic dXNlcjpwdw==' }, { cookie: 'sid=4' }] },
      p12Passphrase: 'pfx-5',
      error,
      keep: 'visible-6',
    });
    const text = raw().toString('utf8');
    for (const secret of ['plain-pw-1', 'plain-pw-2', 'tok-3', 'dXNlcjpwdw==', 'sid=4', 'pfx-5', 'hunter2!']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('visible-6');
    expect(text).toContain('535 5.7.8');
  });

  it('names sensitive keys but leaves ordinary ones', () => {
    for (const k of [
      'password',
      'Pass',
      'newPassword',
      'smtp_pass',
      'x-auth-token',
      'clientSecret',
      'Set-Cookie',
      'p12',
      'pfxPassphrase',
    ])
      expect([k, isSensitiveKey(k)]).toEqual([k, true]);
    for (const k of ['email', 'detail', 'passed', 'mailbox', 'code', 'count'])
      expect([k, isSensitiveKey(k)]).toEqual([k, false]);
  });

  it('survives circular structures and keeps the line one JSON object', () => {
    const r = new Redactor();
    r.add('s3cret"\\');
    const loop: Record<string, unknown> = { name: 's3cret"\\' };
    loop.self = loop;
    expect(r.value(loop)).toEqual({ name: REDACTED, self: '[circular]' });
    const { log, raw } = logger();
    log.log('info', 'loop', { loop, t: 'not the time' });
    const line = JSON.parse(raw().toString('utf8')) as Record<string, unknown>;
    expect(line.t).toBe('2027-03-01T08:00:00.000Z');
    expect(line['field.t']).toBe('not the time');
  });
});
