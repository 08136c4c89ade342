// The remote-image fetch against real HTTP servers on this machine: a trap server listening on
// every local address (dual-stack ::) must never see a request, whatever form the URL or the
// DNS answer takes; a name the test's resolver points at a permitted address still fetches
// through the same path, pinned to the address that was checked.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicOnlyPolicy } from '../../electron/services/net/address-policy.ts';
import { SafeFetcher, type ResolvedAddress, type Resolver } from '../../electron/services/net/safe-fetch.ts';
import { fetchRemoteImages } from '../../electron/services/mail/remote-images.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
  'base64',
);
const PERMITTED = '127.0.0.2';

interface Recorder {
  server: Server;
  port: number;
  requests: Array<{ url: string; host: string; peer: string }>;
}

async function listen(host: string, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Recorder> {
  const requests: Recorder['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', host: req.headers.host ?? '', peer: req.socket.localAddress ?? '' });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen({ host, port: 0, ipv6Only: false }, resolve));
  return { server, port: (server.address() as AddressInfo).port, requests };
}

let trap: Recorder;
let permitted: Recorder;
let T: number;
let P: number;

beforeAll(async () => {
  trap = await listen('::', (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
  permitted = await listen(PERMITTED, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const to = url.searchParams.get('to');
    if (to) return void res.writeHead(302, { location: to }).end();
    if (url.pathname === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
    if (url.pathname === '/big') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(PNG);
      return void res.end(Buffer.alloc(64 * 1024));
    }
    if (url.pathname === '/svg') return void res.writeHead(200, { 'content-type': 'image/png' }).end('<svg onload=x>');
    if (url.pathname === '/html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<script>');
    if (url.pathname === '/hang') return; // never answers
    res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
  });
  T = trap.port;
  P = permitted.port;
});

afterAll(async () => {
  for (const r of [trap, permitted]) {
    r.server.closeAllConnections();
    await new Promise((resolve) => r.server.close(resolve));
  }
});

/** A resolver over a fixed table; records every name it is asked. */
function tableResolver(table: Record<string, string[] | (() => string[])>) {
  const asked: string[] = [];
  const resolver: Resolver = async (name) => {
    asked.push(name);
    const entry = table[name];
    if (!entry) throw new Error(`ENOTFOUND ${name}`);
    const list = typeof entry === 'function' ? entry() : entry;
    return list.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolver, asked };
}

const names = {
  'loopback.example.vn': ['127.0.0.1'],
  'v6loop.example.vn': ['::1'],
  'mixed.example.vn': ['93.184.216.34', '127.0.0.1'],
  'anh.binhphuoc.gov.vn': [PERMITTED],
};

function fetcher(resolver: Resolver, extra: Partial<ConstructorParameters<typeof SafeFetcher>[0]> = {}) {
  return new SafeFetcher({ resolver, policy: publicOnlyPolicy([`${PERMITTED}/32`]), ...extra });
}

async function refusalOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    const err = e as { code?: string; data?: { refused?: string } };
    return err.data?.refused ?? err.code ?? 'error';
  }
  return 'fetched';
}

function localAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && !i.address.startsWith('fe80'))
    .map((i) => i!.address);
}

describe('safe fetch: nothing on this machine is reachable', () => {
  it('refuses every literal form of a local address, and the trap server sees no request', async () => {
    const { resolver } = tableResolver(names);
    const f = fetcher(resolver);
    const urls = [
      `http://127.0.0.1:${T}/a.png`,
      `http://[::1]:${T}/a.png`,
      `http://[::]:${T}/a.png`,
      `http://0.0.0.0:${T}/a.png`,
      `http://[::ffff:127.0.0.1]:${T}/a.png`,
      `http://[::ffff:0.0.0.0]:${T}/a.png`,
      `http://[::ffff:7f00:1]:${T}/a.png`,
      `http://2130706433:${T}/a.png`,
      `http://0177.0.0.1:${T}/a.png`,
      `http://0x7f.0.0.1:${T}/a.png`,
      `http://127.1:${T}/a.png`,
      `http://localhost:${T}/a.png`,
      `http://localhost.:${T}/a.png`,
      `http://app.localhost:${T}/a.png`,
      ...localAddresses().map((a) => `http://${a.includes(':') ? `[${a}]` : a}:${T}/a.png`),
    ];
    expect(localAddresses().length).toBeGreaterThan(1);
    for (const url of urls) expect([url, await refusalOf(f.get(url))]).toEqual([url, 'address']);
    expect(trap.requests).toEqual([]);
  });

  it('refuses names that resolve to this machine or to any special range, checking every address', async () => {
    const special = [
      '169.254.169.254', '10.0.0.1', '100.64.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '198.18.0.1',
      '224.0.0.1', '239.255.255.250', '255.255.255.255', '0.1.2.3', 'fc00::1', 'fd00::2', 'fe80::1', 'ff02::1', '::',
      '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::7f00:1', '64:ff9b::a9fe:a9fe', '2002:7f00:1::1',
      '64:ff9b:1::1', '2001:db8::1',
    ]; // prettier-ignore
    const table: Record<string, string[]> = { ...names };
    special.forEach((a, i) => (table[`s${i}.example.vn`] = [a]));
    const { resolver } = tableResolver(table);
    const f = fetcher(resolver);
    for (const name of [
      'loopback.example.vn',
      'v6loop.example.vn',
      'mixed.example.vn',
      ...special.map((_, i) => `s${i}.example.vn`),
    ]) {
      expect([name, await refusalOf(f.get(`http://${name}:${T}/a.png`))]).toEqual([name, 'address']);
    }
    expect(trap.requests).toEqual([]);
  });

  it('refuses a system-resolved name of this machine (from /etc/hosts)', async () => {
    const f = new SafeFetcher();
    expect(await refusalOf(f.get(`http://localhost.:${T}/a.png`))).toBe('address');
    expect(await refusalOf(f.get(`http://${'ip6-localhost'}:${T}/a.png`))).toMatch(/address|resolve/);
    expect(trap.requests).toEqual([]);
  });

  it('refuses a redirect from a permitted host to this machine, by address or by name', async () => {
    const { resolver } = tableResolver(names);
    const f = fetcher(resolver);
    const via = (to: string) => `http://anh.binhphuoc.gov.vn:${P}/r?to=${encodeURIComponent(to)}`;
    expect(await refusalOf(f.get(via(`http://127.0.0.1:${T}/a.png`)))).toBe('address');
    expect(await refusalOf(f.get(via(`http://loopback.example.vn:${T}/a.png`)))).toBe('address');
    expect(await refusalOf(f.get(via(`http://[::ffff:127.0.0.1]:${T}/a.png`)))).toBe('address');
    expect(await refusalOf(f.get(via(`file:///etc/passwd`)))).toBe('scheme');
    expect(await refusalOf(f.get(`http://anh.binhphuoc.gov.vn:${P}/loop`))).toBe('redirects');
    expect(trap.requests).toEqual([]);
  });
});

describe('safe fetch: a permitted name still works, pinned to the checked address', () => {
  it('fetches through the resolver, connecting to the address it checked (no second lookup)', async () => {
    let calls = 0;
    // DNS rebinding: the name answers the permitted address once, then this machine's loopback.
    const { resolver, asked } = tableResolver({
      'anh.binhphuoc.gov.vn': () => (calls++ === 0 ? [PERMITTED] : ['127.0.0.1']),
    });
    const before = permitted.requests.length;
    const res = await fetcher(resolver).get(`http://anh.binhphuoc.gov.vn:${P}/logo.png`);
    expect(res.status).toBe(200);
    expect(res.body.equals(PNG)).toBe(true);
    expect(asked).toEqual(['anh.binhphuoc.gov.vn']);
    expect(permitted.requests.slice(before)).toEqual([
      { url: '/logo.png', host: `anh.binhphuoc.gov.vn:${P}`, peer: PERMITTED },
    ]);
    expect(trap.requests).toEqual([]);
  });

  it('caps the body size and the time', async () => {
    const { resolver } = tableResolver(names);
    expect(await refusalOf(fetcher(resolver, { maxBytes: 1024 }).get(`http://anh.binhphuoc.gov.vn:${P}/big`))).toBe(
      'too-large',
    );
    expect(await refusalOf(fetcher(resolver, { timeoutMs: 300 }).get(`http://anh.binhphuoc.gov.vn:${P}/hang`))).toBe(
      'TIMEOUT',
    );
  });

  it('returns only real raster images as data: URLs', async () => {
    const { resolver } = tableResolver(names);
    const f = fetcher(resolver);
    const base = `http://anh.binhphuoc.gov.vn:${P}`;
    const out = await fetchRemoteImages(
      [`${base}/logo.png`, `${base}/svg`, `${base}/html`, `http://127.0.0.1:${T}/a.png`],
      (url) => f.get(url),
    );
    expect(Object.keys(out)).toEqual([`${base}/logo.png`]);
    expect(out[`${base}/logo.png`]).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(trap.requests).toEqual([]);
  });
});

describe('address policy', () => {
  it('allows public unicast in both families and the IPv4 it carries', () => {
    const policy = publicOnlyPolicy();
    for (const a of [
      '8.8.8.8',
      '1.1.1.1',
      '2606:4700:4700::1111',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
      '2002:808:808::1',
    ]) {
      expect([a, policy.allows(a)]).toEqual([a, true]);
    }
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '64:ff9b::a00:1', '2002:c0a8:101::', 'not-an-ip', '']) {
      expect([a, policy.allows(a)]).toEqual([a, false]);
    }
  });
});
