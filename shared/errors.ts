// Typed errors that cross the IPC boundary. Every error carries a Vietnamese
// message for the user and an English detail for logs and IT staff. No field
// may ever contain a password: constructors take none.

export const ERROR_CODES = [
  'VALIDATION',
  'AUTH_FAILED',
  'HOST_UNREACHABLE',
  'TIMEOUT',
  'NETWORK',
  'TLS_UNTRUSTED',
  'TLS_FAILED',
  'CAPABILITY_MISSING',
  'KEYCHAIN_UNAVAILABLE',
  'SECRET_MISSING',
  'ACCOUNT_EXISTS',
  'ACCOUNT_NOT_FOUND',
  'DOMAIN_NOT_ALLOWED',
  'FREEMAIL_FORBIDDEN',
  'INSECURE_NOT_CONFIRMED',
  'FOLDER_NOT_FOUND',
  'MESSAGE_NOT_FOUND',
  'MALFORMED_MESSAGE',
  'AUTOCONFIG_NOT_FOUND',
  'SMTP_FAILED',
  'FORBIDDEN_SENDER',
  'IDENTITY_MISSING',
  'IDENTITY_INVALID',
  'CERTIFICATE_INVALID',
  'DECRYPT_FAILED',
  'PACKAGE_INVALID',
  'FILE_ERROR',
  'CANCELLED',
  'ACL_UNSUPPORTED',
  'PERMISSION_DENIED',
  'REGISTER_TAMPERED',
  'RECIPIENT_INVALID',
  'OUTSIDE_DOMAIN_UNCONFIRMED',
  'MESSAGE_TOO_LARGE',
  'RECIPIENT_REFUSED',
  'ON_BEHALF_NOT_ALLOWED',
  'OUTBOX_ENTRY_NOT_FOUND',
  'DIRECTORY_NOT_CONFIGURED',
  'DIRECTORY_FAILED',
  'DIRECTORY_ENTRY_NOT_FOUND',
  'HOLIDAYS_INVALID',
  'LEDGER_ENTRY_NOT_FOUND',
  'LEDGER_CLAIM_LOST',
  'LEDGER_NOT_ALLOWED',
  'LEDGER_TAMPERED',
  'AUDIT_TAMPERED',
  'AUDIT_QUEUE_FAILED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorPayload {
  code: ErrorCode;
  /** Shown to the user (Vietnamese). */
  messageVi: string;
  /** English, for logs and support; never contains a secret. */
  detail: string;
  /** Structured extras, e.g. a certificate fingerprint. */
  data?: Record<string, string | number | boolean | null>;
}

/** Default Vietnamese messages; callers may give a more specific one. */
export const ERROR_MESSAGES_VI: Record<ErrorCode, string> = {
  VALIDATION: 'Dữ liệu nhập không hợp lệ.',
  AUTH_FAILED: 'Sai tên đăng nhập hoặc mật khẩu.',
  HOST_UNREACHABLE: 'Không kết nối được tới máy chủ. Kiểm tra địa chỉ, cổng và mạng.',
  TIMEOUT: 'Máy chủ không trả lời kịp thời.',
  NETWORK: 'Mất kết nối tới máy chủ giữa chừng. Phần đã tải được giữ lại; lần sau sẽ tiếp tục từ chỗ dừng.',
  TLS_UNTRUSTED:
    'Chứng chỉ của máy chủ không được tin cậy. Đối chiếu dấu vân tay hoặc chọn tệp chứng chỉ CA của đơn vị.',
  TLS_FAILED: 'Không thiết lập được kết nối bảo mật (TLS) với máy chủ.',
  CAPABILITY_MISSING: 'Máy chủ thiếu tính năng bắt buộc.',
  KEYCHAIN_UNAVAILABLE:
    'Không truy cập được kho khóa của hệ điều hành. Ứng dụng không lưu mật khẩu ở dạng rõ, nên chưa thể lưu tài khoản.',
  SECRET_MISSING: 'Không tìm thấy mật khẩu của tài khoản trong kho khóa. Hãy nhập lại mật khẩu.',
  ACCOUNT_EXISTS: 'Tài khoản này đã có trong ứng dụng.',
  ACCOUNT_NOT_FOUND: 'Không tìm thấy tài khoản.',
  DOMAIN_NOT_ALLOWED: 'Địa chỉ không thuộc tên miền công vụ được phép dùng cho hộp thư đơn vị.',
  FREEMAIL_FORBIDDEN: 'Theo Điều 11 của Quy chế, không dùng hộp thư miễn phí (yahoo, hotmail, gmail…) cho công việc.',
  INSECURE_NOT_CONFIRMED: 'Kết nối không mã hóa chỉ được dùng khi bạn xác nhận rõ ràng chấp nhận rủi ro.',
  FOLDER_NOT_FOUND: 'Không tìm thấy thư mục.',
  MESSAGE_NOT_FOUND: 'Không tìm thấy thư.',
  MALFORMED_MESSAGE: 'Thư bị lỗi định dạng; chỉ hiển thị được một phần.',
  AUTOCONFIG_NOT_FOUND: 'Không tự tìm được cấu hình máy chủ; hãy nhập thủ công.',
  SMTP_FAILED: 'Máy chủ gửi thư (SMTP) từ chối hoặc không trả lời.',
  FORBIDDEN_SENDER: 'Máy chủ không cho phép gửi thư với địa chỉ người gửi này.',
  IDENTITY_MISSING: 'Chưa có danh tính ký số. Hãy tạo mới hoặc nhập chứng thư số (.p12/.pfx) trước.',
  IDENTITY_INVALID: 'Không đọc được chứng thư số: tệp hỏng hoặc sai mật khẩu.',
  CERTIFICATE_INVALID: 'Chứng thư số không hợp lệ, đã hết hạn hoặc không dùng được cho việc này.',
  DECRYPT_FAILED: 'Không mở được gói niêm phong: khóa của bạn không phải khóa của người nhận.',
  PACKAGE_INVALID: 'Gói bàn giao không hợp lệ hoặc đã bị sửa đổi.',
  FILE_ERROR: 'Không đọc hoặc ghi được tệp.',
  CANCELLED: 'Đã hủy theo yêu cầu.',
  ACL_UNSUPPORTED: 'Máy chủ thư không hỗ trợ phân quyền hộp thư (IMAP ACL).',
  PERMISSION_DENIED: 'Máy chủ từ chối: tài khoản của bạn không có quyền thực hiện thao tác này trên hộp thư.',
  REGISTER_TAMPERED: 'Sổ ủy quyền đã bị sửa đổi hoặc thiếu bản ghi.',
  RECIPIENT_INVALID: 'Địa chỉ người nhận không hợp lệ.',
  OUTSIDE_DOMAIN_UNCONFIRMED: 'Có người nhận ngoài các tên miền công vụ. Hãy kiểm tra lại và xác nhận trước khi gửi.',
  MESSAGE_TOO_LARGE: 'Thư quá lớn so với giới hạn của máy chủ gửi thư. Hãy bớt hoặc nén tệp đính kèm.',
  RECIPIENT_REFUSED: 'Máy chủ từ chối người nhận.',
  ON_BEHALF_NOT_ALLOWED:
    'Bạn chưa được ủy quyền "Soạn gửi thay" cho hộp thư đơn vị này, nên không thể gửi thư thay đơn vị.',
  OUTBOX_ENTRY_NOT_FOUND: 'Không tìm thấy thư trong hộp thư đi (có thể đã được gửi hoặc xóa).',
  DIRECTORY_NOT_CONFIGURED:
    'Chưa cấu hình danh bạ điện tử của tỉnh (hoặc tệp cấu hình không hợp lệ). Hãy báo Trung tâm CNTT.',
  DIRECTORY_FAILED: 'Danh bạ điện tử trả lời lỗi; chưa tra cứu được.',
  DIRECTORY_ENTRY_NOT_FOUND: 'Không tìm thấy mục này (người, đơn vị hoặc nhóm) trong danh bạ điện tử.',
  HOLIDAYS_INVALID: 'Tệp ngày nghỉ lễ không hợp lệ hoặc không đọc được. Hãy báo Trung tâm CNTT.',
  LEDGER_ENTRY_NOT_FOUND: 'Không tìm thấy văn bản này trong sổ đăng ký văn bản đến.',
  LEDGER_CLAIM_LOST: 'Văn bản này đã có người khác nhận xử lý trước.',
  LEDGER_NOT_ALLOWED: 'Bạn không được thực hiện thao tác này với văn bản trong sổ.',
  LEDGER_TAMPERED: 'Sổ đăng ký văn bản đến đã bị sửa đổi hoặc thiếu bản ghi.',
  AUDIT_TAMPERED: 'Nhật ký thao tác đã bị sửa đổi, xóa bớt hoặc đảo thứ tự bản ghi.',
  AUDIT_QUEUE_FAILED: 'Không ghi được nhật ký thao tác vào máy này; thao tác chưa được ghi nhận.',
  INTERNAL: 'Đã xảy ra lỗi không mong muốn.',
};

export function isAppErrorPayload(value: unknown): value is AppErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppErrorPayload).code === 'string' &&
    typeof (value as AppErrorPayload).messageVi === 'string'
  );
}
