import { describe, expect, it } from 'vitest';
import {
  classifyRecipients,
  DEFAULT_FREEMAIL_DOMAINS,
  DEFAULT_SEND_POLICY,
  isFreemail,
  isOfficial,
  normalizeFreemailPattern,
  normalizeOfficialSuffix,
  parseSendPolicy,
  sendPolicyView,
} from '../../shared/send-policy.ts';

describe('free-mail matching', () => {
  it('knows the providers of the reference list and of the account check', () => {
    for (const d of [
      'yahoo.com',
      'yahoo.com.vn',
      'ymail.com',
      'hotmail.com',
      'hotmail.co.uk',
      'hotmail.fr',
      'outlook.com',
      'outlook.com.vn',
      'live.com',
      'live.co.uk',
      'msn.com',
      'gmail.com',
      'googlemail.com',
      'icloud.com',
      'me.com',
      'mac.com',
      'aol.com',
      'yandex.ru',
      'yandex.com',
      'yandex.com.tr',
      'mail.ru',
      'zoho.com',
      'proton.me',
      'protonmail.com',
      'protonmail.ch',
      'pm.me',
      'gmx.de',
      'gmx.net',
      'gmx.at',
      'qq.com',
      '163.com',
      'mail.yahoo.com',
    ]) {
      expect(isFreemail(d, DEFAULT_FREEMAIL_DOMAINS), d).toBe(true);
    }
  });

  it('does not take official or ordinary domains for free-mail', () => {
    for (const d of [
      'binhphuoc.gov.vn',
      'live.binhphuoc.gov.vn',
      'outlook.binhphuoc.gov.vn',
      'live.gov.vn',
      'gmail.com.binhphuoc.gov.vn',
      'example.org',
      'meo.vn',
      'gmail.co',
      'notgmail.com',
      'hotmail.example.gov.vn',
      'email.com',
      'yahoo',
    ]) {
      expect(isFreemail(d, DEFAULT_FREEMAIL_DOMAINS), d).toBe(false);
    }
  });

  it('normalises policy entries', () => {
    expect(normalizeFreemailPattern(' Yahoo.* ')).toBe('yahoo.*');
    expect(normalizeFreemailPattern('GMAIL.COM')).toBe('gmail.com');
    expect(normalizeFreemailPattern('thưmiễnphí.vn')).toMatch(/^xn--.*\.vn$/);
    expect(normalizeFreemailPattern('*.gmail.com')).toBeNull();
    expect(normalizeFreemailPattern('gmail')).toBeNull();
    expect(normalizeFreemailPattern('')).toBeNull();
    expect(normalizeOfficialSuffix('*.gov.vn')).toBe('gov.vn');
    expect(normalizeOfficialSuffix('.GOV.VN')).toBe('gov.vn');
    expect(normalizeOfficialSuffix('bìnhphước.vn')).toBe('xn--bnhphc-wva68md49k.vn');
    expect(normalizeOfficialSuffix('vn')).toBeNull();
  });

  it('official suffixes cover the domain and its subdomains only', () => {
    expect(isOfficial('gov.vn', ['gov.vn'])).toBe(true);
    expect(isOfficial('binhphuoc.gov.vn', ['gov.vn'])).toBe(true);
    expect(isOfficial('snv.binhphuoc.gov.vn', ['gov.vn'])).toBe(true);
    expect(isOfficial('evilgov.vn', ['gov.vn'])).toBe(false);
    expect(isOfficial('gov.vn.evil.com', ['gov.vn'])).toBe(false);
  });
});

describe('classifyRecipients', () => {
  it('sorts recipients into free-mail, outside and official', () => {
    expect(
      classifyRecipients(
        [
          'vanphong@binhphuoc.gov.vn',
          'a@gmail.com',
          'b@congty.com.vn',
          'c@snv.binhphuoc.gov.vn',
          'd@yahoo.com.vn',
          'E@GMAIL.COM',
          'a@GMail.com',
          'not-an-address',
          'ubnd@bìnhphước.vn',
          'x@gov.vn',
        ],
        DEFAULT_SEND_POLICY,
      ),
    ).toEqual({
      freemail: ['a@gmail.com', 'd@yahoo.com.vn', 'E@GMAIL.COM'],
      outside: ['b@congty.com.vn', 'not-an-address', 'ubnd@bìnhphước.vn'],
      official: ['vanphong@binhphuoc.gov.vn', 'c@snv.binhphuoc.gov.vn', 'x@gov.vn'],
    });
  });

  it('lets a free-mail match win over an official suffix', () => {
    const policy = {
      freemailDomains: ['gmail.com', 'mail.binhphuoc.gov.vn'],
      officialDomains: ['gov.vn', 'gmail.com'],
    };
    expect(classifyRecipients(['a@gmail.com', 'b@mail.binhphuoc.gov.vn', 'c@binhphuoc.gov.vn'], policy)).toEqual({
      freemail: ['a@gmail.com', 'b@mail.binhphuoc.gov.vn'],
      outside: [],
      official: ['c@binhphuoc.gov.vn'],
    });
  });

  it('uses IDN official domains from the policy in either form', () => {
    const parsed = parseSendPolicy({ version: 1, officialDomains: ['gov.vn', 'bìnhphước.vn'] });
    expect(parsed.error).toBeNull();
    const policy = parsed.policy ?? DEFAULT_SEND_POLICY;
    expect(classifyRecipients(['ubnd@bìnhphước.vn', 'vt@xn--bnhphc-wva68md49k.vn'], policy).official).toHaveLength(2);
  });
});

describe('parseSendPolicy', () => {
  it('accepts a full policy and normalises its entries', () => {
    const parsed = parseSendPolicy({
      version: 1,
      freemailDomains: ['GMAIL.com', 'Yahoo.*'],
      officialDomains: ['*.gov.vn', 'binhphuoc.vn'],
      maxMessageBytes: 25_000_000,
      secretMarkings: ['Mật', 'Tối mật'],
    });
    expect(parsed).toEqual({
      error: null,
      policy: {
        version: 1,
        freemailDomains: ['gmail.com', 'yahoo.*'],
        officialDomains: ['gov.vn', 'binhphuoc.vn'],
        maxMessageBytes: 25_000_000,
        secretMarkings: ['Mật', 'Tối mật'],
      },
    });
  });

  it('fills the lists from the defaults when the file leaves them out', () => {
    expect(parseSendPolicy({ version: 1 })).toEqual({ error: null, policy: DEFAULT_SEND_POLICY });
  });

  it('names each problem by its path', () => {
    const cases: Array<[unknown, RegExp]> = [
      [null, /\(root\)/],
      [[], /\(root\)/],
      [{}, /version/],
      [{ version: 2 }, /version must be 1/],
      [{ version: '1' }, /version/],
      [{ version: 1, freemailDomains: 'gmail.com' }, /freemailDomains/],
      [{ version: 1, freemailDomains: ['gmail.com', 42] }, /freemailDomains\.1/],
      [{ version: 1, freemailDomains: ['gmail com'] }, /freemailDomains\.0: "gmail com" is not a domain/],
      [{ version: 1, officialDomains: [] }, /officialDomains/],
      [{ version: 1, officialDomains: ['gov vn'] }, /officialDomains\.0/],
      [{ version: 1, maxMessageBytes: -5 }, /maxMessageBytes/],
      [{ version: 1, maxMessageBytes: 1.5 }, /maxMessageBytes/],
      [{ version: 1, secretMarkings: [''] }, /secretMarkings\.0/],
      [{ version: 1, freemailDomain: ['gmail.com'] }, /freemailDomain/],
    ];
    for (const [input, pattern] of cases) {
      const parsed = parseSendPolicy(input);
      expect(parsed.policy, JSON.stringify(input)).toBeNull();
      expect(parsed.error, JSON.stringify(input)).toMatch(pattern);
    }
  });
});

describe('sendPolicyView', () => {
  it('shows the policy with its source, error and undo delay', () => {
    expect(sendPolicyView(DEFAULT_SEND_POLICY, null, null, 10)).toEqual({
      source: null,
      error: null,
      freemailDomains: [...DEFAULT_FREEMAIL_DOMAINS],
      officialDomains: ['gov.vn'],
      maxMessageBytes: null,
      undoSeconds: 10,
    });
  });
});

describe('the account check shares the list', () => {
  it('isFreemailDomain (accounts, grants) agrees with the sending policy defaults', async () => {
    const { isFreemailDomain } = await import('../../electron/services/policy/domain-policy.ts');
    for (const d of ['gmail.com', 'yahoo.com.vn', 'hotmail.co.uk', 'yandex.com.tr', 'gmx.at', 'MAIL.RU']) {
      expect(isFreemailDomain(d), d).toBe(true);
    }
    for (const d of ['binhphuoc.gov.vn', 'live.binhphuoc.gov.vn', 'outlook.gov.vn', 'bìnhphước.vn']) {
      expect(isFreemailDomain(d), d).toBe(false);
    }
  });
});
