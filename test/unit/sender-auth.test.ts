import { describe, expect, it } from 'vitest';
import { parseAuthenticationResults, senderAuthentication } from '../../electron/services/mail/sender-auth.ts';
import { urlsInHtml } from '../../electron/services/mail/remote-image-request.ts';

const SERVER = 'mx.binhphuoc.gov.vn';
const FROM = 'so-tttt@binhphuoc.gov.vn';
const check = (
  headers: string[],
  from = FROM,
  signature: Parameters<typeof senderAuthentication>[0]['signature'] = null,
) =>
  senderAuthentication({
    authenticationResults: headers,
    from,
    serverIds: [SERVER, 'imap.binhphuoc.gov.vn'],
    signature,
  });

describe('Authentication-Results evaluation', () => {
  it('parses methods, results and properties, ignoring comments and quoting', () => {
    expect(
      parseAuthenticationResults(
        ` ${SERVER} 1; dkim=pass (2048-bit key) header.d=BinhPhuoc.gov.vn header.s="sel;1";\r\n\tspf=fail smtp.mailfrom=x@y.vn; dmarc=none`,
      ),
    ).toEqual({
      authservId: SERVER,
      results: [
        { method: 'dkim', result: 'pass', props: { 'header.d': 'binhphuoc.gov.vn', 'header.s': 'sel;1' } },
        { method: 'spf', result: 'fail', props: { 'smtp.mailfrom': 'x@y.vn' } },
        { method: 'dmarc', result: 'none', props: {} },
      ],
    });
  });

  it('accepts dkim, dmarc or spf pass for the From domain from the user server (topmost header)', () => {
    expect(check([`${SERVER}; dkim=pass header.d=binhphuoc.gov.vn`])).toEqual({ authenticated: true, by: 'dkim' });
    expect(check([`${SERVER}; dkim=pass header.i=@binhphuoc.gov.vn`])).toEqual({ authenticated: true, by: 'dkim' });
    expect(check([`${SERVER}; dmarc=pass header.from=binhphuoc.gov.vn`])).toEqual({ authenticated: true, by: 'dmarc' });
    expect(check([`${SERVER}; spf=pass smtp.mailfrom=bounce@binhphuoc.gov.vn`])).toEqual({
      authenticated: true,
      by: 'spf',
    });
    expect(check([`MX.BinhPhuoc.gov.vn.; spf=pass smtp.mailfrom=binhphuoc.gov.vn`])).toEqual({
      authenticated: true,
      by: 'spf',
    });
  });

  it('refuses a forgeable From', () => {
    const refused = (headers: string[], from = FROM) => check(headers, from).authenticated;
    expect(refused([])).toBe(false);
    // Another server's verdict, or the user's server's verdict below someone else's header.
    expect(refused([`evil.example; dkim=pass header.d=binhphuoc.gov.vn`])).toBe(false);
    expect(refused([`evil.example; none`, `${SERVER}; dkim=pass header.d=binhphuoc.gov.vn`])).toBe(false);
    // Pass, but for another domain, or not a pass.
    expect(refused([`${SERVER}; dkim=pass header.d=evil.example`])).toBe(false);
    expect(refused([`${SERVER}; dkim=pass header.d=gov.vn`])).toBe(false);
    expect(refused([`${SERVER}; spf=pass smtp.mailfrom=x@evil.example`])).toBe(false);
    expect(refused([`${SERVER}; dkim=fail header.d=binhphuoc.gov.vn; dmarc=fail header.from=binhphuoc.gov.vn`])).toBe(
      false,
    );
    expect(refused([`${SERVER}; dkim=pass (header.d=binhphuoc.gov.vn) header.d=evil.example`])).toBe(false);
    expect(refused([`${SERVER}; dkim=pass header.d=binhphuoc.gov.vn`], 'not-an-address')).toBe(false);
  });

  it('accepts a valid S/MIME signature by the From address, and only that', () => {
    const sig = {
      state: 'valid' as const,
      signerName: 'Sở',
      signerEmail: FROM.toUpperCase(),
      fingerprint: 'AB',
      signingTime: null,
      problems: [],
    };
    expect(check([], FROM, sig)).toEqual({ authenticated: true, by: 'smime' });
    expect(check([], FROM, { ...sig, state: 'untrusted' }).authenticated).toBe(false);
    expect(check([], FROM, { ...sig, signerEmail: 'other@binhphuoc.gov.vn' }).authenticated).toBe(false);
  });
});

describe('URLs of a message', () => {
  it('finds the absolute image URLs in the HTML in the canonical form', () => {
    const found = urlsInHtml(
      '<img src="HTTPS://CDN.Example.vn/a b.png"><img src=\'http://x.vn/?a=1&amp;b=2\'><div style="background:url(http://y.vn/c.gif)">',
    );
    expect([...found]).toEqual(
      expect.arrayContaining(['https://cdn.example.vn/a%20b.png', 'http://x.vn/?a=1&b=2', 'http://y.vn/c.gif']),
    );
    expect(found.has('http://127.0.0.1/')).toBe(false);
  });
});
