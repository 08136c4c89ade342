// Delegation through IMAP ACL (RFC 4314): rights in plain words, the presets a
// unit head chooses from, and the data the UI shows. Pure: imported by both sides.

/** RFC 4314 rights in the RFC's canonical order. */
export const ACL_RIGHTS = ['l', 'r', 's', 'w', 'i', 'p', 'k', 'x', 't', 'e', 'a'] as const;
export type AclRight = (typeof ACL_RIGHTS)[number];

/**
 * Obsolete RFC 2086 rights that servers still report (Dovecot shows `c` with k/x and `d` with x/t/e).
 * They are derived from the real rights, so comparisons ignore them.
 */
export const OBSOLETE_RIGHTS = ['c', 'd'] as const;

export const RIGHT_WORDS: Record<AclRight, { vi: string; en: string }> = {
  l: { vi: 'thấy thư mục', en: 'see the folder' },
  r: { vi: 'đọc thư', en: 'read messages' },
  s: { vi: 'giữ trạng thái đã đọc', en: 'keep read status' },
  w: { vi: 'gắn nhãn/cờ', en: 'set flags and labels' },
  i: { vi: 'thêm/chép thư vào', en: 'add or copy messages in' },
  p: { vi: 'gửi tới thư mục', en: 'post to the folder' },
  k: { vi: 'tạo thư mục con', en: 'create subfolders' },
  x: { vi: 'xóa/đổi tên thư mục', en: 'delete or rename the folder' },
  t: { vi: 'đánh dấu xóa thư', en: 'mark messages deleted' },
  e: { vi: 'xóa hẳn (expunge)', en: 'remove deleted messages for good (expunge)' },
  a: { vi: 'quản trị quyền', en: 'administer rights' },
};

export const DELEGATION_ROLES = ['xem', 'xu-ly', 'soan-gui', 'custom'] as const;
export type DelegationRole = (typeof DELEGATION_ROLES)[number];
export type PresetRole = Exclude<DelegationRole, 'custom'>;

/**
 * Preset rights. `xu-ly` is the smallest set with which a delegate can set flags and keywords
 * and file a message from INBOX into another folder on Dovecot 2.3 (test/integration/delegation-rights):
 * l to find the folder, r to open it, s to keep \Seen, w for flags, i to file into the target,
 * t + e to take the message out of the source (MOVE needs e; COPY + \Deleted + EXPUNGE needs t too).
 */
export const ROLE_RIGHTS: Record<PresetRole, string> = {
  xem: 'lrs',
  'xu-ly': 'lrswite',
  'soan-gui': 'lrswipte',
};

export const ROLE_LABELS: Record<DelegationRole, { vi: string; en: string }> = {
  xem: { vi: 'Xem', en: 'Read only' },
  'xu-ly': { vi: 'Xử lý', en: 'Process' },
  'soan-gui': { vi: 'Soạn gửi thay', en: 'Process and send on behalf' },
  custom: { vi: 'Tùy chỉnh', en: 'Custom' },
};

export const GRANT_WARNINGS = ['admin-right', 'smtp-sender-needed', 'not-yet-valid'] as const;
export type GrantWarning = (typeof GRANT_WARNINGS)[number];

export const GRANT_WARNING_TEXT: Record<GrantWarning, { vi: string; en: string }> = {
  'admin-right': {
    vi: 'Quyền quản trị (a) cho phép người được ủy quyền tự cấp hoặc thu hồi quyền của người khác trên hộp thư.',
    en: 'The administer right (a) lets the delegate grant and revoke rights of others on the mailbox.',
  },
  'smtp-sender-needed': {
    vi: 'Để gửi thư với địa chỉ của đơn vị, máy chủ gửi thư (SMTP) còn phải cho phép tài khoản của người được ủy quyền dùng địa chỉ này (Postfix: smtpd_sender_login_maps). Việc này do Trung tâm CNTT cấu hình, ứng dụng không cấp được.',
    en: 'Sending as the unit also needs the SMTP server to allow this sender for the delegate (Postfix smtpd_sender_login_maps); the IT Centre configures it, the app cannot grant it.',
  },
  'not-yet-valid': {
    vi: 'Ủy quyền chưa đến ngày bắt đầu: quyền sẽ được cấp khi đến hạn.',
    en: 'The grant starts later: rights are applied when it becomes valid.',
  },
};

/** Shown next to a shared mailbox: what "read" means when several people open it. */
export const PER_USER_SEEN_NOTE = {
  vi: 'Trạng thái "đã đọc" được máy chủ lưu riêng cho từng người: thư bạn đã đọc vẫn là chưa đọc với lãnh đạo đơn vị và những người khác.',
  en: 'The server keeps "read" per person: messages you have read stay unread for the unit head and the others.',
} as const;

export interface RightsCheck {
  /** Canonical RFC order, without duplicates. */
  rights: string;
  /** Letters that are not RFC 4314 rights (or not offered by the server). */
  invalid: string[];
}

/** Keeps known letters in RFC order; drops the obsolete c/d; lists anything else as invalid. */
export function normalizeRights(input: string, allowed: readonly string[] = ACL_RIGHTS): RightsCheck {
  const seen = new Set<string>();
  const invalid: string[] = [];
  for (const ch of input) {
    if ((OBSOLETE_RIGHTS as readonly string[]).includes(ch)) continue;
    if ((ACL_RIGHTS as readonly string[]).includes(ch) && allowed.includes(ch)) seen.add(ch);
    else if (!invalid.includes(ch)) invalid.push(ch);
  }
  return { rights: ACL_RIGHTS.filter((r) => seen.has(r)).join(''), invalid };
}

/** Letters of `a` not in `b` (both normalized). */
export function rightsMinus(a: string, b: string): string {
  const other = new Set(normalizeRights(b).rights);
  return [...normalizeRights(a).rights].filter((r) => !other.has(r)).join('');
}

export function rightsUnion(...all: string[]): string {
  return normalizeRights(all.join('')).rights;
}

export function rightsInWords(rights: string, lang: 'vi' | 'en' = 'vi'): string[] {
  return [...normalizeRights(rights).rights].map((r) => RIGHT_WORDS[r as AclRight][lang]);
}

/** What the UI may offer in a folder with these rights (the server enforces them anyway). */
export interface FolderAbilities {
  see: boolean;
  read: boolean;
  keepSeen: boolean;
  flag: boolean;
  fileInto: boolean;
  post: boolean;
  createChild: boolean;
  deleteFolder: boolean;
  markDeleted: boolean;
  expunge: boolean;
  /** Move a message out of the folder (MOVE needs e; the COPY fallback also t). */
  moveOut: boolean;
  administer: boolean;
}

export function abilitiesOf(rights: string): FolderAbilities {
  const r = new Set(normalizeRights(rights).rights);
  return {
    see: r.has('l'),
    read: r.has('r'),
    keepSeen: r.has('s'),
    flag: r.has('w'),
    fileInto: r.has('i'),
    post: r.has('p'),
    createChild: r.has('k'),
    deleteFolder: r.has('x'),
    markDeleted: r.has('t'),
    expunge: r.has('e'),
    moveOut: r.has('r') && r.has('t') && r.has('e'),
    administer: r.has('a'),
  };
}

// ---------------------------------------------------------------------------
// The register (Sổ ủy quyền)

export const REGISTER_RECORD_TYPES = [
  'grant',
  'change',
  'expire',
  'revoke',
  'drift-fix',
  'credential-grant',
  'credential-revoke',
  'password-reset',
] as const;
export type RegisterRecordType = (typeof REGISTER_RECORD_TYPES)[number];

export const RECORD_TYPE_WORDS: Record<RegisterRecordType, { vi: string; en: string }> = {
  grant: { vi: 'Cấp quyền', en: 'Grant' },
  change: { vi: 'Thay đổi quyền', en: 'Change' },
  expire: { vi: 'Hết hạn, thu hồi', en: 'Expired and revoked' },
  revoke: { vi: 'Thu hồi', en: 'Revoke' },
  'drift-fix': { vi: 'Sửa quyền lệch sổ', en: 'Drift fixed' },
  'credential-grant': { vi: 'Giao mật khẩu niêm phong', en: 'Sealed credential given' },
  'credential-revoke': { vi: 'Thu hồi mật khẩu đã giao', en: 'Sealed credential revoked' },
  'password-reset': { vi: 'Đổi mật khẩu hộp thư', en: 'Mailbox password reset' },
};

/** Role of a record: a preset, custom letters, or the whole credential (servers without ACL). */
export type RecordRole = DelegationRole | 'credential' | 'none';

/** One record of the register, as signed (its canonical JSON is what the signature covers). */
export interface RegisterRecordDto {
  format: 'unit-mailbox-delegation/1';
  seq: number;
  /** SHA-256 (hex) of the previous record's canonical JSON; '' for the first record. */
  prev: string;
  type: RegisterRecordType;
  /** RFC 3339. */
  at: string;
  by: { email: string; certificateSha256: string };
  /** The unit mailbox address. */
  mailbox: string;
  /** The delegate's address (lower case); '' for records about the mailbox itself. */
  delegate: string;
  role: RecordRole;
  rights: string;
  scope: 'all' | string[];
  validFrom: string;
  validUntil: string | null;
  note?: string;
}

export const REGISTER_PROBLEM_KINDS = [
  'unreadable',
  'bad-signature',
  'signer-mismatch',
  'not-canonical',
  'duplicate-seq',
  'seq-gap',
  'broken-chain',
  'missing-last',
  'head-mismatch',
] as const;
export type RegisterProblemKind = (typeof REGISTER_PROBLEM_KINDS)[number];

export interface RegisterProblem {
  kind: RegisterProblemKind;
  /** The record concerned (its seq as written, when readable). */
  seq: number | null;
  /** UID of the record's message in the record folder. */
  uid: number | null;
  messageVi: string;
  detail: string;
}

export interface RegisterState {
  folder: string;
  records: number;
  /** Highest seq read, with the SHA-256 of its canonical JSON. */
  head: { seq: number; sha256: string } | null;
  intact: boolean;
  problems: RegisterProblem[];
  /** SHA-256 fingerprints of the certificates that signed the records. */
  signers: string[];
}

export const GRANT_STATUSES = ['active', 'scheduled', 'expired-revoking', 'expired', 'revoked'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

export const GRANT_STATUS_WORDS: Record<GrantStatus, { vi: string; en: string }> = {
  active: { vi: 'Đang hiệu lực', en: 'Active' },
  scheduled: { vi: 'Chưa đến ngày bắt đầu', en: 'Not yet valid' },
  'expired-revoking': { vi: 'Đã hết hạn, đang thu hồi', en: 'Expired, revoking' },
  expired: { vi: 'Đã hết hạn', en: 'Expired' },
  revoked: { vi: 'Đã thu hồi', en: 'Revoked' },
};

/** The register's current view of one delegate. */
export interface DelegationGrant {
  delegate: string;
  role: RecordRole;
  rights: string;
  rightsWords: string[];
  scope: 'all' | string[];
  validFrom: string;
  validUntil: string | null;
  status: GrantStatus;
  /** Seq of the record that set this state. */
  seq: number;
  /** 'acl' grants rights on the server; 'credential' gave the sealed password (servers without ACL). */
  mode: 'acl' | 'credential';
}

export interface AclEntry {
  identifier: string;
  rights: string;
  words: string[];
  /** The mailbox owner itself. */
  owner: boolean;
}

export interface FolderAcl {
  path: string;
  name: string;
  myRights: string;
  myRightsWords: string[];
  entries: AclEntry[];
}

export interface DelegationOverview {
  accountId: string;
  mailbox: string;
  aclSupported: boolean;
  folders: FolderAcl[];
  grants: DelegationGrant[];
  register: RegisterState;
  /** Folders that appeared since the last look and received the 'all'-scope grants. */
  appliedToNewFolders: string[];
}

export interface GrantRequest {
  delegate: string;
  role: DelegationRole;
  /** Letters for role 'custom'. */
  rights?: string;
  /** The administer right (a) is refused unless this is true. */
  allowAdmin?: boolean;
  /** 'all' (folders created later included) or chosen folder paths. */
  scope: 'all' | string[];
  /** RFC 3339; default now. */
  validFrom?: string;
  /** RFC 3339 or null (no end). */
  validUntil?: string | null;
  note?: string;
}

export interface GrantResult {
  delegate: string;
  role: DelegationRole;
  rights: string;
  rightsWords: string[];
  scope: 'all' | string[];
  /** Folders whose ACL was set now (empty for a grant that starts later). */
  folders: string[];
  validFrom: string;
  validUntil: string | null;
  warnings: GrantWarning[];
  record: RegisterRecordDto;
}

export interface RevokeResult {
  delegate: string;
  /** Folders where the delegate had rights and DELETEACL was sent. */
  folders: string[];
  /** GETACL afterwards found no right of the delegate anywhere. */
  confirmedEmpty: boolean;
  /** What GETACL still showed, if anything. */
  remaining: Array<{ path: string; rights: string }>;
  /** From the first DELETEACL to the confirmation. */
  elapsedMs: number;
  record: RegisterRecordDto | null;
}

export const DRIFT_KINDS = ['unexplained', 'missing'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface DriftFinding {
  /** Stable id for fixDrift: kind, folder, identifier and letters. */
  id: string;
  kind: DriftKind;
  folder: string;
  identifier: string;
  /** The letters concerned: present but unexplained, or expected but missing. */
  rights: string;
  live: string;
  expected: string;
  messageVi: string;
  detail: string;
}

export interface CheckReport {
  accountId: string;
  mailbox: string;
  /** No drift and an intact register. */
  ok: boolean;
  drift: DriftFinding[];
  register: RegisterState;
  /** Findings fixed in this run (check --fix). */
  fixed: DriftFinding[];
}

export interface SharedFolder {
  path: string;
  name: string;
  rights: string;
  words: string[];
  abilities: FolderAbilities;
}

/** A mailbox another user shares with this account. */
export interface SharedMailbox {
  owner: string;
  /** Namespace prefix plus owner and delimiter, e.g. 'shared/vanphong@binhphuoc.gov.vn/'. */
  prefix: string;
  folders: SharedFolder[];
}

export interface AclSupport {
  supported: boolean;
  /** The server's RIGHTS= capability (RFC 4314 §2.1), e.g. 'texk'. */
  rightsCapability: string | null;
  messageVi: string;
  detail: string;
}
