import { ERROR_MESSAGES_VI, type AppErrorPayload, type ErrorCode } from '../../../shared/errors.ts';

type ErrorData = NonNullable<AppErrorPayload['data']>;

/**
 * The one error type services throw. The constructor takes no free-form
 * object so that a password cannot ride along by accident.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageVi: string;
  readonly detail: string;
  readonly data: ErrorData | undefined;

  constructor(code: ErrorCode, detail: string, options?: { messageVi?: string; data?: ErrorData; cause?: unknown }) {
    super(`${code}: ${detail}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.messageVi = options?.messageVi ?? ERROR_MESSAGES_VI[code];
    this.data = options?.data;
  }

  toPayload(): AppErrorPayload {
    const payload: AppErrorPayload = { code: this.code, messageVi: this.messageVi, detail: this.detail };
    if (this.data) payload.data = this.data;
    return payload;
  }

  /** The error again from its payload, e.g. as a worker thread posted it. */
  static fromPayload(p: AppErrorPayload): AppError {
    return new AppError(p.code, p.detail, { messageVi: p.messageVi, ...(p.data ? { data: p.data } : {}) });
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Wraps anything thrown into an AppError, keeping its message (never its fields). */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new AppError('INTERNAL', message, { cause: e });
}
