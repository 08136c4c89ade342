// The audit log (nhật ký) of a unit mailbox: one signed, hash-chained record
// per action taken through the app, kept in the mailbox's record folder
// `UnitMailbox/Audit`. Types shared by the service and, later, the UI.

export const AUDIT_FORMAT = 'unit-mailbox-audit/1';

export const AUDIT_KINDS = [
  'register',
  'assign',
  'claim',
  'status',
  'reopen',
  'send-as-unit',
  'send-on-behalf',
  'reply',
  'forward',
  'move',
  'delete',
  'flag',
  'delegation-grant',
  'delegation-revoke',
  'export',
  'accept',
  'other',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** A message the action was about, named relative to the unit mailbox. */
export interface AuditMessageRef {
  folder: string;
  uid: number;
  uidValidity: number | null;
  messageId: string | null;
}

export type AuditDetailValue = string | number | boolean | null;

/** What the caller says happened. */
export interface AuditAction {
  kind: AuditKind;
  message?: AuditMessageRef | null;
  details?: Record<string, AuditDetailValue>;
}

/** One record as stored (record.json), before it is signed. */
export interface AuditRecord {
  format: typeof AUDIT_FORMAT;
  /** Unique per action: a queued action appended twice is recognised. */
  id: string;
  seq: number;
  prev: string;
  prevRef: { seq: number; uid: number } | null;
  merge?: Array<{ sha256: string; seq: number; uid: number }>;
  /** When the action happened (the injected clock), not when the record reached the server. */
  at: string;
  by: { email: string; certificateSha256: string };
  mailbox: string;
  kind: AuditKind;
  message: AuditMessageRef | null;
  details: Record<string, AuditDetailValue>;
}

export interface AuditEntry extends AuditRecord {
  /** UID of the record message in the audit folder. */
  uid: number;
  sha256: string;
  /** Canonical, signature valid, signed by the certificate it names. */
  trusted: boolean;
}

export const AUDIT_PROBLEM_KINDS = [
  'unreadable',
  'not-canonical',
  'bad-signature',
  'signer-mismatch',
  'missing',
  'reordered',
  'bad-seq',
  'unlinked',
  'missing-last',
] as const;
export type AuditProblemKind = (typeof AUDIT_PROBLEM_KINDS)[number];

export interface AuditProblem {
  kind: AuditProblemKind;
  seq: number | null;
  uid: number | null;
  detail: string;
  messageVi: string;
}

export interface AuditVerification {
  folder: string;
  records: number;
  intact: boolean;
  problems: AuditProblem[];
  /** The first problem in log order (lowest seq, then UID). */
  first: AuditProblem | null;
}

export interface AuditFilter {
  /** ISO instants, inclusive. */
  from?: string;
  to?: string;
  actor?: string;
  kind?: AuditKind;
}

/** The outcome of record(): on the server, or kept locally until the server is back. */
export interface AuditRecordResult {
  id: string;
  state: 'appended' | 'queued';
  uid: number | null;
  seq: number | null;
  /** Records still waiting in the local queue for this mailbox. */
  pending: number;
}

export const OUTSIDE_LABEL_VI = 'ngoài ứng dụng';

export interface OutsideChange {
  folder: string;
  uid: number;
  kind: 'flags' | 'modified' | 'removed';
  knownModseq: string;
  currentModseq: string | null;
  knownFlags: string[];
  currentFlags: string[] | null;
  labelVi: typeof OUTSIDE_LABEL_VI;
  messageVi: string;
}
