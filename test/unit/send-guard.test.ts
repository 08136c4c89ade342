import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { assertRecipientsAllowed } from '../../electron/services/policy/send-guard.ts';
import { DEFAULT_SEND_POLICY } from '../../shared/send-policy.ts';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('assertRecipientsAllowed (Article 11)', () => {
  it('lets official recipients through and returns the classification', () => {
    expect(
      assertRecipientsAllowed(['vanphong@binhphuoc.gov.vn', 'snv@snv.binhphuoc.gov.vn'], DEFAULT_SEND_POLICY, {
        confirmOutsideDomain: false,
      }),
    ).toEqual({ freemail: [], outside: [], official: ['vanphong@binhphuoc.gov.vn', 'snv@snv.binhphuoc.gov.vn'] });
  });

  it('refuses free-mail recipients, citing Article 11 and naming them, even when confirmed', () => {
    for (const confirmOutsideDomain of [false, true]) {
      const e = refusal(() =>
        assertRecipientsAllowed(
          ['vanphong@binhphuoc.gov.vn', 'a@gmail.com', 'b@congty.vn', 'c@yahoo.com.vn'],
          DEFAULT_SEND_POLICY,
          { confirmOutsideDomain },
        ),
      );
      expect(e.code).toBe('FREEMAIL_FORBIDDEN');
      expect(e.messageVi).toContain('Điều 11 của Quy chế');
      expect(e.messageVi).toContain('a@gmail.com, c@yahoo.com.vn');
      expect(e.messageVi).not.toContain('b@congty.vn');
      expect(e.data).toEqual({ addresses: 'a@gmail.com, c@yahoo.com.vn' });
      expect(e.detail).toMatch(/Article 11/);
    }
  });

  it('asks for confirmation of outside-domain recipients', () => {
    const e = refusal(() =>
      assertRecipientsAllowed(['vanphong@binhphuoc.gov.vn', 'b@congty.vn', 'c@truong.edu.vn'], DEFAULT_SEND_POLICY, {
        confirmOutsideDomain: false,
      }),
    );
    expect(e.code).toBe('OUTSIDE_DOMAIN_UNCONFIRMED');
    expect(e.messageVi).toContain('b@congty.vn, c@truong.edu.vn');
    expect(e.messageVi).toContain('gov.vn');
    expect(e.data).toEqual({ addresses: 'b@congty.vn, c@truong.edu.vn' });
    expect(
      assertRecipientsAllowed(['vanphong@binhphuoc.gov.vn', 'b@congty.vn'], DEFAULT_SEND_POLICY, {
        confirmOutsideDomain: true,
      }).outside,
    ).toEqual(['b@congty.vn']);
  });

  it('names at most ten addresses in the message but all of them in data', () => {
    const many = Array.from({ length: 13 }, (_, i) => `u${i}@gmail.com`);
    const e = refusal(() => assertRecipientsAllowed(many, DEFAULT_SEND_POLICY, { confirmOutsideDomain: false }));
    expect(e.messageVi).toContain('u9@gmail.com và 3 địa chỉ khác');
    expect(e.messageVi).not.toContain('u10@gmail.com');
    expect(String(e.data?.addresses).split(', ')).toEqual(many);
  });

  it('follows the deployed policy', () => {
    const policy = { freemailDomains: ['vnn.vn'], officialDomains: ['gov.vn', 'binhphuoc.vn'] };
    expect(refusal(() => assertRecipientsAllowed(['x@hcm.vnn.vn'], policy, { confirmOutsideDomain: true })).code).toBe(
      'FREEMAIL_FORBIDDEN',
    );
    expect(assertRecipientsAllowed(['a@gmail.com'], policy, { confirmOutsideDomain: true }).outside).toEqual([
      'a@gmail.com',
    ]);
    expect(assertRecipientsAllowed(['vt@binhphuoc.vn'], policy, { confirmOutsideDomain: false }).official).toEqual([
      'vt@binhphuoc.vn',
    ]);
  });

  it('carries its payload across the IPC boundary', () => {
    const e = refusal(() =>
      assertRecipientsAllowed(['a@hotmail.com'], DEFAULT_SEND_POLICY, { confirmOutsideDomain: false }),
    );
    expect(AppError.fromPayload(e.toPayload())).toMatchObject({
      code: 'FREEMAIL_FORBIDDEN',
      data: { addresses: 'a@hotmail.com' },
    });
  });
});
