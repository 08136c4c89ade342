// What a handover carries about the processing ledger and the audit: the open items (việc đang
// dở dang) the incoming head must see first, and the head of each hash chain. Written by the
// exporter into the record (data/record/bien-ban.json), read back at acceptance. Shared by the
// services, the CLI and the UI; no Node or DOM APIs.
import type { EntryStatus } from './ledger.ts';

/** One ledger entry not yet Đã xử lý or Lưu at the handover. */
export interface HandoverOpenItem {
  year: number;
  /** Số đến within its year. */
  number: number;
  /** Ngày đến, YYYY-MM-DD (Vietnam). */
  ngayDen: string;
  soKyHieu: string;
  tacGia: string;
  /** "Tên loại: trích yếu", as the register prints it. */
  trichYeu: string;
  /** Độ khẩn in Vietnamese (Hỏa tốc, Thượng khẩn, Khẩn, Thường). */
  urgency: string;
  status: EntryStatus;
  /** Vietnamese status label, e.g. "Đã giao". */
  statusLabel: string;
  /** Who handles it (assignee or claimant); null when nobody does yet. */
  assignee: string | null;
  coHandlers: string[];
  /** Hạn xử lý, YYYY-MM-DD; null when none was set. */
  deadline: string | null;
  /** The deadline day is over (as of the export). */
  overdue: boolean;
  messageId: string;
}

/** The state of one record chain (ledger or audit) as read at the handover. */
export interface HandoverChainHead {
  /** The record folder read, e.g. "UnitMailbox/Ledger"; null when the mailbox has none. */
  folder: string | null;
  uidValidity: number | null;
  /** Record messages read (every readable record, trusted or not). */
  records: number;
  /** SHA-256 (hex) of the record.json of the newest record (highest UID); null when empty. */
  head: string | null;
  headSeq: number | null;
  headUid: number | null;
  /** Other records no later record links to yet (written at the same moment as the head). */
  tips: string[];
  /** Every record readable, canonical, signed by whom it names, and the links unbroken. */
  intact: boolean;
  problems: number;
  /** The first problem (English detail), null when intact. */
  firstProblem: string | null;
}

export interface HandoverLedgerSummary {
  /** Entries in the book (all years). */
  entries: number;
  /** Entries not Đã xử lý or Lưu; `openItems` lists them. */
  open: number;
  overdue: number;
  /** Overdue first, then by deadline, then by số đến. */
  openItems: HandoverOpenItem[];
  chains: { ledger: HandoverChainHead; audit: HandoverChainHead };
}
