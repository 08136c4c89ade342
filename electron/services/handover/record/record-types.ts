import type { HandoverLedgerSummary } from '../../../../shared/handover-ledger.ts';

// The facts of a handover, as written to data/record/bien-ban.json (payload) and
// rendered into the signed PDF record (seal/bien-ban.pdf). The PDF adds the `seal`
// part, which depends on the finished bag and so cannot live inside its payload.

export const RECORD_TITLE = 'Biên bản bàn giao hộp thư điện tử công vụ';

export interface RecordParty {
  name: string;
  title: string;
  unit: string;
  email: string;
  /** SHA-256 of the party's certificate, `AA:BB:…` as openssl prints it. */
  certificateSha256: string;
}

export interface RecordFolder {
  /**
   * ASCII folder id (data/index/folders.json). Payload files are
   * data/eml/<folder dir>/<Mailbag-Message-ID>.eml, the folder dir derived from the folder's name.
   */
  id: string;
  /** Decoded (Unicode) folder name, e.g. "Chỉ đạo/Đã xử lý". */
  name: string;
  /** \Noselect folders are listed with 0 messages. */
  selectable: boolean;
  specialUse: string | null;
  messages: number;
  bytes: number;
  /** INTERNALDATE of the oldest / newest message, RFC 3339; null when empty. */
  oldest: string | null;
  newest: string | null;
  uidValidity: string;
  uidNext: number;
  highestModseq: string | null;
}

export interface HandoverRecord {
  version: 1;
  title: typeof RECORD_TITLE;
  /** Unit name (Source-Organization), e.g. "Văn phòng UBND tỉnh Bình Phước". */
  unit: string;
  /** Place written in the heading line "<place>, ngày … tháng … năm …". */
  place: string;
  /** When the record was made, RFC 3339 with zone. */
  createdAt: string;
  /** The unit mailbox address. */
  mailbox: string;
  outgoing: RecordParty;
  incoming: RecordParty;
  witness: { name: string } | null;
  snapshot: {
    startedAt: string;
    finishedAt: string;
    /** True when UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ were unchanged at the end. */
    consistent: boolean;
    /** Human-readable changes observed during the export (English detail, folder named). */
    changes: string[];
  };
  folders: RecordFolder[];
  totals: { folders: number; messages: number; bytes: number; oldest: string | null; newest: string | null };
  /** Records in each register (the ledger's and the audit's as read from their record folders). */
  registers: { delegation: number; ledger: number; audit: number };
  /** The processing ledger: entries, the open items (việc đang dở dang) and both chain heads. */
  ledger: HandoverLedgerSummary;
  /** Directives not yet marked processed (from the local cache); null when unknown. */
  openDirectives: number | null;
  credential: {
    /** SHA-256 (hex) of handover/credential.p7m. */
    sha256: string;
    /** Fingerprint of the certificate the credential is sealed to. */
    recipientCertificateSha256: string;
    /** Always true: the IT Centre resets the password at acceptance. */
    passwordResetRequired: true;
  };
}

/** Facts known only once the bag is complete; printed in the PDF, not in the payload. */
export interface RecordSeal {
  payloadOxum: string;
  /** SHA-256 (hex) of tagmanifest-sha256.txt. */
  tagmanifestSha256: string;
  /** Fingerprint of the certificate that signed seal/tagmanifest-sha256.txt.p7s. */
  signerCertificateSha256: string;
  bagName: string;
  /** The exact text of record-binding.json, embedded in the PDF (absent only in previews). */
  binding?: string;
}
