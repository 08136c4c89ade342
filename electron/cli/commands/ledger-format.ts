// Text output of `unit-mailbox ledger …` (the JSON output is the data itself).
import type { LedgerPage, LedgerRow } from '../../../shared/contract-ledger.ts';
import { ENTRY_STATUS_LABELS, URGENCY_LABELS } from '../../../shared/ledger.ts';
import { table } from '../format.ts';

export function formatLedgerPage(page: LedgerPage): string {
  const head = `Sổ đăng ký văn bản đến / ledger of ${page.mailbox}${page.intact ? '' : ' — CẢNH BÁO: chuỗi bản ghi có lỗi (ledger chain damaged)'}`;
  if (page.total === 0) return `${head}\n(không có văn bản / no entries)`;
  const rows = table([
    ['SỐ ĐẾN', 'NGÀY ĐẾN', 'SỐ, KÝ HIỆU', 'ĐỘ KHẨN', 'TRẠNG THÁI', 'NGƯỜI XỬ LÝ', 'HẠN', 'TRÍCH YẾU'],
    ...page.rows.map((r) => [
      `${r.number}/${r.year}`,
      r.ngayDen,
      r.soKyHieu,
      URGENCY_LABELS[r.urgency],
      statusText(r),
      r.assignee ?? '',
      r.deadline ?? '',
      r.subject,
    ]),
  ]);
  const shown = page.rows.length;
  const count =
    shown < page.total
      ? `${shown} trên ${page.total} văn bản (từ vị trí ${page.offset}; dùng --offset/--limit để xem tiếp) / ${shown} of ${page.total}`
      : `${page.total} văn bản / ${page.total} entries`;
  return `${head}\n${rows}\n${count}`;
}

export function formatAction(done: string, r: LedgerRow, recordUid: number | null): string {
  const written = recordUid === null ? ' (đã có trong sổ, không ghi thêm / already registered)' : '';
  const who = r.assignee ? `, người xử lý ${r.assignee}` : '';
  const due = r.deadline ? `, hạn ${r.deadline}` : '';
  return `${done}: số đến ${r.number}/${r.year} — ${statusText(r)}${who}${due}${written}\n${r.subject}`;
}

function statusText(r: LedgerRow): string {
  return ENTRY_STATUS_LABELS[r.status] + (r.overdue ? ' (Quá hạn)' : '');
}
