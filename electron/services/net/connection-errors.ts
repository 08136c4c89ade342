import type { ServerSettings } from '../../../shared/account.ts';
import { AppError } from '../errors/app-error.ts';
import { probeCertificate } from './certificate-probe.ts';

const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNRESET',
  'EPIPE',
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
  'ECONNECTION',
]);
const TIMEOUT_CODES = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ETIMEDOUT', 'ETIMEOUT']);

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  authenticationFailed?: unknown;
  serverResponseCode?: unknown;
  responseCode?: unknown;
  tlsFailed?: unknown;
  cause?: unknown;
  _err?: unknown;
}

/** Walks wrapped errors (imapflow's _err, nodemailer's cause) to find the most specific code. */
function codes(e: unknown): { codes: string[]; messages: string[] } {
  const out = { codes: [] as string[], messages: [] as string[] };
  const seen = new Set<unknown>();
  let cur: unknown = e;
  while (cur && typeof cur === 'object' && !seen.has(cur)) {
    seen.add(cur);
    const err = cur as ErrorLike;
    if (typeof err.code === 'string') out.codes.push(err.code);
    if (typeof err.message === 'string') out.messages.push(err.message);
    cur = err._err ?? err.cause;
  }
  return out;
}

/**
 * Turns a socket, TLS or protocol failure into a typed error. For untrusted
 * certificates it probes the server (no credentials sent) to show the
 * fingerprint the user should compare.
 */
export async function classifyConnectionError(
  e: unknown,
  server: ServerSettings,
  protocol: 'imap' | 'smtp',
): Promise<AppError> {
  if (e instanceof AppError) return e;
  const { codes: found, messages } = codes(e);
  const err = (e ?? {}) as ErrorLike;
  const where = `${protocol.toUpperCase()} ${server.host}:${server.port}`;
  const text = messages.join(' | ');

  const authFailed =
    err.authenticationFailed === true ||
    err.serverResponseCode === 'AUTHENTICATIONFAILED' ||
    found.includes('EAUTH') ||
    err.responseCode === 535;
  if (authFailed) return new AppError('AUTH_FAILED', `${where}: authentication failed`);

  const untrusted =
    found.find((c) => UNTRUSTED_CODES.has(c)) ??
    (/self[- ]signed|unable to verify|unable to get (local )?issuer/i.test(text) ? 'UNTRUSTED' : undefined);
  if (untrusted && server.security !== 'none') {
    const cert = await probeCertificate(server.host, server.port, server.security, protocol);
    const data: Record<string, string> = { reason: untrusted };
    if (cert) Object.assign(data, cert);
    const detail = `${where}: certificate not trusted (${untrusted})${cert ? `, SHA-256 ${cert.fingerprint256}` : ''}`;
    return new AppError('TLS_UNTRUSTED', detail, {
      data,
      messageVi:
        untrusted === 'CERT_HAS_EXPIRED'
          ? 'Chứng chỉ của máy chủ đã hết hạn.'
          : untrusted === 'ERR_TLS_CERT_ALTNAME_INVALID'
            ? 'Chứng chỉ của máy chủ không mang tên máy chủ bạn nhập.'
            : undefined,
    });
  }
  if (found.some((c) => TIMEOUT_CODES.has(c))) return new AppError('TIMEOUT', `${where}: timed out`);
  // nodemailer wraps socket errors as ESOCKET and keeps the system code only in the message.
  const inText = /\b(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|ECONNRESET|EAI_AGAIN|EPIPE)\b/.exec(text)?.[1];
  if (inText) found.push(inText);
  if (found.some((c) => UNREACHABLE_CODES.has(c))) {
    return new AppError('HOST_UNREACHABLE', `${where}: ${found.join(', ')}`);
  }
  if (/STARTTLS/i.test(text) && /not|unsupported|missing|advertis/i.test(text)) {
    return new AppError('CAPABILITY_MISSING', `${where}: server does not offer STARTTLS`, {
      messageVi: 'Máy chủ không hỗ trợ STARTTLS; hãy chọn TLS hoặc hỏi bộ phận CNTT.',
    });
  }
  if (err.tlsFailed === true || found.some((c) => c.startsWith('ERR_SSL') || c === 'EPROTO')) {
    return new AppError('TLS_FAILED', `${where}: TLS failed: ${text}`);
  }
  if (found.includes('MissingServerExtension')) {
    return new AppError('CAPABILITY_MISSING', `${where}: ${text}`);
  }
  return new AppError(protocol === 'smtp' ? 'SMTP_FAILED' : 'INTERNAL', `${where}: ${text || String(e)}`);
}
