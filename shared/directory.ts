// Types of the recipient sources beyond the cache: the user's contacts list (imported from vCard
// or CSV) and the province's electronic directory (danh bạ điện tử, Art. 5) over LDAP.

/** One contact of the local list: one address (a vCard with three EMAILs gives three). */
export interface Contact {
  id: number;
  name: string;
  /** As imported, NFC, domain in ASCII. */
  address: string;
  organization: string;
  title: string;
  phone: string;
  /** Where it came from: 'vcard' or 'csv' (file import). */
  source: 'vcard' | 'csv';
  addedAt: string;
  updatedAt: string;
}

/** Why a record of an imported file was not taken. */
export type ContactSkipReason = 'no-address' | 'invalid-address' | 'duplicate-in-file' | 'formula-cell' | 'malformed';

/** What "import contacts" answers: "N imported, M skipped (reason)". */
export interface ContactsImportReport {
  /** The file's name (not its path). */
  file: string;
  format: 'vcard' | 'csv';
  /** New contacts. */
  imported: number;
  /** Contacts already in the list whose name, unit or title the file brought up to date. */
  updated: number;
  /** Already in the list, nothing new. */
  unchanged: number;
  skipped: number;
  /** Per reason: how many, and a few examples as found in the file (for the user to fix). */
  reasons: Array<{ reason: ContactSkipReason; count: number; examples: string[] }>;
  /** Vietnamese one-liner for a toast: "Đã nhập 12 liên hệ, bỏ qua 3 (…)". */
  summaryVi: string;
}

/** What kind of entry the directory holds: an official, a unit (a department's mailbox), a group. */
export type DirectoryEntryKind = 'person' | 'unit' | 'group';

export interface DirectoryEntry {
  dn: string;
  kind: DirectoryEntryKind;
  name: string;
  /** Null for a person or unit without a mailbox, and for groups without a list address. */
  address: string | null;
  title: string;
  /** The unit (ou, department or o) the entry belongs to, or a unit's own parent. */
  unit: string;
  phone: string;
}

/** A directory search: the entries, and whether the server had more than it returned. */
export interface DirectorySearchResult {
  entries: DirectoryEntry[];
  /** True when the server stopped at the size limit: more entries match ("N of more"). */
  truncated: boolean;
}

/** A group (e.g. "Các sở, ban, ngành") expanded to its members' addresses, nested groups included. */
export interface GroupExpansion {
  dn: string;
  name: string;
  members: Array<{ dn: string; name: string; address: string; detail?: string }>;
  /** Members that could not be used (no mailbox, not found, a nesting loop), by DN, with the reason. */
  skipped: Array<{ dn: string; reason: 'no-address' | 'not-found' | 'loop' | 'too-deep' | 'limit' }>;
  /** True when the member limit cut the list short. */
  truncated: boolean;
}

/** The directory settings as the settings screen shows them (read-only: the IT Centre deploys them). */
export interface DirectoryConfigView {
  url: string;
  baseDn: string;
  /** The CA file's path, or null for the system's trust store. */
  caFile: string | null;
  bind: 'anonymous' | 'user';
  searchAttributes: string[];
  timeoutSeconds: number;
  maxResults: number;
}

export interface DirectoryStatus {
  /** A valid configuration file is deployed. */
  configured: boolean;
  /** The file the configuration was read from (or would be). */
  source: string;
  /** Set when the file exists but is invalid (the directory is then off): Vietnamese, with the English detail. */
  error: string | null;
  config: DirectoryConfigView | null;
  /** Null when not checked (not configured, or not asked to check). */
  reachable: boolean | null;
  /** Why the check failed: the typed error's code and its messages. */
  problem: { code: string; messageVi: string; detail: string } | null;
}
