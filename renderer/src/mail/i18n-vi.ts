// Vietnamese strings of the mail-safety parts (remote content, attachments,
// legacy encodings). Kept out of renderer/src/i18n and merged at run time into
// the 'mail' namespace (see i18n.ts); i18n-en.ts must have the same shape.
export const mailVi = {
  remote: {
    loadOnce: 'Tải cho thư này',
    loadAlways: 'Luôn tải từ người gửi này',
    loading: 'Đang tải ảnh qua ứng dụng…',
    howItLoads:
      'Ảnh được ứng dụng tải (có giới hạn dung lượng, chỉ nhận ảnh) rồi hiển thị như ảnh nhúng; khung thư vẫn không được truy cập mạng.',
    noAccount: 'Chưa xác định được hộp thư đang mở nên chưa tải được.',
    noLoadable: 'Thư không có ảnh http/https nào tải được; mọi nội dung từ xa vẫn bị chặn.',
    neverLoadable: '{{count}} mục không phải ảnh http/https nên luôn bị chặn.',
    showList: 'Xem danh sách ({{count}})',
    stillBlocked: 'Vẫn chặn {{count}} nội dung từ xa',
    stillBlockedHelp: 'Chỉ ảnh http/https được tải. Các mục dưới đây vẫn bị chặn.',
    autoLoaded: 'Ảnh từ xa của {{sender}} được tải tự động vì bạn đã cho phép người gửi này.',
    stopAuto: 'Ngừng tự tải',
    alwaysBlocked: 'luôn chặn',
    kind: {
      image: 'Ảnh',
      stylesheet: 'Bảng định kiểu',
      font: 'Phông chữ',
      frame: 'Khung / đối tượng nhúng',
      media: 'Âm thanh / video',
      other: 'Tài nguyên CSS',
    },
  },
  attachment: {
    save: 'Lưu…',
    saving: 'Đang lưu…',
    savedTo: 'Đã lưu vào {{path}}',
    noAccount: 'Chưa xác định được hộp thư đang mở nên chưa lưu được.',
    risky: 'Tệp có thể nguy hiểm',
    confirmTitle: 'Lưu tệp có thể nguy hiểm?',
    fileName: 'Tên tệp',
    contentType: 'Kiểu nội dung khai báo',
    realExtension: 'Phần mở rộng thật: .{{ext}}',
    noExtension: 'Tệp không có phần mở rộng.',
    reason: {
      executable: 'Đây là chương trình chạy được trên máy tính.',
      script: 'Đây là tệp lệnh (script): mở ra là máy chạy lệnh ngay.',
      macro: 'Đây là tài liệu Office có macro, có thể chạy mã khi mở.',
      'disk-image': 'Đây là ảnh đĩa: mở ra sẽ gắn thành ổ đĩa và có thể chứa chương trình.',
      shortcut: 'Đây là lối tắt, có thể trỏ tới và chạy chương trình khác.',
      system: 'Tệp này thay đổi cấu hình hệ thống khi mở.',
      web: 'Tệp này mở bằng trình duyệt, có thể chạy mã hoặc giả trang đăng nhập.',
      'double-extension': 'Tên tệp giả làm tệp .{{decoy}} nhưng phần mở rộng thật là .{{ext}}.',
      padded: 'Tên tệp chèn nhiều khoảng trắng để che phần mở rộng thật .{{ext}}.',
      'hidden-characters':
        'Tên tệp có ký tự ẩn hoặc ký tự đảo chiều (đánh dấu ⟦U+…⟧ ở trên), làm tên hiển thị khác với tên thật.',
      'executable-type': 'Kiểu nội dung khai báo ({{type}}) là chương trình, tệp lệnh, ảnh đĩa hoặc tài liệu có macro.',
      'type-mismatch': 'Kiểu nội dung khai báo ({{type}}) không khớp với phần mở rộng .{{ext}}.',
    },
    confirmWarn:
      'Chỉ lưu khi đã xác nhận với người gửi qua kênh khác (ví dụ gọi điện thoại). Không mở tệp nếu chưa chắc chắn.',
    confirmSave: 'Vẫn lưu tệp .{{ext}}',
    confirmSaveNoExt: 'Vẫn lưu tệp không có phần mở rộng',
  },
  legacy: {
    tcvn3: 'Văn bản đã được chuyển từ mã TCVN3 sang Unicode.',
    vni: 'Văn bản đã được chuyển từ mã VNI sang Unicode.',
    help: 'Nếu còn chữ sai dấu, hãy đối chiếu với mã nguồn thư hoặc hỏi lại người gửi.',
  },
};

export type MailMessages = typeof mailVi;
