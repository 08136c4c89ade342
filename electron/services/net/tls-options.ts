import { isIP } from 'node:net';
import { rootCertificates, type ConnectionOptions } from 'node:tls';

/**
 * TLS options for a mail server. A custom CA is added to the system roots,
 * not put in their place, so a public certificate still verifies too.
 * Verification is always on: there is no switch to turn it off.
 */
export function tlsOptionsFor(host: string, caPem?: string): ConnectionOptions {
  const options: ConnectionOptions = { minVersion: 'TLSv1.2', rejectUnauthorized: true };
  if (caPem) options.ca = [...rootCertificates, caPem];
  if (!isIP(host)) options.servername = host;
  return options;
}
