import { describe, expect, it } from 'vitest';
import {
  assertAllowedAddress,
  isFreemailDomain,
  isOfficialDomain,
} from '../../electron/services/policy/domain-policy.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';

const official = ['binhphuoc.gov.vn'];

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : 'not-an-app-error';
  }
}

describe('domain policy (Art. 11)', () => {
  it('recognises free-mail providers, including regional variants', () => {
    for (const d of [
      'gmail.com',
      'yahoo.com',
      'yahoo.com.vn',
      'hotmail.co.uk',
      'outlook.com',
      'live.com',
      'icloud.com',
      'me.com',
      'mail.ru',
    ]) {
      expect(isFreemailDomain(d), d).toBe(true);
    }
    for (const d of ['binhphuoc.gov.vn', 'mail.binhphuoc.gov.vn', 'sotttt.binhphuoc.gov.vn', 'example.org', 'meo.vn']) {
      expect(isFreemailDomain(d), d).toBe(false);
    }
  });

  it('accepts the official domain and its subdomains for unit mailboxes', () => {
    expect(isOfficialDomain('binhphuoc.gov.vn', official)).toBe(true);
    expect(isOfficialDomain('stnmt.binhphuoc.gov.vn', official)).toBe(true);
    expect(isOfficialDomain('evilbinhphuoc.gov.vn', official)).toBe(false);
    expect(codeOf(() => assertAllowedAddress('vanphong@binhphuoc.gov.vn', 'unit', official))).toBeNull();
  });

  it('refuses a unit mailbox on free-mail, citing Article 11', () => {
    try {
      assertAllowedAddress('vanphong.binhphuoc@yahoo.com', 'unit', official);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('FREEMAIL_FORBIDDEN');
      expect((e as AppError).messageVi).toContain('Điều 11');
    }
  });

  it('refuses a unit mailbox outside the official domains but allows a personal one', () => {
    expect(codeOf(() => assertAllowedAddress('vanphong@example.org', 'unit', official))).toBe('DOMAIN_NOT_ALLOWED');
    expect(codeOf(() => assertAllowedAddress('nguyenvana@example.org', 'personal', official))).toBeNull();
    expect(codeOf(() => assertAllowedAddress('nguyenvana@gmail.com', 'personal', official))).toBe('FREEMAIL_FORBIDDEN');
  });
});
