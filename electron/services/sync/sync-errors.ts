// A sync that loses its connection midway (server killed, network gone, socket reset) is a
// NETWORK error: nothing is wrong with the app, what was committed stays, and the next sync
// resumes from there (folder-sync.ts fetches only what the cache still lacks).
import { AppError, toAppError } from '../errors/app-error.ts';

const LOST_CODES = new Set([
  'NoConnection',
  'EConnectionClosed',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEOUT',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_SOCKET_CLOSED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
]);
const LOST_TEXT =
  /connection (?:not available|closed|lost|reset)|socket (?:hang up|closed)|unexpected close|premature close|ECONNRESET|EPIPE/i;

/** The error a sync ends with, as the user should see it. */
export function classifySyncError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const codes: string[] = [];
  const messages: string[] = [];
  const seen = new Set<unknown>();
  for (let cur: unknown = e; cur && typeof cur === 'object' && !seen.has(cur);) {
    seen.add(cur);
    const err = cur as { code?: unknown; message?: unknown; _err?: unknown; cause?: unknown };
    if (typeof err.code === 'string') codes.push(err.code);
    if (typeof err.message === 'string') messages.push(err.message);
    cur = err._err ?? err.cause;
  }
  const text = messages.join(' | ');
  if (codes.some((c) => LOST_CODES.has(c)) || LOST_TEXT.test(text))
    return new AppError('NETWORK', `connection lost during sync (${[...codes, text].filter(Boolean).join('; ')})`, {
      cause: e,
    });
  return toAppError(e);
}
