import { describe, expect, it } from 'vitest';
import { discoverSettings, parseAutoconfigXml, type FetchLike } from '../../electron/services/accounts/autoconfig.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';

const XML = `<?xml version="1.0"?>
<clientConfig version="1.1">
  <emailProvider id="binhphuoc.gov.vn">
    <incomingServer type="pop3"><hostname>pop.binhphuoc.gov.vn</hostname><port>995</port><socketType>SSL</socketType></incomingServer>
    <incomingServer type="imap">
      <hostname>mail.%EMAILDOMAIN%</hostname><port>143</port><socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username>
    </incomingServer>
    <incomingServer type="imap">
      <hostname>mail.%EMAILDOMAIN%</hostname><port>993</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.binhphuoc.gov.vn</hostname><port>587</port><socketType>STARTTLS</socketType>
    </outgoingServer>
  </emailProvider>
</clientConfig>`;

describe('autoconfig', () => {
  it('parses config-v1.1, prefers implicit TLS, expands placeholders', () => {
    expect(parseAutoconfigXml(XML, 'vanphong@binhphuoc.gov.vn')).toEqual({
      imap: { host: 'mail.binhphuoc.gov.vn', port: 993, security: 'tls' },
      smtp: { host: 'smtp.binhphuoc.gov.vn', port: 587, security: 'starttls' },
      username: 'vanphong@binhphuoc.gov.vn',
    });
  });

  it('rejects documents without both servers', () => {
    expect(parseAutoconfigXml('<clientConfig/>', 'a@b.vn')).toBeNull();
    expect(parseAutoconfigXml(XML.replace(/<outgoingServer[\s\S]*<\/outgoingServer>/, ''), 'a@b.vn')).toBeNull();
  });

  it('tries autoconfig.<domain>, then .well-known, then host guesses', async () => {
    const asked: string[] = [];
    const fetchFn: FetchLike = async (url) => {
      asked.push(url);
      if (url.startsWith('https://binhphuoc.gov.vn/.well-known/')) return { ok: true, text: async () => XML };
      return { ok: false, text: async () => '' };
    };
    const result = await discoverSettings('vanphong@binhphuoc.gov.vn', {
      fetch: fetchFn,
      probePort: async () => false,
    });
    expect(result.source).toBe('well-known');
    expect(asked[0]).toMatch(/^https:\/\/autoconfig\.binhphuoc\.gov\.vn\/mail\/config-v1\.1\.xml\?emailaddress=/);
    expect(asked).toHaveLength(2);
  });

  it('bounds each attempt in time and falls back to guesses', async () => {
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    const open = new Set(['mail.binhphuoc.gov.vn:993', 'mail.binhphuoc.gov.vn:587']);
    const started = Date.now();
    const result = await discoverSettings('vanphong@binhphuoc.gov.vn', {
      fetch: hanging,
      probePort: async (host, port) => open.has(`${host}:${port}`),
      timeoutMs: 100,
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toEqual({
      source: 'guess',
      imap: { host: 'mail.binhphuoc.gov.vn', port: 993, security: 'tls' },
      smtp: { host: 'mail.binhphuoc.gov.vn', port: 587, security: 'starttls' },
    });
  });

  it('reports AUTOCONFIG_NOT_FOUND when nothing answers', async () => {
    const none: FetchLike = async () => ({ ok: false, text: async () => '' });
    await expect(
      discoverSettings('a@nowhere.gov.vn', { fetch: none, probePort: async () => false, timeoutMs: 50 }),
    ).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'AUTOCONFIG_NOT_FOUND');
  });
});
