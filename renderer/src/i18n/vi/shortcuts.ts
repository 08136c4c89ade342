// Vietnamese strings of the keyboard shortcuts window ("?"): part of namespace
// 'app' (see index.ts); en/shortcuts.ts has the same shape. The words follow
// the toolbar's (actions.*), so a shortcut and its button say the same thing.
export const shortcutsVi = {
  shortcuts: {
    title: 'Phím tắt',
    intro: 'Các phím dùng được khi con trỏ không ở trong ô nhập chữ. Nhấn ? để mở bảng này, Esc để đóng.',
    close: 'Đóng',
    keysColumn: 'Phím',
    actionColumn: 'Thao tác',
    or: 'hoặc',
    group: {
      list: 'Di chuyển trong danh sách thư',
      actions: 'Thao tác với thư',
      general: 'Tìm kiếm và chung',
    },
    key: {
      up: 'Mũi tên lên',
      down: 'Mũi tên xuống',
      left: 'Mũi tên trái',
      right: 'Mũi tên phải',
    },
    action: {
      upDown: 'Chọn thư phía trên / phía dưới',
      homeEnd: 'Về thư đầu / thư cuối danh sách',
      page: 'Lên / xuống một trang',
      extend: 'Chọn thêm thư (mở rộng vùng chọn)',
      cursor: 'Di chuyển mà không đổi vùng chọn',
      selectAll: 'Chọn tất cả thư',
      open: 'Mở thư đang chọn',
      thread: 'Mở / thu gọn hội thoại',
      toggleRead: 'Đổi đã đọc / chưa đọc',
      markRead: 'Đánh dấu đã đọc',
      markUnread: 'Đánh dấu chưa đọc',
      flag: 'Gắn cờ / bỏ gắn cờ',
      move: 'Chuyển tới thư mục…',
      trash: 'Chuyển vào Thùng rác',
      undo: 'Hoàn tác thao tác vừa làm',
      search: 'Tìm thư',
      clearSearch: 'Xóa tìm kiếm (khi đang ở ô tìm kiếm)',
      help: 'Mở bảng phím tắt này',
      close: 'Đóng hộp thoại hoặc bảng đang mở',
      tab: 'Sang nút hoặc ô kế tiếp / trước đó',
    },
  },
};
