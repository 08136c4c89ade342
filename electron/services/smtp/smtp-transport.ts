import type { Transporter } from 'nodemailer';
import type { ServerSettings } from '../../../shared/account.ts';
import { classifyConnectionError } from '../net/connection-errors.ts';
import { tlsOptionsFor } from '../net/tls-options.ts';
import { assertSecurityConsent, type ImapCredentials } from '../imap/imap-connection.ts';

export type SmtpCredentials = Omit<ImapCredentials, 'server'> & { server: ServerSettings };

/**
 * A nodemailer transport that refuses plaintext unless consented and never logs. nodemailer is
 * loaded on first use: most runs of the CLI (and a long export) never send.
 */
export async function createSmtpTransport(creds: SmtpCredentials, timeoutMs = 15_000): Promise<Transporter> {
  assertSecurityConsent(creds.server, creds.allowInsecure);
  const { host, port, security } = creds.server;
  const { default: nodemailer } = await import('nodemailer');
  return nodemailer.createTransport({
    host,
    port,
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    ignoreTLS: security === 'none',
    auth: { user: creds.username, pass: creds.password },
    tls: tlsOptionsFor(host, creds.caPem),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 4,
    logger: false,
    debug: false,
  });
}

/** Connects, upgrades and authenticates, then quits; throws a typed AppError. */
export async function verifySmtp(creds: SmtpCredentials): Promise<{ ok: true; tls: boolean }> {
  const transport = await createSmtpTransport(creds);
  try {
    await transport.verify();
    return { ok: true, tls: creds.server.security !== 'none' };
  } catch (e) {
    throw await classifyConnectionError(e, creds.server, 'smtp');
  } finally {
    transport.close();
  }
}
