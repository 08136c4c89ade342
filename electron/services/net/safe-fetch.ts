import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import { lookup } from 'node:dns/promises';
import { AppError } from '../errors/app-error.ts';
import { publicOnlyPolicy, type AddressPolicy } from './address-policy.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Turns a host name into every address it has; injected so tests can point names anywhere. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export interface SafeFetchOptions {
  resolver?: Resolver;
  policy?: AddressPolicy;
  /** Largest body accepted, in bytes. */
  maxBytes?: number;
  /** Budget for the whole fetch, every redirect included. */
  timeoutMs?: number;
  maxRedirects?: number;
  accept?: string;
}

export interface SafeResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  /** Declared content type, lower case, parameters dropped. */
  contentType: string;
  body: Buffer;
}

export type SafeFetchRefusal =
  'scheme' | 'credentials' | 'address' | 'resolve' | 'redirects' | 'too-large' | 'encoding';

function refusal(reason: SafeFetchRefusal, detail: string): AppError {
  return new AppError('HOST_UNREACHABLE', `safe fetch refused (${reason}): ${detail}`, {
    messageVi: 'Không tải nội dung từ địa chỉ này: địa chỉ không được phép hoặc câu trả lời không hợp lệ.',
    data: { refused: reason },
  });
}

function refuse(reason: SafeFetchRefusal, detail: string): never {
  throw refusal(reason, detail);
}

const LOCAL_NAME = /(^|\.)localhost\.?$/i;

/**
 * GET over http(s) that can only reach addresses the policy allows. Every
 * hop is resolved once, every address the name has is checked, and the
 * socket is made to the checked address (the request's `lookup` answers with
 * it, so no second resolution can rebind the name); the connected peer is
 * checked again. Redirects are followed by hand under the same rules.
 */
export class SafeFetcher {
  private readonly resolver: Resolver;
  private readonly policy: AddressPolicy;
  private readonly maxBytes: number;
  private readonly timeoutMs: number;
  private readonly maxRedirects: number;
  private readonly accept: string;

  constructor(options: SafeFetchOptions = {}) {
    this.resolver = options.resolver ?? systemResolver;
    this.policy = options.policy ?? publicOnlyPolicy();
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxRedirects = options.maxRedirects ?? 3;
    this.accept = options.accept ?? '*/*';
  }

  /** Fetches url; throws an AppError when a hop is refused, fails or runs over its budget. */
  async get(url: string): Promise<SafeResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      let current = url;
      for (let hop = 0; hop <= this.maxRedirects; hop++) {
        const answer = await this.hop(current, controller.signal);
        if ('location' in answer) {
          current = answer.location;
          continue;
        }
        return answer;
      }
      return refuse('redirects', `more than ${this.maxRedirects} redirects`);
    } catch (e) {
      if (controller.signal.aborted && !(e instanceof AppError)) {
        throw new AppError('TIMEOUT', `safe fetch ran over ${this.timeoutMs} ms`);
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The address to connect to for this URL, after checking every address its host has. */
  private async target(url: URL): Promise<ResolvedAddress> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const literal = isIP(host);
    if (literal) {
      if (!this.policy.allows(host)) refuse('address', `address ${host} is not public`);
      return { address: host, family: literal === 6 ? 6 : 4 };
    }
    if (LOCAL_NAME.test(host)) refuse('address', `host ${host} is this machine`);
    let all: ResolvedAddress[];
    try {
      all = await this.resolver(host);
    } catch (e) {
      return refuse('resolve', `${host} does not resolve: ${(e as Error).message}`);
    }
    const first = all[0];
    if (!first) return refuse('resolve', `${host} has no address`);
    const bad = all.find((a) => !this.policy.allows(a.address));
    if (bad) refuse('address', `${host} resolves to ${bad.address}, which is not public`);
    return first;
  }

  private async hop(raw: string, signal: AbortSignal): Promise<SafeResponse | { location: string }> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return refuse('scheme', 'not a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') refuse('scheme', `scheme ${url.protocol}`);
    if (url.username || url.password) refuse('credentials', 'URL carries credentials');
    const target = await this.target(url);
    const res = await this.send(url, target, signal);
    const location = res.headers.location;
    if (res.statusCode !== undefined && res.statusCode >= 300 && res.statusCode < 400 && location) {
      res.resume();
      return { location: new URL(location, url).href };
    }
    const encoding = (res.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity') {
      res.destroy();
      refuse('encoding', `content-encoding ${encoding}`);
    }
    const body = await this.readCapped(res);
    const contentType = (res.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    return { url: url.href, status: res.statusCode ?? 0, contentType, body };
  }

  private send(url: URL, target: ResolvedAddress, signal: AbortSignal): Promise<IncomingMessage> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const pinned: LookupFunction = (_name, options, callback) => {
      if (options.all) callback(null, [target]);
      else callback(null, target.address, target.family);
    };
    const options: RequestOptions = {
      method: 'GET',
      hostname: host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      headers: { host: url.host, accept: this.accept, 'accept-encoding': 'identity', 'user-agent': 'unit-mailbox' },
      lookup: pinned,
      agent: false,
      signal,
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(options, resolve);
      req.on('error', reject);
      req.on('socket', (socket: Socket) => {
        socket.once('connect', () => {
          const peer = socket.remoteAddress ?? '';
          if (!this.policy.allows(peer)) {
            req.destroy(refusal('address', `connected to ${peer}`));
          }
        });
      });
      req.end();
    });
  }

  private readCapped(res: IncomingMessage): Promise<Buffer> {
    const declared = Number(res.headers['content-length'] ?? '0');
    if (declared > this.maxBytes) {
      res.destroy();
      return Promise.reject(refusal('too-large', `declared ${declared} bytes`));
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > this.maxBytes) {
          reject(refusal('too-large', `more than ${this.maxBytes} bytes`));
          res.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
      res.on('aborted', () => reject(new AppError('HOST_UNREACHABLE', 'answer cut short')));
    });
  }
}
