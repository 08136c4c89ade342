// The message list's context menu (right click, Shift+F10, the Menu key on a row).
export const rowMenuVi = {
  rowMenu: {
    label: 'Thao tác với thư "{{subject}}"',
    noSubject: '(Không có tiêu đề)',
    reply: 'Trả lời',
    'reply-all': 'Trả lời tất cả',
    forward: 'Chuyển tiếp',
    'forward-attachment': 'Chuyển tiếp dạng tệp đính kèm',
    markRead: 'Đánh dấu đã đọc',
    markUnread: 'Đánh dấu chưa đọc',
    flag: 'Gắn cờ',
    unflag: 'Bỏ cờ',
    move: 'Chuyển tới…',
    trash: 'Xóa',
  },
};
