import { describe, expect, it } from 'vitest';
import { decodeLabel, toAsciiDomain, toUnicodeDomain } from '../../shared/idn.ts';

describe('IDN domains', () => {
  it('converts Unicode domains to punycode, in any case and in NFD', () => {
    expect(toAsciiDomain('bìnhphước.vn')).toBe('xn--bnhphc-wva68md49k.vn');
    expect(toAsciiDomain('BÌNHPHƯỚC.VN')).toBe('xn--bnhphc-wva68md49k.vn');
    expect(toAsciiDomain('bìnhphước.vn'.normalize('NFD'))).toBe('xn--bnhphc-wva68md49k.vn');
    expect(toAsciiDomain('sở-nội-vụ.bìnhphước.gov.vn')).toMatch(/^xn--.*\.xn--bnhphc-wva68md49k\.gov\.vn$/);
    expect(toAsciiDomain('münchen.de')).toBe('xn--mnchen-3ya.de');
  });

  it('keeps ASCII and valid punycode domains, lowercased, without a trailing dot', () => {
    expect(toAsciiDomain('BinhPhuoc.GOV.vn')).toBe('binhphuoc.gov.vn');
    expect(toAsciiDomain('xn--bnhphc-wva68md49k.vn')).toBe('xn--bnhphc-wva68md49k.vn');
    expect(toAsciiDomain('XN--BNHPHC-WVA68MD49K.VN')).toBe('xn--bnhphc-wva68md49k.vn');
    expect(toAsciiDomain('binhphuoc.gov.vn.')).toBe('binhphuoc.gov.vn');
  });

  it('refuses what is not a mail domain', () => {
    for (const bad of [
      '',
      'localhost',
      'a..b.vn',
      '.vn',
      '-a.vn',
      'a-.vn',
      'a_b.vn',
      'a/b.vn',
      'a b.vn',
      '1.2.3.4',
      '[127.0.0.1]',
      'xn--a.vn',
      'xn--abc-.vn',
      `${'a'.repeat(64)}.vn`,
      `${'abc.'.repeat(70)}vn`,
      'ex@mple.vn',
    ]) {
      expect(toAsciiDomain(bad), bad).toBeNull();
    }
  });

  it('converts punycode back to Unicode for display', () => {
    expect(toUnicodeDomain('xn--bnhphc-wva68md49k.vn')).toBe('bìnhphước.vn');
    expect(toUnicodeDomain('mail.xn--bnhphc-wva68md49k.gov.vn')).toBe('mail.bìnhphước.gov.vn');
    expect(toUnicodeDomain('binhphuoc.gov.vn')).toBe('binhphuoc.gov.vn');
    // Not canonical punycode: kept as given rather than shown as something else.
    expect(toUnicodeDomain('xn--a.vn')).toBe('xn--a.vn');
    expect(toUnicodeDomain('xn--zz-.vn')).toBe('xn--zz-.vn');
  });

  it('round-trips Vietnamese province names', () => {
    for (const d of ['bìnhphước.vn', 'đồngnai.vn', 'bàrịa-vũngtàu.vn', 'thừathiênhuế.vn', 'đắklắk.vn']) {
      const ascii = toAsciiDomain(d);
      expect(ascii, d).not.toBeNull();
      expect(toUnicodeDomain(ascii ?? '')).toBe(d);
    }
  });

  it('decodes RFC 3492 sample strings', () => {
    // RFC 3492 §7.1 (L) Japanese and (S) "-> $1.00 <-".
    expect(decodeLabel('3B-ww4c5e180e575a65lsy2b')).toBe('3年B組金八先生');
    expect(decodeLabel('-> $1.00 <--')).toBe('-> $1.00 <-');
    expect(decodeLabel('tda')).toBe('ü');
    expect(decodeLabel('!!')).toBeNull();
  });
});
