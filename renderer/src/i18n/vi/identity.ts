// Vietnamese strings of the signing identity ("Chữ ký số"): the 'identity'
// group of namespace 'handover' (see index.ts); en/identity.ts has the same shape.

export const identityVi = {
  heading: 'Chữ ký số của tôi',
  intro:
    'Chữ ký số dùng để ký gói bàn giao (khi bạn bàn giao) và để mở mật khẩu được niêm phong cho bạn (khi bạn nhận bàn giao). Khóa bí mật chỉ nằm trong kho khóa của hệ điều hành.',
  none: 'Bạn chưa có chữ ký số.',
  noneHelp:
    'Tạo mới (ứng dụng tự tạo cặp khóa và chứng thư tự ký) hoặc nhập tệp .p12/.pfx do tổ chức cấp chứng thư số cấp.',
  ready: 'Chữ ký số đã sẵn sàng.',
  fingerprint: 'Dấu vân tay SHA-256',
  fingerprintHelp:
    'Đọc dấu vân tay này qua điện thoại (theo từng dòng, từng nhóm 4 ký tự) để bên kia đối chiếu với chứng thư họ nhận được.',
  sourceCreated: 'Do ứng dụng tạo lúc {{date}}.',
  sourceImported: 'Nhập từ tệp .p12/.pfx lúc {{date}}.',
  chain: 'Chuỗi chứng thư',
  keyInKeychain: 'Khóa bí mật được giữ trong kho khóa của hệ điều hành, không có trong tệp nào.',
  exportCert: 'Lưu chứng thư (.pem)…',
  exportHelp:
    'Gửi tệp chứng thư (không chứa khóa bí mật) cho người bàn giao để họ niêm phong mật khẩu hộp thư cho riêng bạn.',
  exported: 'Đã lưu chứng thư vào:',
  replace: 'Thay bằng chữ ký số khác…',
  replaceWarning:
    'Khi thay chữ ký số, khóa cũ bị xóa khỏi kho khóa: gói bàn giao đã niêm phong cho chứng thư cũ sẽ không mở được nữa.',
  create: {
    heading: 'Tạo chữ ký số mới',
    intro:
      'Ứng dụng tạo cặp khóa RSA-3072 và chứng thư tự ký có hiệu lực 5 năm, ghi họ tên, chức vụ, đơn vị và thư điện tử.',
    name: 'Họ và tên',
    namePlaceholder: 'Nguyễn Văn Hùng',
    title: 'Chức vụ',
    titlePlaceholder: 'Chánh Văn phòng',
    unit: 'Đơn vị',
    unitPlaceholder: 'Văn phòng UBND tỉnh Bình Phước',
    email: 'Thư điện tử',
    emailPlaceholder: 'nvhung@binhphuoc.gov.vn',
    submit: 'Tạo chữ ký số',
    busy: 'Đang tạo cặp khóa…',
  },
  import: {
    heading: 'Nhập chứng thư số (.p12/.pfx)',
    intro: 'Dùng khi đơn vị đã được cấp chứng thư số kèm khóa trong một tệp PKCS#12.',
    file: 'Tệp chứng thư',
    pick: 'Chọn tệp…',
    noFile: 'Chưa chọn tệp',
    password: 'Mật khẩu của tệp',
    passwordHint: 'Mật khẩu chỉ dùng một lần để mở tệp; ứng dụng không lưu lại.',
    submit: 'Nhập',
    busy: 'Đang nhập…',
  },
  advice: {
    IDENTITY_INVALID: 'Kiểm tra lại mật khẩu của tệp (phân biệt chữ hoa, chữ thường) hoặc xin lại tệp từ nơi cấp.',
    KEYCHAIN_UNAVAILABLE:
      'Khóa bí mật chỉ được lưu trong kho khóa của hệ điều hành. Hãy mở khóa kho khóa (đăng nhập lại vào máy) rồi thử lại; không có gì được lưu ở nơi khác.',
    IDENTITY_MISSING: 'Mở thẻ “Chữ ký số” để tạo mới hoặc nhập chứng thư.',
    CERTIFICATE_INVALID: 'Chọn tệp chứng thư khác (PEM hoặc DER) còn hiệu lực.',
    FILE_ERROR: 'Kiểm tra tệp còn tồn tại và bạn có quyền đọc, ghi ở thư mục đó.',
  },
};
