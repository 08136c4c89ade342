export type SpecialUse = '\\Inbox' | '\\Sent' | '\\Drafts' | '\\Trash' | '\\Junk' | '\\Archive' | '\\All' | '\\Flagged';

export interface FolderInfo {
  /** Server path (decoded from modified UTF-7), the key for every call. */
  path: string;
  /** Last path segment, for display. */
  name: string;
  parentPath: string | null;
  delimiter: string;
  specialUse: SpecialUse | null;
  subscribed: boolean;
  selectable: boolean;
  messages: number | null;
  unseen: number | null;
}

export interface Address {
  name: string;
  address: string;
}

/**
 * Where a message's date comes from: its Date header, or (the header missing,
 * empty or unreadable) the server's INTERNALDATE, which the views mark as such.
 */
export type DateSource = 'header' | 'internal';

export interface MessageSummary {
  uid: number;
  date: string | null;
  /** Absent or 'header': the Date header; 'internal': the server's INTERNALDATE. */
  dateSource?: DateSource | null;
  from: Address[];
  to: Address[];
  subject: string;
  flags: string[];
  size: number;
  hasAttachments: boolean;
}

export interface AttachmentInfo {
  index: number;
  filename: string;
  contentType: string;
  size: number;
  inline: boolean;
  contentId: string | null;
}

export interface MessageDetail {
  uid: number;
  folder: string;
  messageId: string | null;
  date: string | null;
  /** 'internal' when the Date header was missing or unreadable and the INTERNALDATE is shown instead. */
  dateSource?: DateSource | null;
  from: Address[];
  to: Address[];
  cc: Address[];
  replyTo: Address[];
  subject: string;
  flags: string[];
  /** Plain-text body (or text derived from HTML). */
  text: string;
  /**
   * The message's own HTML, UNSANITIZED. The renderer must pass it through the
   * sanitizer and show it only in the sandboxed frame.
   */
  html: string | null;
  /** Inline images referenced by cid:, as data: URLs (size-capped). */
  inlineImages: Record<string, string>;
  attachments: AttachmentInfo[];
  /** Set when parsing failed or was partial; the raw source is then provided. */
  parseWarning: string | null;
  /** Set when TCVN3 (ABC/.Vn fonts) or VNI text was detected and converted to Unicode. */
  legacyEncoding: { from: 'tcvn3' | 'vni'; parts: Array<'subject' | 'text' | 'html'> } | null;
  rawSource: string | null;
  /** S/MIME signature of the message (multipart/signed), checked by main; absent when unsigned. */
  signature?: MessageSignature | null;
}

/**
 * What the signed badge says: `valid` (content unchanged, signer trusted by a configured CA),
 * `untrusted` (content unchanged, but nobody vouches for the signer: compare the fingerprint),
 * `invalid` (the content was changed after signing, or the signature is broken).
 */
export interface MessageSignature {
  state: 'valid' | 'untrusted' | 'invalid';
  signerName: string | null;
  signerEmail: string | null;
  /** SHA-256 of the signer's certificate, 'AB:CD:…'. */
  fingerprint: string | null;
  signingTime: string | null;
  /** English detail of what failed (empty when valid). */
  problems: string[];
}

/** A message row served from the local cache (list, search, directives). */
export interface CachedSummary extends MessageSummary {
  folder: string;
  /** Conversation key (root of References / In-Reply-To). */
  threadId: string;
  isDirective: boolean;
  /** 'directive' (an order or official document), 'invitation' (Giấy mời: its own kind, not an order), or null. */
  directiveKind?: 'directive' | 'invitation' | null;
  /** 0 normal, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc. */
  urgency: number;
  snippet: string;
}

export type SortKey = 'date' | 'from' | 'subject';

export interface MessagePage {
  total: number;
  offset: number;
  rows: CachedSummary[];
}

export interface SyncProgressEvent {
  accountId: string;
  folder: string;
  phase: 'folders' | 'headers' | 'changes' | 'bodies' | 'index' | 'done' | 'error' | 'cancelled';
  done: number;
  total: number;
  /** Estimated milliseconds left for this phase, when it can be told. */
  etaMs: number | null;
  error?: { code: string; messageVi: string; detail: string };
}

export interface SyncSummary {
  folders: number;
  messages: number;
  added: number;
  updated: number;
  removed: number;
  durationMs: number;
}

export interface SearchHit extends CachedSummary {
  /** 'cache' when found locally, 'server' when only the server's SEARCH found it. */
  source: 'cache' | 'server';
}

/** One page of search results: ranked by relevance, then date. */
export interface SearchPage {
  /** How many messages match in all (every page). */
  total: number;
  offset: number;
  hits: SearchHit[];
  /**
   * Folders whose text is not all indexed yet (or not synced): the server's SEARCH was asked
   * there with the words as typed, and its hits follow the local ones.
   */
  serverFolders: string[];
  /** The server could not be asked for those folders (offline): results may be missing. */
  serverUnavailable: boolean;
}
