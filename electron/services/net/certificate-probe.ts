import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type PeerCertificate, type DetailedPeerCertificate } from 'node:tls';
import { isIP } from 'node:net';
import type { SecurityMode } from '../../../shared/account.ts';

export interface PresentedCertificate {
  fingerprint256: string;
  subject: string;
  issuer: string;
  validTo: string;
  /** Fingerprint of the last certificate the server sent (its CA, when it sends the chain). */
  topFingerprint256: string;
}

/**
 * Reads the certificate a server presents, without verifying it and without
 * sending any credential, so the user can compare its fingerprint with the one
 * IT gives them before trusting a CA file.
 */
export async function probeCertificate(
  host: string,
  port: number,
  security: Exclude<SecurityMode, 'none'>,
  protocol: 'imap' | 'smtp',
  timeoutMs = 8000,
): Promise<PresentedCertificate | null> {
  let plain: Socket | undefined;
  try {
    if (security === 'starttls') plain = await upgradeableSocket(host, port, protocol, timeoutMs);
    const socket = tlsConnect({
      host,
      port,
      socket: plain,
      rejectUnauthorized: false,
      ...(isIP(host) ? {} : { servername: host }),
    });
    const cert = await new Promise<DetailedPeerCertificate>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      socket.once('secureConnect', () => {
        clearTimeout(timer);
        resolve(socket.getPeerCertificate(true));
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    socket.destroy();
    return describe(cert);
  } catch {
    return null;
  } finally {
    plain?.destroy();
  }
}

function describe(cert: DetailedPeerCertificate): PresentedCertificate | null {
  if (!cert?.fingerprint256) return null;
  let top: PeerCertificate = cert;
  const seen = new Set<string>([cert.fingerprint256]);
  let next = cert.issuerCertificate;
  while (next && !seen.has(next.fingerprint256)) {
    seen.add(next.fingerprint256);
    top = next;
    next = next.issuerCertificate;
  }
  return {
    fingerprint256: cert.fingerprint256,
    subject: firstOf(cert.subject?.CN),
    issuer: firstOf(cert.issuer?.CN),
    validTo: cert.valid_to,
    topFingerprint256: top.fingerprint256,
  };
}

const firstOf = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** Speaks just enough IMAP or SMTP to reach the STARTTLS upgrade point. */
function upgradeableSocket(host: string, port: number, protocol: 'imap' | 'smtp', timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port });
    const timer = setTimeout(() => fail(new Error('timeout')), timeoutMs);
    let buffer = '';
    let step = 0;
    const fail = (e: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    };
    const steps =
      protocol === 'imap'
        ? [
            { until: /^\* OK/m, send: 'a1 STARTTLS\r\n' },
            { until: /^a1 OK/m, send: null },
          ]
        : [
            { until: /^220 /m, send: 'EHLO probe.invalid\r\n' },
            { until: /^250 /m, send: 'STARTTLS\r\n' },
            { until: /^220 /m, send: null },
          ];
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      const current = steps[step];
      if (!current || !current.until.test(buffer)) return;
      buffer = '';
      step += 1;
      if (current.send) socket.write(current.send);
      else {
        clearTimeout(timer);
        socket.removeAllListeners('data');
        socket.removeAllListeners('error');
        socket.removeAllListeners('close');
        resolve(socket);
      }
    });
    socket.once('error', fail);
    socket.once('close', () => fail(new Error('closed')));
  });
}
