import { describe, expect, it } from 'vitest';
import {
  addressKey,
  displayAddress,
  formatRecipient,
  normalizeAddress,
  parseRecipients,
} from '../../shared/recipients.ts';

const IDN_ASCII = 'xn--bnhphc-wva68md49k.vn';

describe('normalizeAddress', () => {
  it('trims, lowercases the domain only, and keeps the local part', () => {
    expect(normalizeAddress('  VanPhong@BinhPhuoc.GOV.VN ')).toEqual({
      address: 'VanPhong@binhphuoc.gov.vn',
      local: 'VanPhong',
      domain: 'binhphuoc.gov.vn',
      displayDomain: 'binhphuoc.gov.vn',
    });
    expect(normalizeAddress('mailto:ubnd@binhphuoc.gov.vn')?.address).toBe('ubnd@binhphuoc.gov.vn');
  });

  it('accepts IDN domains in Unicode (NFC or NFD) and in punycode', () => {
    const unicode = normalizeAddress('ubnd@bìnhphước.vn');
    expect(unicode).toEqual({
      address: `ubnd@${IDN_ASCII}`,
      local: 'ubnd',
      domain: IDN_ASCII,
      displayDomain: 'bìnhphước.vn',
    });
    expect(normalizeAddress('ubnd@bìnhphước.vn'.normalize('NFD'))).toEqual(unicode);
    expect(normalizeAddress(`ubnd@${IDN_ASCII.toUpperCase()}`)).toEqual(unicode);
  });

  it('accepts the dot-atom local parts people use', () => {
    for (const ok of [
      'nguyen.van.a@binhphuoc.gov.vn',
      'van_phong+so@binhphuoc.gov.vn',
      "o'brien@example.ie",
      'a-b@x.vn',
      '1@x.vn',
    ]) {
      expect(normalizeAddress(ok), ok).not.toBeNull();
    }
  });

  it('refuses malformed addresses', () => {
    for (const bad of [
      '',
      'ubnd',
      '@binhphuoc.gov.vn',
      'ubnd@',
      'ubnd@binhphuoc',
      'ubnd@@binhphuoc.gov.vn',
      '.ubnd@x.vn',
      'ubnd.@x.vn',
      'u..b@x.vn',
      'u b@x.vn',
      'nguyễn@x.vn',
      'ubnd@x..vn',
      'ubnd@-x.vn',
      'ubnd@1.2.3.4',
      'ubnd@[127.0.0.1]',
      'ubnd@x.vn/path',
      `${'a'.repeat(65)}@x.vn`,
      'a"b@x.vn',
      'ubnd@xn--a.vn',
    ]) {
      expect(normalizeAddress(bad), bad).toBeNull();
    }
  });

  it('gives keys that compare case-insensitively and across IDN forms', () => {
    expect(addressKey('UBND@bìnhphước.vn')).toBe(addressKey(`ubnd@${IDN_ASCII}`));
    expect(addressKey('  A@X.VN ')).toBe('a@x.vn');
    expect(displayAddress(`ubnd@${IDN_ASCII}`)).toBe('ubnd@bìnhphước.vn');
    expect(displayAddress('not an address')).toBe('not an address');
  });
});

describe('parseRecipients', () => {
  it('reads the usual forms', () => {
    const { recipients, invalid } = parseRecipients(
      '"Nguyễn Văn A" <a@binhphuoc.gov.vn>, Trần Thị B <b@binhphuoc.gov.vn>; c@binhphuoc.gov.vn\nd@binhphuoc.gov.vn (Lê Văn D)',
    );
    expect(invalid).toEqual([]);
    expect(recipients).toEqual([
      { name: 'Nguyễn Văn A', address: 'a@binhphuoc.gov.vn' },
      { name: 'Trần Thị B', address: 'b@binhphuoc.gov.vn' },
      { name: '', address: 'c@binhphuoc.gov.vn' },
      { name: 'Lê Văn D', address: 'd@binhphuoc.gov.vn' },
    ]);
  });

  it('keeps commas and semicolons inside quoted names', () => {
    const { recipients, invalid } = parseRecipients(
      '"Nguyễn Văn A, Phó Giám đốc; Sở Nội vụ" <a@snv.binhphuoc.gov.vn>, "Văn thư \\"Sở\\"" <vt@x.gov.vn>',
    );
    expect(invalid).toEqual([]);
    expect(recipients).toEqual([
      { name: 'Nguyễn Văn A, Phó Giám đốc; Sở Nội vụ', address: 'a@snv.binhphuoc.gov.vn' },
      { name: 'Văn thư "Sở"', address: 'vt@x.gov.vn' },
    ]);
  });

  it('joins Outlook\'s "Last, First <addr>" but not a lowercase word missing its domain', () => {
    expect(parseRecipients('Nguyễn, Văn A <a@x.gov.vn>; Trần, B <b@x.gov.vn>').recipients).toEqual([
      { name: 'Nguyễn, Văn A', address: 'a@x.gov.vn' },
      { name: 'Trần, B', address: 'b@x.gov.vn' },
    ]);
    const typo = parseRecipients('nguyenvana, Trần B <b@x.gov.vn>');
    expect(typo.invalid).toEqual(['nguyenvana']);
    expect(typo.recipients).toEqual([{ name: 'Trần B', address: 'b@x.gov.vn' }]);
  });

  it('reads a paste of 20 addresses with mixed separators, reporting the bad ones', () => {
    const good = Array.from({ length: 18 }, (_, i) => `vt${i + 1}@so${i % 5}.binhphuoc.gov.vn`);
    const pasted = [
      `${good[0]}, ${good[1]};${good[2]}\n${good[3]}\r\n${good[4]} ,, ${good[5]};;`,
      `"Sở Tài chính" <${good[6]}>; Sở Y tế <${good[7]}>,`,
      `${good.slice(8, 12).join(' ; ')}`,
      '\n\n',
      `${good.slice(12, 16).join('\n')}`,
      `sai-dia-chi, ${good[16]}; khong@co; ${good[17]}`,
    ].join('\n');
    const { recipients, invalid } = parseRecipients(pasted);
    expect(recipients.map((r) => r.address)).toEqual(good);
    expect(recipients[6]).toEqual({ name: 'Sở Tài chính', address: good[6] });
    expect(recipients[7]).toEqual({ name: 'Sở Y tế', address: good[7] });
    expect(invalid).toEqual(['sai-dia-chi', 'khong@co']);
  });

  it('removes duplicates case-insensitively, across IDN forms, keeping a name found later', () => {
    const { recipients } = parseRecipients([
      'A@X.gov.vn, a@x.GOV.vn',
      'ubnd@bìnhphước.vn; "UBND tỉnh" <UBND@xn--bnhphc-wva68md49k.vn>',
      'Nguyễn Văn A <a@x.gov.vn>',
    ]);
    expect(recipients).toEqual([
      { name: 'Nguyễn Văn A', address: 'A@x.gov.vn' },
      { name: 'UBND tỉnh', address: `ubnd@${IDN_ASCII}` },
    ]);
  });

  it('handles IDN, NFD names, bare addresses separated by spaces, and names without brackets', () => {
    const { recipients, invalid } = parseRecipients(
      `${'Nguyễn Văn Ánh'.normalize('NFD')} <ubnd@bìnhphước.vn>, a@x.vn b@y.vn, Lê Thị C c@x.gov.vn`,
    );
    expect(invalid).toEqual([]);
    expect(recipients).toEqual([
      { name: 'Nguyễn Văn Ánh', address: `ubnd@${IDN_ASCII}` },
      { name: '', address: 'a@x.vn' },
      { name: '', address: 'b@y.vn' },
      { name: 'Lê Thị C', address: 'c@x.gov.vn' },
    ]);
  });

  it('reports what is not an address, as typed', () => {
    const { recipients, invalid } = parseRecipients(
      'Nguyễn Văn A, <>, "B" <b@>, c@x.vn d, e@x..vn, <f@x.vn> trailing, mailto:g@x.vn, a@x.vn z@',
    );
    expect(recipients).toEqual([
      { name: '', address: 'g@x.vn' },
      { name: '', address: 'a@x.vn' },
    ]);
    expect(invalid).toEqual(['Nguyễn Văn A', '<>', '"B" <b@>', 'c@x.vn d', 'e@x..vn', '<f@x.vn> trailing', 'z@']);
  });

  it('gives nothing for empty input and drops a name equal to the address', () => {
    expect(parseRecipients('  ,; \n ')).toEqual({ recipients: [], invalid: [] });
    expect(parseRecipients([])).toEqual({ recipients: [], invalid: [] });
    expect(parseRecipients('"a@x.vn" <a@x.vn>').recipients).toEqual([{ name: '', address: 'a@x.vn' }]);
  });
});

describe('formatRecipient', () => {
  it('formats for headers and display', () => {
    expect(formatRecipient({ name: '', address: 'a@x.gov.vn' })).toBe('a@x.gov.vn');
    expect(formatRecipient({ name: 'Nguyễn Văn A', address: 'a@x.gov.vn' })).toBe('Nguyễn Văn A <a@x.gov.vn>');
    expect(formatRecipient({ name: 'Nguyễn, Văn A', address: 'a@x.gov.vn' })).toBe('"Nguyễn, Văn A" <a@x.gov.vn>');
    expect(formatRecipient({ name: 'Văn thư "Sở"', address: 'a@x.gov.vn' })).toBe('"Văn thư \\"Sở\\"" <a@x.gov.vn>');
    expect(formatRecipient({ name: 'a@x.gov.vn', address: 'a@x.gov.vn' })).toBe('a@x.gov.vn');
    expect(formatRecipient({ name: 'UBND', address: `ubnd@${IDN_ASCII}` }, { unicodeDomain: true })).toBe(
      'UBND <ubnd@bìnhphước.vn>',
    );
  });

  it('round-trips through parseRecipients', () => {
    const list = [
      { name: 'Nguyễn, Văn A; Sở "X"', address: 'a@x.gov.vn' },
      { name: 'Trần Thị B', address: 'b@x.gov.vn' },
      { name: '', address: `ubnd@${IDN_ASCII}` },
    ];
    expect(parseRecipients(list.map((r) => formatRecipient(r)).join(', ')).recipients).toEqual(list);
  });
});
