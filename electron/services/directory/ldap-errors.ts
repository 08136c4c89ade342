// Turns what ldapts and the socket throw into the app's typed errors, naming the directory server
// in the English detail. Never includes a password (ldapts' errors carry none).
import {
  ConfidentialityRequiredError,
  InappropriateAuthError,
  InsufficientAccessError,
  InvalidCredentialsError,
  InvalidDNSyntaxError,
  NoSuchObjectError,
  ResultCodeError,
  StrongAuthRequiredError,
  TimeLimitExceededError,
  UnavailableError,
  UnwillingToPerformError,
} from 'ldapts';
import { AppError } from '../errors/app-error.ts';

const UNTRUSTED = new Set([
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
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNRESET',
  'EPIPE',
]);

const where = (url: string): string => `LDAP ${url}`;

function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function socketError(e: Error, url: string): AppError | null {
  const code = codeOf(e) ?? '';
  if (UNTRUSTED.has(code)) {
    return new AppError('TLS_UNTRUSTED', `${where(url)}: certificate not trusted (${code}): ${e.message}`, {
      data: { reason: code },
      messageVi:
        code === 'ERR_TLS_CERT_ALTNAME_INVALID'
          ? 'Chứng chỉ của máy chủ danh bạ điện tử không mang tên máy chủ đã cấu hình.'
          : 'Chứng chỉ của máy chủ danh bạ điện tử không được tin cậy (tệp CA do Trung tâm CNTT cấu hình không khớp).',
    });
  }
  if (UNREACHABLE.has(code)) {
    return new AppError('HOST_UNREACHABLE', `${where(url)}: ${code}`, {
      messageVi: 'Không kết nối được tới máy chủ danh bạ điện tử. Kiểm tra mạng hoặc báo Trung tâm CNTT.',
    });
  }
  if (code === 'ETIMEDOUT' || /timed? ?out/i.test(e.message)) {
    return new AppError('TIMEOUT', `${where(url)}: ${e.message}`, {
      messageVi: 'Máy chủ danh bạ điện tử không trả lời kịp thời.',
    });
  }
  if (code.startsWith('ERR_SSL') || code === 'EPROTO' || /\bTLS\b|\bSSL\b/.test(e.message)) {
    return new AppError('TLS_FAILED', `${where(url)}: TLS failed: ${e.message}`, {
      messageVi: 'Không thiết lập được kết nối bảo mật (TLS) với máy chủ danh bạ điện tử.',
    });
  }
  return null;
}

function resultError(e: ResultCodeError, url: string): AppError {
  const detail = `${where(url)}: ${e.name} (${e.code}): ${e.message}`;
  if (e instanceof InvalidCredentialsError || e instanceof InappropriateAuthError) {
    return new AppError('AUTH_FAILED', detail, {
      messageVi: 'Máy chủ danh bạ điện tử từ chối tên đăng nhập hoặc mật khẩu.',
    });
  }
  if (e instanceof InsufficientAccessError) {
    return new AppError('PERMISSION_DENIED', detail, {
      messageVi: 'Máy chủ danh bạ điện tử không cho phép tài khoản này tra cứu.',
    });
  }
  if (e instanceof ConfidentialityRequiredError || e instanceof StrongAuthRequiredError) {
    return new AppError('TLS_FAILED', detail, {
      messageVi: 'Máy chủ danh bạ điện tử đòi kết nối hoặc đăng nhập an toàn hơn. Hãy báo Trung tâm CNTT.',
    });
  }
  if (e instanceof TimeLimitExceededError) {
    return new AppError('TIMEOUT', detail, { messageVi: 'Máy chủ danh bạ điện tử không trả lời kịp thời.' });
  }
  if (e instanceof NoSuchObjectError || e instanceof InvalidDNSyntaxError) {
    return new AppError('DIRECTORY_FAILED', detail, {
      messageVi: 'Không tìm thấy mục cần tra trong danh bạ điện tử (kiểm tra base DN trong cấu hình).',
    });
  }
  if (e instanceof UnavailableError || e instanceof UnwillingToPerformError) {
    return new AppError('DIRECTORY_FAILED', detail, {
      messageVi: 'Máy chủ danh bạ điện tử đang bận hoặc từ chối yêu cầu. Hãy thử lại sau.',
    });
  }
  return new AppError('DIRECTORY_FAILED', detail);
}

/** The typed error for a failure talking to the directory at `url`. */
export function classifyLdapError(e: unknown, url: string): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof ResultCodeError) return resultError(e, url);
  if (e instanceof Error) {
    const found = socketError(e, url) ?? (e.cause instanceof Error ? socketError(e.cause, url) : null);
    if (found) return found;
    if (/closed|socket/i.test(e.message)) {
      return new AppError('HOST_UNREACHABLE', `${where(url)}: ${e.message}`, {
        messageVi: 'Máy chủ danh bạ điện tử đã đóng kết nối.',
      });
    }
    return new AppError('DIRECTORY_FAILED', `${where(url)}: ${e.message}`);
  }
  return new AppError('DIRECTORY_FAILED', `${where(url)}: ${String(e)}`);
}
