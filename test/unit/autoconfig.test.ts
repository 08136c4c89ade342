import { describe, expect, it, vi } from 'vitest';
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
    // Fake timers: the bound is checked on the clock the code reads, not on how fast this machine is.
    vi.useFakeTimers();
    try {
      const TIMEOUT = 4000;
      const asked: Array<{ url: string; at: number; abortedAt: number | null }> = [];
      const hanging: FetchLike = (url, init) =>
        new Promise((_resolve, reject) => {
          const attempt = { url, at: Date.now(), abortedAt: null as number | null };
          asked.push(attempt);
          init.signal.addEventListener('abort', () => {
            attempt.abortedAt = Date.now();
            reject(new Error('aborted'));
          });
        });
      const probed: Array<{ target: string; timeoutMs: number }> = [];
      const open = new Set(['mail.binhphuoc.gov.vn:993', 'mail.binhphuoc.gov.vn:587']);
      const pending = discoverSettings('vanphong@binhphuoc.gov.vn', {
        fetch: hanging,
        probePort: async (host, port, timeoutMs) => {
          probed.push({ target: `${host}:${port}`, timeoutMs });
          return open.has(`${host}:${port}`);
        },
        timeoutMs: TIMEOUT,
      });
      let settled = false;
      void pending.then(
        () => (settled = true),
        () => (settled = true),
      );

      // Just before the bound, the first attempt is still waiting and nothing else has started.
      await vi.advanceTimersByTimeAsync(TIMEOUT - 1);
      expect(asked.map((a) => a.abortedAt)).toEqual([null]);
      expect(settled).toBe(false);
      // At the bound it is aborted and the .well-known attempt starts, bounded the same way.
      await vi.advanceTimersByTimeAsync(1);
      expect(asked).toHaveLength(2);
      expect(asked[0]!.abortedAt! - asked[0]!.at).toBe(TIMEOUT);
      await vi.advanceTimersByTimeAsync(TIMEOUT);
      expect(asked[1]!.abortedAt! - asked[1]!.at).toBe(TIMEOUT);

      // Then the port probes, each given the same bound, answer the guess.
      expect(await pending).toEqual({
        source: 'guess',
        imap: { host: 'mail.binhphuoc.gov.vn', port: 993, security: 'tls' },
        smtp: { host: 'mail.binhphuoc.gov.vn', port: 587, security: 'starttls' },
      });
      expect(probed.length).toBeGreaterThan(0);
      expect(probed.every((p) => p.timeoutMs === TIMEOUT)).toBe(true);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports AUTOCONFIG_NOT_FOUND when nothing answers', async () => {
    const none: FetchLike = async () => ({ ok: false, text: async () => '' });
    await expect(
      discoverSettings('a@nowhere.gov.vn', { fetch: none, probePort: async () => false, timeoutMs: 50 }),
    ).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'AUTOCONFIG_NOT_FOUND');
  });
});
