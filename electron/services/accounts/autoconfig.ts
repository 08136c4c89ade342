import { connect } from 'node:net';
import type { AutoconfigResult, SecurityMode, ServerSettings } from '../../../shared/account.ts';
import { AppError } from '../errors/app-error.ts';
import { domainOf } from '../policy/domain-policy.ts';

export type FetchLike = (
  url: string,
  init: { signal: AbortSignal; redirect: 'follow' },
) => Promise<{
  ok: boolean;
  text(): Promise<string>;
}>;
export type PortProbe = (host: string, port: number, timeoutMs: number) => Promise<boolean>;

export interface AutoconfigDeps {
  fetch: FetchLike;
  probePort: PortProbe;
  /** Per attempt. */
  timeoutMs?: number;
}

/**
 * Mozilla-style discovery: autoconfig.<domain>, then the domain's
 * .well-known path, then common host names that answer on the usual ports.
 * Each step is bounded; the caller can always fall back to manual entry.
 */
export async function discoverSettings(email: string, deps: AutoconfigDeps): Promise<AutoconfigResult> {
  const domain = domainOf(email);
  const timeoutMs = deps.timeoutMs ?? 4000;
  const encoded = encodeURIComponent(email);
  const candidates: Array<{ source: AutoconfigResult['source']; url: string }> = [
    { source: 'autoconfig', url: `https://autoconfig.${domain}/mail/config-v1.1.xml?emailaddress=${encoded}` },
    {
      source: 'well-known',
      url: `https://${domain}/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=${encoded}`,
    },
  ];
  for (const candidate of candidates) {
    const xml = await fetchText(deps.fetch, candidate.url, timeoutMs);
    const parsed = xml ? parseAutoconfigXml(xml, email) : null;
    if (parsed) return { source: candidate.source, url: candidate.url, ...parsed };
  }
  const guessed = await guessServers(domain, deps.probePort, timeoutMs);
  if (guessed) return { source: 'guess', ...guessed };
  throw new AppError('AUTOCONFIG_NOT_FOUND', `no configuration found for ${domain}`);
}

async function fetchText(fetchFn: FetchLike, url: string, timeoutMs: number): Promise<string | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchFn(url, { signal: controller.signal, redirect: 'follow' });
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

const SOCKET_TYPES: Record<string, SecurityMode> = { SSL: 'tls', STARTTLS: 'starttls', plain: 'none' };

/** Reads the first IMAP incomingServer and first SMTP outgoingServer of a config-v1.1 document. */
export function parseAutoconfigXml(
  xml: string,
  email: string,
): { imap: ServerSettings; smtp: ServerSettings; username?: string } | null {
  const block = (tag: string, type: string) => {
    const re = new RegExp(`<${tag}\\s+type=["']${type}["'][^>]*>([\\s\\S]*?)</${tag}>`, 'gi');
    return [...xml.matchAll(re)].map((m) => m[1] ?? '');
  };
  const field = (body: string, name: string) => body.match(new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`, 'i'))?.[1];
  const toServer = (body: string): (ServerSettings & { username?: string }) | null => {
    const host = field(body, 'hostname');
    const port = Number(field(body, 'port'));
    const security = SOCKET_TYPES[field(body, 'socketType') ?? ''];
    if (!host || !Number.isInteger(port) || port < 1 || port > 65535 || !security) return null;
    const username = field(body, 'username');
    return { host: expand(host, email), port, security, ...(username ? { username: expand(username, email) } : {}) };
  };
  // Prefer encrypted entries when a document lists several.
  const rank = (s: ServerSettings) => (s.security === 'tls' ? 0 : s.security === 'starttls' ? 1 : 2);
  const pick = (bodies: string[]) =>
    bodies
      .map(toServer)
      .filter((s): s is ServerSettings & { username?: string } => s !== null)
      .sort((a, b) => rank(a) - rank(b))[0];
  const imap = pick(block('incomingServer', 'imap'));
  const smtp = pick(block('outgoingServer', 'smtp'));
  if (!imap || !smtp) return null;
  const { username, ...imapServer } = imap;
  const { username: _unused, ...smtpServer } = smtp;
  return { imap: imapServer, smtp: smtpServer, ...(username ? { username } : {}) };
}

function expand(value: string, email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return value
    .replaceAll('%EMAILADDRESS%', email)
    .replaceAll('%EMAILLOCALPART%', local)
    .replaceAll('%EMAILDOMAIN%', domain);
}

async function guessServers(
  domain: string,
  probe: PortProbe,
  timeoutMs: number,
): Promise<{ imap: ServerSettings; smtp: ServerSettings } | null> {
  const imapTries: ServerSettings[] = [];
  const smtpTries: ServerSettings[] = [];
  for (const host of [`mail.${domain}`, `imap.${domain}`, domain]) {
    imapTries.push({ host, port: 993, security: 'tls' }, { host, port: 143, security: 'starttls' });
  }
  for (const host of [`mail.${domain}`, `smtp.${domain}`, domain]) {
    smtpTries.push({ host, port: 465, security: 'tls' }, { host, port: 587, security: 'starttls' });
  }
  const first = async (tries: ServerSettings[]) => {
    const results = await Promise.all(tries.map((s) => probe(s.host, s.port, timeoutMs)));
    return tries[results.indexOf(true)];
  };
  const [imap, smtp] = await Promise.all([first(imapTries), first(smtpTries)]);
  return imap && smtp ? { imap, smtp } : null;
}

export const tcpPortProbe: PortProbe = (host, port, timeoutMs) =>
  new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
