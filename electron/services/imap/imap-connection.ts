import { ImapFlow } from 'imapflow';
import type { ServerSettings } from '../../../shared/account.ts';
import { AppError } from '../errors/app-error.ts';
import { classifyConnectionError } from '../net/connection-errors.ts';
import { tlsOptionsFor } from '../net/tls-options.ts';

export interface ImapCredentials {
  server: ServerSettings;
  username: string;
  password: string;
  caPem?: string | undefined;
  allowInsecure: boolean;
}

export interface ImapTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

const DEFAULT_TIMEOUTS: ImapTimeouts = { connectionMs: 15_000, greetingMs: 15_000, socketMs: 5 * 60_000 };

export function assertSecurityConsent(server: ServerSettings, allowInsecure: boolean): void {
  if (server.security === 'none' && !allowInsecure) {
    throw new AppError('INSECURE_NOT_CONFIRMED', `${server.host}:${server.port} plaintext without explicit consent`);
  }
}

/**
 * Opens an authenticated imapflow client or throws a typed AppError.
 * imapflow's logger is off: its debug output would contain the LOGIN line.
 */
export async function connectImap(creds: ImapCredentials, timeouts: Partial<ImapTimeouts> = {}): Promise<ImapFlow> {
  assertSecurityConsent(creds.server, creds.allowInsecure);
  const t = { ...DEFAULT_TIMEOUTS, ...timeouts };
  const { host, port, security } = creds.server;
  const client = new ImapFlow({
    host,
    port,
    secure: security === 'tls',
    doSTARTTLS: security === 'starttls' ? true : security === 'none' ? false : undefined,
    auth: { user: creds.username, pass: creds.password },
    tls: tlsOptionsFor(host, creds.caPem),
    logger: false,
    connectionTimeout: t.connectionMs,
    greetingTimeout: t.greetingMs,
    socketTimeout: t.socketMs,
    qresync: true,
    disableAutoIdle: true,
  });
  // Without a listener an 'error' event after connect would crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (e) {
    client.close();
    throw await classifyConnectionError(e, creds.server, 'imap');
  }
  return client;
}

/** Capability names as a sorted list (imapflow keeps them in a Map). */
export function capabilityList(client: ImapFlow): string[] {
  return [...client.capabilities.keys()].sort();
}
