// Accepting a handover package: the comparison of the package with the live mailbox and
// the acceptance result. Shared by the services, the CLI and the UI; no Node or DOM APIs.
import type { VerifyReport } from './handover.ts';
import type { HandoverLedgerSummary } from './handover-ledger.ts';

export interface FolderDiff {
  /** Decoded folder path. */
  path: string;
  /** ASCII id of the folder in the package (data/eml/<id>/). */
  id: string;
  /**
   * One of the app's own record folders (UnitMailbox/…: registers, ledger, audit): compared like
   * the others but never counted as mail in the totals (the app itself adds records there).
   */
  appRecords?: boolean;
  existsLive: boolean;
  /** The folder was rebuilt on the server (UIDs no longer comparable; matched by Message-ID). */
  uidValidityChanged: boolean;
  inPackage: number;
  live: number;
  /** In the package but not on the server. */
  missing: number;
  /** On both, with other flags/keywords or another size under the same UID. */
  changed: number;
  /** On the server, not in the package: arrived since the handover. */
  added: number;
  /** Package UIDs of the missing messages. */
  missingUids: number[];
  /** Package UIDs of the changed messages. */
  changedUids: number[];
  /** Live UIDs of the messages added since. */
  addedUids: number[];
}

export interface PackageDiff {
  folders: FolderDiff[];
  /** Live folders the package does not have (created since the handover). */
  newFolders: string[];
  totals: { inPackage: number; live: number; missing: number; changed: number; added: number };
}

/** A message of the package, as the comparison's lists show it (missing, changed). */
export interface PackageMessageRow {
  /** The message's UID in the package (the server's at the handover). */
  uid: number;
  /** Decoded, NFC. */
  subject: string;
  /** "Name <address>", decoded. */
  from: string;
  /** INTERNALDATE, ISO. */
  internalDate: string;
  size: number;
  messageId: string;
}

/** One folder messages were put back into. */
export interface RestoredFolder {
  path: string;
  restored: number;
  bytes: number;
  /** The folder was gone from the server and was created again. */
  created: boolean;
}

/**
 * Messages a restore left alone, and why: `changed` ones are still on the server (other flags or
 * size under the same UID; the server's copy is kept); `not-in-package` ones are named by the
 * comparison but have no file in the package index.
 */
export interface RestoreSkip {
  path: string;
  messages: number;
  reason: 'changed' | 'not-in-package';
}

export interface RestoreResult {
  restored: number;
  bytes: number;
  /** Folders created on the server to restore into. */
  createdFolders: string[];
  /** Per folder, what was put back (folders with nothing restored are left out). */
  folders: RestoredFolder[];
  /** What was not restored, per folder and reason. */
  skipped: RestoreSkip[];
}

export interface AcceptResult {
  verification: VerifyReport;
  /** The unit mailbox now in this app (its password is in this user's keychain). */
  accountId: string;
  email: string;
  /** True when the account already existed here and its stored password was replaced. */
  replacedExisting: boolean;
  diff: PackageDiff;
  restore: RestoreResult | null;
  receipt: {
    /** Files written into the package's seal/ folder (or appended to the .tar). */
    files: string[];
    /** Where the receipt was stored in the mailbox (the app's record folder), or why not. */
    mailboxFolder: string | null;
    mailboxError: string | null;
    statementSha256: string;
  };
  /**
   * The processing ledger as the package's record states it: the open items (việc đang dở
   * dang) to show the incoming head first, and the chain heads; null for a package without it.
   */
  ledger: HandoverLedgerSummary | null;
  /** Addresses holding delegated rights granted by the previous head (to review). */
  activeDelegates: string[];
  /** Vietnamese reminders (CLI); the UI words its own from the fields above. */
  reminders: string[];
}
