// The notices of the processing ledger (the bell in the top bar): assigned to me, due tomorrow,
// overdue, returned for rework, a queued action lost or applied, the head's daily digest.
// Spread into the 'app' namespace as `notices`.
export const noticesVi = {
  open: 'Thông báo',
  unread_other: '{{count}} thông báo chưa đọc',
  title: 'Thông báo về sổ văn bản đến',
  empty: 'Chưa có thông báo nào.',
  markRead: 'Đánh dấu đã đọc',
  clear: 'Xóa danh sách',
  close: 'Đóng',
  urgent: 'Cần chú ý',
  kind: {
    assigned: 'Được giao xử lý: văn bản số đến {{number}}/{{year}}',
    dueTomorrow: 'Đến hạn ngày mai: văn bản số đến {{number}}/{{year}}',
    overdue: 'Quá hạn xử lý: văn bản số đến {{number}}/{{year}}',
    reopened: 'Trả lại để xử lý lại: văn bản số đến {{number}}/{{year}}',
    queueLost: 'Thao tác không được ghi vào sổ: văn bản số đến {{number}}/{{year}}',
    queueApplied: 'Đã ghi vào sổ thao tác làm khi mất kết nối: văn bản số đến {{number}}/{{year}}',
    digest: 'Tổng hợp sổ văn bản đến ngày {{day}}',
  },
  detail: {
    deadline: 'Hạn xử lý: {{deadline}}',
    by: 'Người thực hiện: {{by}}',
    winner: 'Đã do {{by}} nhận xử lý trước.',
    reason: 'Lý do: {{reason}}',
    digest:
      '{{newCount}} văn bản mới, {{overdueCount}} quá hạn, {{dueTodayCount}} đến hạn hôm nay, {{dueTomorrowCount}} đến hạn ngày làm việc tới',
  },
};
