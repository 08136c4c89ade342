// Links in a message: the confirmation before an external link opens (its real host, in
// Unicode and punycode, and what about it may deceive) and mailto: links opening the composer.
// Spread into the 'app' namespace as `links`.
export const linksVi = {
  confirmTitle: 'Mở liên kết bên ngoài?',
  deceptiveTitle: 'Cảnh báo: liên kết có dấu hiệu giả mạo',
  realHost: 'Máy chủ thật sẽ mở',
  punycode: 'Dạng punycode của tên miền',
  fullAddress: 'Địa chỉ đầy đủ',
  shownAs: 'Chữ hiển thị trong thư',
  openAnyway: 'Vẫn mở liên kết',
  suspicious: 'Đáng ngờ',
  compose: 'Soạn thư…',
  noComposer: 'Không mở được trình soạn thư ở đây.',
  mailtoDropped: 'Đã bỏ qua các trường trong liên kết thư: {{fields}}.',
  mailtoInvalid: 'Đã bỏ qua địa chỉ không hợp lệ: {{values}}.',
  warn: {
    textDiffers: 'Chữ hiển thị là một địa chỉ khác với nơi liên kết thật sự dẫn tới.',
    bidi: 'Liên kết chứa ký tự đảo chiều chữ (như RLO) có thể làm đảo thứ tự hiển thị.',
    invisible: 'Liên kết chứa ký tự ẩn, không nhìn thấy được.',
    lookalike: 'Liên kết dùng ký tự giả dạng: dấu gạch chéo, dấu chấm hoặc chữ cái trông giống mà khác.',
    mixedScript: 'Tên miền trộn chữ của nhiều bảng chữ cái (ví dụ chữ Kirin trông như chữ Latinh).',
    credentials: 'Có tên đăng nhập trước tên máy chủ: phần trước dấu @ không phải trang sẽ mở.',
    ipHost: 'Liên kết trỏ tới một địa chỉ IP thay vì tên miền.',
    idn: 'Tên miền quốc tế: hãy so dạng punycode với địa chỉ bạn chờ đợi.',
    insecure: 'Trang dùng http, không được mã hóa.',
  },
};
