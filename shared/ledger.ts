// The processing ledger (Sổ đăng ký và theo dõi xử lý văn bản đến): record
// types as they are signed and stored, the entries the book derives from them,
// and small pure helpers both sides use. Dates of the register (ngày đến,
// deadlines) are calendar days in Vietnam (UTC+7), written YYYY-MM-DD.

export const LEDGER_FORMAT = 'unit-mailbox-ledger/1';

export const URGENCIES = ['hoa-toc', 'thuong-khan', 'khan', 'thuong'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = {
  'hoa-toc': 'Hỏa tốc',
  'thuong-khan': 'Thượng khẩn',
  khan: 'Khẩn',
  thuong: 'Thường',
};

export const LEDGER_RECORD_TYPES = ['register', 'assign', 'claim', 'status', 'reopen'] as const;
export type LedgerRecordType = (typeof LEDGER_RECORD_TYPES)[number];

/** What a status record may set. */
export const STATUS_VALUES = ['dang-xu-ly', 'da-xu-ly', 'luu'] as const;
export type StatusValue = (typeof STATUS_VALUES)[number];

/** An entry's state in the book (Quá hạn is computed from the deadline, see isOverdue). */
export const ENTRY_STATUSES = ['da-vao-so', 'da-giao', 'dang-xu-ly', 'da-xu-ly', 'luu'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = {
  'da-vao-so': 'Đã vào sổ',
  'da-giao': 'Đã giao',
  'dang-xu-ly': 'Đang xử lý',
  'da-xu-ly': 'Đã xử lý',
  luu: 'Lưu, không cần xử lý',
};

/** IMAP keywords mirrored on the original message. */
export const LEDGER_KEYWORDS = {
  registered: '$DaVaoSo',
  inProgress: '$DangXuLy',
  done: '$DaXuLy',
  filed: '$Luu',
} as const;
export const ALL_LEDGER_KEYWORDS: readonly string[] = Object.values(LEDGER_KEYWORDS);

/** The columns of NĐ 30/2020 Appendix IV plus urgency; what the register record carries. */
export interface RegisterFields {
  /** Ngày đến: the day the message reached the mailbox (its INTERNALDATE in Vietnam). */
  ngayDen: string;
  /** Tác giả: the issuing body. */
  tacGia: string;
  /** Số, ký hiệu, e.g. 123/UBND-VX. */
  soKyHieu: string;
  /** Ngày tháng of the document, when known. */
  ngayVanBan: string | null;
  /** Tên loại: Quyết định, Công văn… */
  tenLoai: string;
  trichYeu: string;
  /** Đơn vị hoặc người nhận. */
  nguoiNhan: string;
  ghiChu: string;
  urgency: Urgency;
}

/** The original message a register record points at; folder is relative to the unit mailbox. */
export interface MessageLink {
  folder: string;
  uid: number;
  uidValidity: number | null;
  messageId: string;
}

export interface RecordRef {
  sha256: string;
  seq: number;
  uid: number;
}

interface RecordBase {
  format: typeof LEDGER_FORMAT;
  /** One more than the highest seq the writer linked to. Concurrent writers may share a seq. */
  seq: number;
  /** SHA-256 (hex) of the record.json of the highest-UID record the writer saw; '' for the first. */
  prev: string;
  /** seq and UID of `prev`, to name it when it goes missing. */
  prevRef: { seq: number; uid: number } | null;
  /** Other records no later record linked yet (written concurrently); keeps every record linked. */
  merge?: RecordRef[];
  at: string;
  /** Who acted: their mail address and the certificate that signed the record. */
  by: { email: string; certificateSha256: string };
  /** The unit mailbox address. */
  mailbox: string;
  /** The entry the record is about (the original message's Message-ID). */
  messageId: string;
}

export interface RegisterRecord extends RecordBase {
  type: 'register';
  message: MessageLink;
  fields: RegisterFields;
}
export interface AssignRecord extends RecordBase {
  type: 'assign';
  to: string;
  coHandlers: string[];
  instruction: string;
  deadline: string | null;
}
export interface ClaimRecord extends RecordBase {
  type: 'claim';
}
export interface StatusRecord extends RecordBase {
  type: 'status';
  status: StatusValue;
  result?: { messageId?: string; note?: string };
}
export interface ReopenRecord extends RecordBase {
  type: 'reopen';
  note: string;
  /** Clears the handler so the entry can be claimed again. */
  release: boolean;
}
export type LedgerRecord = RegisterRecord | AssignRecord | ClaimRecord | StatusRecord | ReopenRecord;

/** A record the book took into account, or refused (with why), in UID order. */
export interface EntryEvent {
  uid: number;
  seq: number;
  type: LedgerRecordType;
  at: string;
  by: string;
  accepted: boolean;
  /** The status a status record set. */
  status?: StatusValue;
  /** Whom an assign record gave the entry to. */
  to?: string;
  /** Why a record changed nothing (a lost claim, a duplicate registration…), in Vietnamese. */
  refusedVi?: string;
}

export interface LedgerEntry {
  year: number;
  number: number;
  messageId: string;
  link: MessageLink;
  fields: RegisterFields;
  registeredBy: string;
  registeredAt: string;
  status: EntryStatus;
  /** Who handles it: the assignee or the claimant. */
  handler: string | null;
  coHandlers: string[];
  instruction: string;
  deadline: string | null;
  result: { messageId?: string; note?: string } | null;
  history: EntryEvent[];
}

export interface LedgerBook {
  mailbox: string;
  entries: LedgerEntry[];
  /** Records that refer to no registered entry, or could not be used. */
  orphans: EntryEvent[];
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The calendar day in Vietnam (UTC+7) of an instant, YYYY-MM-DD, whatever the host's time zone. */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** Quá hạn: not finished and the deadline day in Vietnam is over. */
export function isOverdue(entry: Pick<LedgerEntry, 'status' | 'deadline'>, now: Date): boolean {
  if (!entry.deadline || entry.status === 'da-xu-ly' || entry.status === 'luu') return false;
  return vietnamDate(now) > entry.deadline;
}

/** The keywords an entry's state puts on the original message. */
export function keywordsFor(status: EntryStatus): string[] {
  const k = LEDGER_KEYWORDS;
  if (status === 'dang-xu-ly') return [k.registered, k.inProgress];
  if (status === 'da-xu-ly') return [k.registered, k.done];
  if (status === 'luu') return [k.registered, k.filed];
  return [k.registered];
}

/** `NUMBER` of the current year or `YEAR/NUMBER`. */
export function parseEntryNumber(text: string, currentYear: number): { year: number; number: number } | null {
  const m = /^\s*(?:(\d{4})\s*\/\s*)?(\d{1,7})\s*$/.exec(text);
  if (!m) return null;
  const number = Number(m[2]);
  if (number < 1) return null;
  return { year: m[1] ? Number(m[1]) : currentYear, number };
}
