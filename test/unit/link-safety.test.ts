// shared/link-safety.ts and shared/link-mailto.ts over a corpus of deceptive links: what the
// reader is shown (real host in Unicode and punycode), what is warned about, what is refused,
// and what a mailto: link may put in the composer.
import { describe, expect, it } from 'vitest';
import {
  analyzeLink,
  isDeceptive,
  normalizeOpenable,
  revealHidden,
  type LinkWarning,
} from '../../shared/link-safety.ts';
import { parseMailto } from '../../shared/link-mailto.ts';

function web(raw: string, text = '') {
  const a = analyzeLink(raw, text);
  if (a.kind !== 'web') throw new Error(`${raw} was not analysed as a web link (${a.kind})`);
  return a;
}

describe('analyzeLink: the real target', () => {
  it('shows an IDN host both in punycode and in Unicode', () => {
    const a = web('https://bìnhphước.vn/van-ban?so=12');
    expect(a.host).toBe('xn--bnhphc-wva68md49k.vn');
    expect(a.hostUnicode).toBe('bìnhphước.vn');
    expect(a.href).toBe('https://xn--bnhphc-wva68md49k.vn/van-ban?so=12');
    expect(a.warnings).toEqual(['idn']);
    expect(isDeceptive(a.warnings)).toBe(false);
  });

  it('normalises the target: scheme and host case, default port, spaces and tabs, non-ASCII path', () => {
    expect(web('  HTTPS://Example.COM:443/a b\t\n').href).toBe('https://example.com/a%20b');
    expect(web('https://example.com/tài-liệu').href).toBe('https://example.com/t%C3%A0i-li%E1%BB%87u');
  });

  it('keeps an honest link free of warnings', () => {
    for (const [raw, text] of [
      ['https://binhphuoc.gov.vn/tin-tuc', 'binhphuoc.gov.vn'],
      ['https://www.binhphuoc.gov.vn/', 'https://binhphuoc.gov.vn'],
      ['https://binhphuoc.gov.vn/', 'Cổng thông tin tỉnh'],
      ['https://binhphuoc.gov.vn/', 'Bấm vào đây'],
      ['https://dichvucong.gov.vn/p/home', 'https://dichvucong.gov.vn'],
    ] as const) {
      expect(web(raw, text).warnings, `${raw} / ${text}`).toEqual([]);
    }
  });
});

describe('analyzeLink: deception', () => {
  const cases: Array<[string, string, LinkWarning]> = [
    // Visible text names another site.
    ['https://evil.example/login', 'https://binhphuoc.gov.vn/login', 'text-differs'],
    ['https://evil.example/', 'binhphuoc.gov.vn', 'text-differs'],
    ['https://evil.example/', 'www.binhphuoc.gov.vn/dang-nhap', 'text-differs'],
    ['https://evil.example/', 'vanthu@binhphuoc.gov.vn', 'text-differs'],
    ['https://binhphuoc.gov.vn.evil.example/', 'binhphuoc.gov.vn', 'text-differs'],
    ['https://evil.example/', 'ｂｉｎｈｐｈｕｏｃ．ｇｏｖ．ｖｎ', 'text-differs'],
    // Bidi controls: RLO makes "exe.pdf" read as "fdp.exe" and back.
    ['https://evil.example/\u202Efdp.exe', '', 'bidi'],
    ['https://evil.example/', 'hoso\u202Efdp.exe', 'bidi'],
    ['https://evil.example/\u2067x\u2069', '', 'bidi'],
    // Invisible characters the parser silently drops.
    ['https://pay\u200Bpal.com/', '', 'invisible'],
    ['https://binhphuoc\u00AD.gov.vn/', '', 'invisible'],
    // Look-alike punctuation.
    ['https://binhphuoc.gov.vn\u2044login.evil.example/', '', 'lookalike'],
    ['https://binhphuoc.gov.vn\u2215evil.example/', '', 'lookalike'],
    ['https://binhphuoc\uFF0Egov\uFF0Evn/', '', 'lookalike'],
    ['https://binhphuoc\u3002gov.vn/', '', 'lookalike'],
    // Mixed scripts in one label; a whole label of Latin-looking Cyrillic.
    ['https://p\u0430ypal.com/', '', 'mixed-script'],
    ['https://binhph\u03BFuoc.gov.vn/', '', 'mixed-script'],
    ['https://\u0430\u0440\u0440\u04CF\u0435.com/', '', 'lookalike'],
    ['https://xn--80ak6aa92e.com/', '', 'lookalike'],
    // Credentials before the host.
    ['https://binhphuoc.gov.vn@evil.example/', '', 'credentials'],
    ['https://user:secret@evil.example/', '', 'credentials'],
    ['https://binhphuoc.gov.vn%40x@evil.example/', 'binhphuoc.gov.vn', 'credentials'],
  ];
  for (const [raw, text, warning] of cases) {
    it(`${JSON.stringify(raw)} shown as ${JSON.stringify(text)} warns "${warning}"`, () => {
      const a = web(raw, text);
      expect(a.warnings).toContain(warning);
      expect(isDeceptive(a.warnings)).toBe(true);
      // The target shown and opened is plain ASCII: nothing in it can reorder or hide.
      expect(a.href).toMatch(/^[\x21-\x7e]+$/);
    });
  }

  it('names the real host behind credentials and behind look-alike slashes', () => {
    expect(web('https://binhphuoc.gov.vn@evil.example/').host).toBe('evil.example');
    const slash = web('https://binhphuoc.gov.vn\u2044login.evil.example/');
    expect(slash.host).toMatch(/^binhphuoc\.gov\.xn--/);
    expect(slash.host.endsWith('.evil.example')).toBe(true);
  });

  it('flags bare IP hosts, including ones written in hex or as IPv6', () => {
    expect(web('http://0x7f.1/').host).toBe('127.0.0.1');
    expect(web('http://0x7f.1/').warnings).toContain('ip-host');
    expect(web('https://[::1]/').warnings).toContain('ip-host');
    expect(web('http://example.com/').warnings).toEqual(['insecure']);
  });

  it('allows the script mixes a language needs (Vietnamese is Latin; Japanese mixes Han and kana)', () => {
    expect(web('https://sở-nội-vụ.bìnhphước.vn/').warnings).toEqual(['idn']);
    expect(web('https://日本語ドメイン.jp/').warnings).toEqual(['idn']);
  });
});

describe('analyzeLink: refused schemes', () => {
  it('refuses everything that is not http, https or mailto', () => {
    for (const raw of [
      'javascript:alert(1)',
      '  JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'file://server/share/x.exe',
      'smb://server/share',
      '\\\\server\\share\\x.exe',
      'ms-msdt:/id PCWDiagnostic',
      'search-ms:query=x',
      'vbscript:msgbox',
      'ftp://example.com/',
      'https:',
      'https://binhphuoc.gov.vn\uFF0Fx.evil.example/',
      'about:blank',
      '\u202Ehttps://example.com/',
      '',
    ]) {
      expect(analyzeLink(raw).kind, raw).toBe('refused');
      expect(normalizeOpenable(raw), raw).toBeNull();
    }
  });

  it('still names the look-alike characters of a link it refuses', () => {
    expect(analyzeLink('https://binhphuoc.gov.vn\uFF0Fx.evil.example/').warnings).toEqual(['lookalike']);
  });

  it('hands only the normalised URL to the OS', () => {
    expect(normalizeOpenable(' https://Example.com/a b')).toBe('https://example.com/a%20b');
    expect(normalizeOpenable('https://bìnhphước.vn/')).toBe('https://xn--bnhphc-wva68md49k.vn/');
    expect(normalizeOpenable('MAILTO:vanthu@binhphuoc.gov.vn')).toBe('mailto:vanthu@binhphuoc.gov.vn');
  });
});

describe('mailto: links', () => {
  it('keeps to, cc, bcc, subject and body, and names what it dropped', () => {
    const m = parseMailto(
      'mailto:vanthu@binhphuoc.gov.vn,ubnd@b%C3%ACnhph%C6%B0%E1%BB%9Bc.vn?CC=a@binhphuoc.gov.vn&bcc=b@binhphuoc.gov.vn' +
        '&Subject=B%C3%A1o%20c%C3%A1o&body=D%C3%B2ng%201%0D%0AD%C3%B2ng%202+x&attach=/etc/passwd' +
        '&attachment=C:%5CUsers%5Cx%5Ckey.p12&from=giamdoc@binhphuoc.gov.vn&In-Reply-To=%3Cx@y%3E&attach=x',
    );
    expect(m.to).toEqual(['vanthu@binhphuoc.gov.vn', 'ubnd@xn--bnhphc-wva68md49k.vn']);
    expect(m.cc).toEqual(['a@binhphuoc.gov.vn']);
    expect(m.bcc).toEqual(['b@binhphuoc.gov.vn']);
    expect(m.subject).toBe('Báo cáo');
    expect(m.body).toBe('Dòng 1\nDòng 2+x');
    expect(m.dropped).toEqual(['attach', 'attachment', 'from', 'in-reply-to']);
  });

  it('keeps the subject on one line (no header injection) and drops file references given as addresses', () => {
    const m = parseMailto('mailto:file:///etc/passwd?to=%5C%5Cserver%5Cshare&subject=Hi%0D%0ABcc:%20x@evil.example');
    expect(m.to).toEqual([]);
    expect(m.bcc).toEqual([]);
    expect(m.subject).toBe('Hi Bcc: x@evil.example');
    expect(m.invalid).toEqual(['file:///etc/passwd', '\\\\server\\share']);
  });

  it('is what analyzeLink gives for a mailto link, with a warning when the text names another address', () => {
    const a = analyzeLink('mailto:evil@evil.example?attach=x', 'vanthu@binhphuoc.gov.vn');
    if (a.kind !== 'mailto') throw new Error('not mailto');
    expect(a.mailto.to).toEqual(['evil@evil.example']);
    expect(a.mailto.dropped).toEqual(['attach']);
    expect(a.warnings).toEqual(['text-differs']);
    const honest = analyzeLink('mailto:vanthu@binhphuoc.gov.vn', 'vanthu@binhphuoc.gov.vn');
    expect(honest.warnings).toEqual([]);
  });

  it('survives malformed percent-encoding', () => {
    const m = parseMailto('mailto:vanthu@binhphuoc.gov.vn?subject=100%&body=%E0%A4%A');
    expect(m.to).toEqual(['vanthu@binhphuoc.gov.vn']);
    expect(m.subject).toBe('100%');
  });
});

describe('revealHidden', () => {
  it('shows bidi controls and invisible characters instead of applying them', () => {
    expect(revealHidden('hoso\u202Efdp.exe')).toBe('hoso[U+202E]fdp.exe');
    expect(revealHidden('pay\u200Bpal \u2067x\u2069')).toBe('pay[U+200B]pal [U+2067]x[U+2069]');
    expect(revealHidden('Cổng thông tin')).toBe('Cổng thông tin');
  });
});
